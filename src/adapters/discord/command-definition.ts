/**
 * @module adapters/discord/command-definition
 * The `/brief` application command as Discord's JSON: one command whose subcommands come from the
 * subcommand table, so registration and dispatch can never disagree.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { BriefError } from '../../core/errors.js';
import type { BriefSubcommandDefinition } from './subcommand.js';

export const COMMAND_NAME = 'brief';
export const SEARCH_LIMIT_DEFAULT = 5;
export const SEARCH_LIMIT_MAX = 10;

export const BUILTIN_DEFINITIONS = {
  ask: {
    name: 'ask',
    description: 'Ask a question; the answer quotes and links the articles it comes from',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'question',
        description: 'Your question, e.g. "How big is the OpenAI–AWS deal?"',
        required: true,
      },
    ],
  },
  search: {
    name: 'search',
    description: 'Find articles by words (only you see the results; you can share them)',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'terms',
        description: 'Words to look for, e.g. "Nvidia GPUs"',
        required: true,
        max_length: 200,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'outlet',
        description: 'Only articles from this outlet',
        autocomplete: true,
      },
      {
        type: ApplicationCommandOptionType.Integer,
        name: 'limit',
        description: `How many articles to show (1–${SEARCH_LIMIT_MAX}, default ${SEARCH_LIMIT_DEFAULT})`,
        min_value: 1,
        max_value: SEARCH_LIMIT_MAX,
      },
    ],
  },
  sources: { name: 'sources', description: 'What the bot has read: articles, outlets, dates' },
  help: { name: 'help', description: 'How to ask, search and follow up' },
} satisfies Record<string, BriefSubcommandDefinition>;

const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;

/** The `/brief` command JSON for `PUT /applications/:id/commands`, built-ins first, then `extra`. */
export function briefCommandDefinition(
  extra: readonly BriefSubcommandDefinition[] = [],
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const all: BriefSubcommandDefinition[] = [...Object.values(BUILTIN_DEFINITIONS), ...extra];
  checkDefinitions(all);
  return {
    type: ApplicationCommandType.ChatInput,
    name: COMMAND_NAME,
    description: 'Cited answers and searches over the news articles this bot has read',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: all.map((d) => ({
      type: ApplicationCommandOptionType.Subcommand,
      name: d.name,
      description: d.description,
      ...(d.options ? { options: d.options } : {}),
    })),
  };
}

function checkDefinitions(all: readonly BriefSubcommandDefinition[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  if (all.length > 25) problems.push(`${all.length} subcommands (Discord allows 25)`);
  for (const d of all) {
    if (!NAME.test(d.name)) problems.push(`"${d.name}" is not a valid subcommand name (lowercase, 1–32)`);
    if (seen.has(d.name)) problems.push(`"${d.name}" is defined twice`);
    if (d.description.length < 1 || d.description.length > 100) {
      problems.push(`"${d.name}" needs a description of 1–100 characters`);
    }
    seen.add(d.name);
  }
  if (problems.length > 0)
    throw new BriefError('internal', `Invalid /brief subcommands: ${problems.join('; ')}`);
}

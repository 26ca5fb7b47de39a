/**
 * @module adapters/discord/builtin-subcommands
 * The rows of the `/brief` table that ship with the bot: ask, search, sources, help.
 */
import type { Briefing } from '../../core/briefing.js';
import { createConversation } from '../../core/conversation/converse.js';
import { validateQuestion } from '../../core/question-limits.js';
import type { SearchResult } from '../../core/search-result.js';
import { BUILTIN_DEFINITIONS, SEARCH_LIMIT_DEFAULT } from './command-definition.js';
import type { DiscordDeps } from './discord-deps.js';
import { LIMITS, truncate } from './discord-limits.js';
import { logAnswered } from './message-handler.js';
import { prepareAnswer } from './prepare-answer.js';
import { renderHelp, renderSearch, renderSources } from './render-lookups.js';
import type { BriefSubcommand, BriefSubcommandDefinition } from './subcommand.js';

/**
 * Searching within one outlet filters the hits across all outlets: it asks for this many first, then
 * four times as many each round while too few match and more come back, up to the maximum.
 */
const OUTLET_SEARCH_DEPTH = 50;
const OUTLET_SEARCH_MAX_DEPTH = 800;

export interface HelpContext {
  /** Every subcommand, built-in and extra, for the help text. */
  definitions: () => readonly BriefSubcommandDefinition[];
  /** How to mention the bot, e.g. "<@123>". */
  botMention: () => string;
}

export function createBuiltinSubcommands(deps: DiscordDeps, help: HelpContext): BriefSubcommand[] {
  const { briefing, config } = deps;
  // The rate limit is checked before the deferral (chat-command): this conversation does not count again.
  const conversation = createConversation({ ...deps, maxQuestionChars: config.BRIEF_MAX_QUESTION_CHARS });
  const ask: BriefSubcommand = {
    ...BUILTIN_DEFINITIONS.ask,
    visibility: 'public',
    rateLimited: true,
    validate: ({ interaction }) => {
      validateQuestion(interaction.options.getString('question', true), config.BRIEF_MAX_QUESTION_CHARS);
    },
    run: ({ interaction, userId, conversationKey, conversationRoot, onProgress }) =>
      prepareAnswer(
        conversation,
        (key, outcome) => logAnswered({ deps }, key, outcome),
        {
          question: interaction.options.getString('question', true),
          asker: `discord:${userId}`,
          key: conversationKey,
          rootId: conversationRoot,
        },
        onProgress,
      ),
  };
  const search: BriefSubcommand = {
    ...BUILTIN_DEFINITIONS.search,
    visibility: 'ephemeral',
    shareable: true,
    rateLimited: true,
    run: async ({ interaction }) => {
      const terms = interaction.options.getString('terms', true);
      const outlet = interaction.options.getString('outlet')?.trim() || null;
      const limit = interaction.options.getInteger('limit') ?? SEARCH_LIMIT_DEFAULT;
      const results = outlet
        ? await searchOutlet(briefing, terms, outlet, limit)
        : (await briefing.search(terms, limit)).results;
      return { messages: renderSearch(terms, outlet, results.slice(0, limit)) };
    },
    autocomplete: async ({ focused }) => {
      if (focused.name !== 'outlet') return [];
      const typed = focused.value.trim().toLocaleLowerCase();
      return (await briefing.sources()).outlets
        .flatMap((o) =>
          o.source === null || o.source.trim() === '' ? [] : [{ source: o.source, articles: o.articles }],
        )
        .filter((o) => o.source.toLocaleLowerCase().includes(typed))
        .sort((a, b) => b.articles - a.articles || a.source.localeCompare(b.source))
        .slice(0, LIMITS.choices)
        .map((o) => ({
          name: truncate(
            `${o.source} (${o.articles} article${o.articles === 1 ? '' : 's'})`,
            LIMITS.choiceName,
          ),
          value: truncate(o.source, LIMITS.choiceName),
        }));
    },
  };
  const sources: BriefSubcommand = {
    ...BUILTIN_DEFINITIONS.sources,
    visibility: 'ephemeral',
    shareable: true,
    run: async () => ({ messages: renderSources(await briefing.sources()) }),
  };
  const helpCommand: BriefSubcommand = {
    ...BUILTIN_DEFINITIONS.help,
    visibility: 'ephemeral',
    run: async () => ({ messages: renderHelp(help.definitions(), help.botMention()) }),
  };
  return [ask, search, sources, helpCommand];
}

/** The best `limit` hits from one outlet (case-insensitive), looking deeper while too few match. */
async function searchOutlet(
  briefing: Briefing,
  terms: string,
  outlet: string,
  limit: number,
): Promise<SearchResult[]> {
  const wanted = outlet.toLocaleLowerCase();
  let matches: SearchResult[] = [];
  let seen = -1;
  for (let depth = OUTLET_SEARCH_DEPTH; depth <= OUTLET_SEARCH_MAX_DEPTH; depth *= 4) {
    const found = (await briefing.search(terms, depth)).results;
    matches = found.filter((r) => r.source?.toLocaleLowerCase() === wanted);
    // Stop when enough match, or when looking deeper found nothing new (the results ran out).
    if (matches.length >= limit || found.length <= seen) break;
    seen = found.length;
  }
  return matches;
}

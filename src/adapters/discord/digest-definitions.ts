/**
 * @module adapters/discord/digest-definitions
 * The `/brief digest | subscribe | unsubscribe | subscriptions` subcommands as Discord's JSON, with no
 * dependencies, so `brief discord:register` can register them without opening any store.
 */
import { ApplicationCommandOptionType } from 'discord.js';
import type { BriefSubcommandDefinition } from './subcommand.js';

export const DIGEST_DEFINITIONS = {
  digest: {
    name: 'digest',
    description:
      'The latest news as a digest of stories with their sources (only you see it; you can share it)',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        description: 'Only stories about this, e.g. "AI chips"',
        max_length: 100,
      },
    ],
  },
  subscribe: {
    name: 'subscribe',
    description: 'Post a digest in this channel on a schedule (default: daily at 08:00)',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'schedule',
        description: 'When: "daily 08:00", "weekdays 07:30" or cron "0 8 * * 1-5" (default: daily 08:00)',
        max_length: 100,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'tz',
        description: 'Time zone such as Europe/Berlin; type a city to search (default: the bot’s zone)',
        autocomplete: true,
        max_length: 64,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        description: 'Only stories about this, e.g. "AI chips" (default: all news)',
        max_length: 100,
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'quiet',
        description: 'Post nothing when there is no news, instead of "Nothing new" (default: false)',
      },
    ],
  },
  unsubscribe: {
    name: 'unsubscribe',
    description: 'Stop a digest in this channel (without a topic: stop all of them)',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        description: 'The topic of the digest to stop; leave empty to stop every digest here',
        autocomplete: true,
        max_length: 100,
      },
    ],
  },
  subscriptions: {
    name: 'subscriptions',
    description: 'The digests this channel gets, and when the next one is due',
  },
} satisfies Record<string, BriefSubcommandDefinition>;

/** For `registerDiscordCommands({ extraSubcommands })` when the bot runs with digests. */
export const DIGEST_SUBCOMMAND_DEFINITIONS: readonly BriefSubcommandDefinition[] =
  Object.values(DIGEST_DEFINITIONS);

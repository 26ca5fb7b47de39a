/**
 * @module adapters/discord/discord-deps
 * What the Discord adapter needs from the composition root, and the runtime it builds from it.
 */
import type { Client } from 'discord.js';
import type { Config } from '../../config.js';
import type { Briefing } from '../../core/briefing.js';
import type { Conversation } from '../../core/conversation/converse.js';
import type { ChatStateStores, Clock, ConversationStore, FeedbackStore, Logger } from '../../core/ports.js';
import type { SharedRateLimiter } from '../../core/rate-limiter.js';
import type { BriefSubcommand } from './subcommand.js';

export type DiscordConfig = Pick<
  Config,
  | 'DISCORD_TOKEN'
  | 'DISCORD_APPLICATION_ID'
  | 'DISCORD_API_URL'
  | 'DISCORD_MESSAGE_CONTENT'
  | 'BRIEF_MAX_QUESTION_CHARS'
  | 'BRIEF_RATE_LIMIT_PER_MINUTE'
>;

export interface DiscordDeps {
  config: DiscordConfig;
  briefing: Briefing;
  conversations: ConversationStore;
  feedback: FeedbackStore;
  clock: Clock;
  logger: Logger;
  /** More `/brief` subcommands (digest, subscribe, ...), after the built-ins; register them too. */
  subcommands?: readonly BriefSubcommand[];
  /**
   * The chat state shared by every process on one database; the per-person rate limit is counted in
   * its `rateLimits`, so shards and bots on one store enforce one limit. Without it: this process's.
   */
  chatState?: ChatStateStores;
  /** How long to wait for the gateway to become ready before giving up (default 60 s). */
  readyTimeoutMs?: number;
  /**
   * How long `stop()` waits for the work in progress (interactions, mentions, including what arrives
   * while it waits) before it disconnects; default 10 s. An interaction still running then is told to
   * run it again.
   */
  drainTimeoutMs?: number;
}

/** Everything the event handlers share while the client runs. */
export interface DiscordRuntime {
  deps: DiscordDeps;
  client: Client;
  limiter: SharedRateLimiter;
  /** The conversation use case plain-message questions go through (mentions, DMs, threads, replies). */
  conversation: Conversation;
  subcommands: ReadonlyMap<string, BriefSubcommand>;
}

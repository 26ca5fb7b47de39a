/**
 * @module adapters/discord
 * The Discord adapter's public surface: start the bot (one process or sharded), register `/brief`,
 * the subcommand table types, digests (the digest/subscribe subcommands and the DigestSink) and story
 * alerts (the alert subcommand and the AlertSink).
 */
export { createDiscordAlertSink } from './alert-sink.js';
export { ALERT_DEFINITION, discordAlertSubcommands } from './alert-subcommands.js';
export { BUILTIN_DEFINITIONS, briefCommandDefinition, COMMAND_NAME } from './command-definition.js';
export { intentsFor, restBaseUrl } from './create-discord-client.js';
export type { PostedMessage } from './deliver.js';
export { DIGEST_DEFINITIONS, DIGEST_SUBCOMMAND_DEFINITIONS } from './digest-definitions.js';
export { type DigestRenderOptions, renderDigest } from './digest-render.js';
export {
  createDiscordDigestSink,
  type DiscordDigestSinkOptions,
  type DiscordPoster,
} from './digest-sink.js';
export { type DiscordDigestDeps, discordDigestSubcommands } from './digest-subcommands.js';
export type { DiscordConfig, DiscordDeps } from './discord-deps.js';
export { LIMITS, packEmbeds, splitText, truncate } from './discord-limits.js';
export { discordFeedSubcommands, FEEDS_DEFINITION } from './feed-subcommands.js';
export { NO_MENTIONS } from './outgoing.js';
export { discordInviteUrl, INVITE_PERMISSIONS } from './permissions.js';
export { type RegisterOptions, registerDiscordCommands } from './register-commands.js';
export { citationField, renderAnswer } from './render-answer.js';
export { COLOURS, formatDate, linkedTitle, plain } from './render-parts.js';
export {
  type DiscordShardDeps,
  type DiscordShardDepsFactory,
  type DiscordShardsOptions,
  startDiscordShards,
} from './shard-manager.js';
export { type RunningDiscord, startDiscord } from './start-discord.js';
export type {
  AutocompleteInput,
  BriefSubcommand,
  BriefSubcommandDefinition,
  DiscordReply,
  OutgoingMessage,
  SubcommandInput,
} from './subcommand.js';

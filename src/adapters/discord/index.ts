/**
 * @module adapters/discord
 * The Discord adapter's public surface: start the bot (one process or sharded), register `/brief`,
 * and the subcommand table types for adding subcommands such as digest and subscribe.
 */
export { BUILTIN_DEFINITIONS, briefCommandDefinition, COMMAND_NAME } from './command-definition.js';
export { intentsFor, restBaseUrl } from './create-discord-client.js';
export type { DiscordConfig, DiscordDeps } from './discord-deps.js';
export { LIMITS, packEmbeds, splitText, truncate } from './discord-limits.js';
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

/**
 * @module adapters/discord/start-discord
 * Starts the Discord bot: builds the client and the `/brief` table, wires the event handlers, logs
 * in and resolves once the gateway is ready (or fails with a ConfigError naming the key to fix).
 * Stopping lets the interactions and mentions in progress finish first (bounded), as Slack's drain does.
 */
import { type Client, DiscordjsError, Events, GatewayCloseCodes } from 'discord.js';
import { createConversation } from '../../core/conversation/converse.js';
import type { PostMark } from '../../core/digest/post-once.js';
import { type BriefError, ConfigError, DeliveryError } from '../../core/errors.js';
import { createSharedRateLimiter } from '../../core/rate-limiter.js';
import { createMemoryChatState } from '../../store/memory/memory-chat-state.js';
import { createInflight } from '../inflight.js';
import { createBuiltinSubcommands } from './builtin-subcommands.js';
import { rateLimitError } from './chat-command.js';
import { briefCommandDefinition } from './command-definition.js';
import { createDiscordClient } from './create-discord-client.js';
import {
  type PostedMessage,
  type PostOptions,
  postToChannel,
  sendDirect,
  tellInteraction,
} from './deliver.js';
import { findMarked } from './digest-sink-marks.js';
import type { DiscordDeps, DiscordRuntime } from './discord-deps.js';
import { logFailure, toBriefError } from './discord-errors.js';
import { routeInteraction } from './interaction-router.js';
import { handleMessage } from './message-handler.js';
import type { BriefSubcommand, OutgoingMessage } from './subcommand.js';

const READY_TIMEOUT_MS = 60_000;
const DRAIN_TIMEOUT_MS = 10_000;

/** What a person whose interaction the shutdown drain gave up on reads. */
export const RESTARTING_LINE =
  'Briefbot restarted before this was ready. Please run the command again in a moment.';

export interface RunningDiscord {
  /**
   * Waits (bounded) for the interactions and mentions in progress, then disconnects. Discord sends
   * this shard's events to no other process, so what arrives while it waits is handled too.
   */
  stop(): Promise<void>;
  /** Posts one message (mentions off) in a channel or thread by id, e.g. a scheduled digest. */
  post(channelId: string, message: OutgoingMessage, options?: PostOptions): Promise<PostedMessage>;
  /** The bot's messages in a channel that carry a scheduled post's mark (digest-sink-marks.ts). */
  findMarked(channelId: string, mark: PostMark): Promise<string[]>;
  /** Sends one direct message (mentions off) to a user, e.g. to tell a subscriber a digest failed. */
  sendDirect(userId: string, message: OutgoingMessage): Promise<PostedMessage>;
}

export async function startDiscord(deps: DiscordDeps): Promise<RunningDiscord> {
  const token = deps.config.DISCORD_TOKEN;
  if (!token)
    throw new ConfigError(['DISCORD_TOKEN is required to start the Discord bot (see docs/DISCORD.md)']);
  const client = createDiscordClient(deps.config);
  // Without a database-backed chat state (tests, programmatic use) the limit is this process's.
  const limiter = createSharedRateLimiter(
    (deps.chatState ?? createMemoryChatState()).rateLimits,
    deps.clock,
    deps.config.BRIEF_RATE_LIMIT_PER_MINUTE,
    60_000,
  );
  const rt: DiscordRuntime = {
    deps,
    client,
    limiter,
    conversation: createConversation({
      ...deps,
      maxQuestionChars: deps.config.BRIEF_MAX_QUESTION_CHARS,
      limit: { limiter, message: (seconds) => rateLimitError(seconds).message },
    }),
    subcommands: subcommandTable(deps, client),
  };
  const inflight = createInflight();
  client.on(Events.InteractionCreate, (interaction) => {
    void inflight.track(routeInteraction(rt, interaction), async () => {
      deps.logger.warn('discord interaction abandoned by the shutdown drain', {
        interactionId: interaction.id,
      });
      await tellInteraction(interaction, RESTARTING_LINE).catch(() => {});
    });
  });
  client.on(Events.MessageCreate, (message) => {
    void inflight.track(
      handleMessage(rt, message).catch((e: unknown) =>
        logFailure(deps.logger, 'discord message failed', toBriefError(e)),
      ),
    );
  });
  logConnection(rt);
  try {
    await connect(client, token, deps.readyTimeoutMs ?? READY_TIMEOUT_MS);
  } catch (caught) {
    await client.destroy();
    throw startFailure(caught);
  }
  deps.logger.info('discord connected', {
    user: client.user?.tag,
    guilds: client.guilds.cache.size,
    shards: [...client.ws.shards.keys()],
  });
  return {
    stop: async () => {
      await inflight.drain(deps.drainTimeoutMs ?? DRAIN_TIMEOUT_MS);
      await client.destroy();
    },
    post: (channelId, message, options) => postToChannel(client, channelId, message, options),
    findMarked: (channelId, mark) => findMarked(client, channelId, mark),
    sendDirect: (userId, message) => sendDirect(client, userId, message),
  };
}

function subcommandTable(deps: DiscordDeps, client: Client): ReadonlyMap<string, BriefSubcommand> {
  const extra = deps.subcommands ?? [];
  const builtins = createBuiltinSubcommands(deps, {
    definitions: () => [...builtins, ...extra],
    botMention: () => (client.user ? `<@${client.user.id}>` : '@Briefbot'),
  });
  briefCommandDefinition(extra); // throws on duplicate or invalid names before anything connects
  return new Map([...builtins, ...extra].map((s) => [s.name, s]));
}

async function connect(client: Client, token: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let onDisconnect: ((event: { code: number }) => void) | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    timer = setTimeout(
      () => reject(new DeliveryError(`Discord was not ready after ${timeoutMs / 1000} s`, true)),
      timeoutMs,
    );
    client.once(Events.ClientReady, () => resolve());
    onDisconnect = (event) => reject(new CloseCodeError(event.code));
    client.on(Events.ShardDisconnect, onDisconnect);
  });
  try {
    await Promise.all([client.login(token), ready]);
  } finally {
    clearTimeout(timer);
    if (onDisconnect) client.off(Events.ShardDisconnect, onDisconnect);
  }
}

class CloseCodeError extends Error {
  constructor(readonly closeCode: number) {
    super(`the gateway closed the connection with code ${closeCode}`);
  }
}

function startFailure(caught: unknown): BriefError {
  const tokenRejected =
    (caught instanceof DiscordjsError && caught.code === 'TokenInvalid') ||
    (caught instanceof CloseCodeError && caught.closeCode === GatewayCloseCodes.AuthenticationFailed);
  if (tokenRejected) {
    return new ConfigError([
      'DISCORD_TOKEN was rejected by Discord: copy the bot token again from the developer portal',
    ]);
  }
  if (caught instanceof CloseCodeError && caught.closeCode === GatewayCloseCodes.DisallowedIntents) {
    return new ConfigError([
      'DISCORD_MESSAGE_CONTENT is true but the Message Content intent is off for this bot: turn it on under Bot → Privileged Gateway Intents, or set DISCORD_MESSAGE_CONTENT=false',
    ]);
  }
  if (caught instanceof CloseCodeError && caught.closeCode === GatewayCloseCodes.ShardingRequired) {
    return new DeliveryError(
      'Discord requires sharding for this many servers: start the bot with startDiscordShards (docs/DISCORD.md, "Large installations")',
      false,
      { cause: caught },
    );
  }
  return toBriefError(caught);
}

function logConnection({ client, deps: { logger } }: DiscordRuntime): void {
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn('discord shard disconnected', { shardId, closeCode: event.code }),
  );
  client.on(Events.ShardReconnecting, (shardId) => logger.info('discord shard reconnecting', { shardId }));
  client.on(Events.ShardResume, (shardId, replayed) =>
    logger.info('discord shard resumed', { shardId, replayed }),
  );
  client.on(Events.ShardReady, (shardId) => logger.info('discord shard ready', { shardId }));
  client.on(Events.ShardError, (error, shardId) =>
    logFailure(logger, 'discord shard error', toBriefError(error), { shardId }),
  );
  client.on(Events.Error, (error) => logFailure(logger, 'discord client error', toBriefError(error)));
  client.on(Events.Warn, (message) => logger.warn('discord warning', { message }));
}

/**
 * @module adapters/slack/start-slack
 * Builds the Bolt App and starts it: Socket Mode when SLACK_APP_TOKEN is set, otherwise the HTTP Events
 * API on PORT (`/slack/events`, signed requests, `/healthz`). Returns a handle that stops it cleanly.
 */
import type { Server } from 'node:http';
import { App, LogLevel, type webApi } from '@slack/bolt';
import type { Config } from '../../config.js';
import type { Briefing } from '../../core/briefing.js';
import { createConversation } from '../../core/conversation/converse.js';
import { BriefError, ConfigError } from '../../core/errors.js';
import type { ChatStateStores, Clock, ConversationStore, FeedbackStore, Logger } from '../../core/ports.js';
import { createSharedRateLimiter } from '../../core/rate-limiter.js';
import { createMemoryChatState } from '../../store/memory/memory-chat-state.js';
import { createHealthCheck, healthzHandler } from '../http/healthz.js';
import { createInflight } from '../inflight.js';
import { type HomeDigests, registerAppHome } from './app-home.js';
import { plainReply, type SlackReply } from './blocks.js';
import { createBoltLogger } from './bolt-logger.js';
import { builtinCommands } from './builtin-commands.js';
import { checkBotToken } from './check-bot-token.js';
import { registerConversationEvents } from './conversation-events.js';
import { createDeduper } from './event-deduper.js';
import { registerFeedbackAction } from './feedback-action.js';
import { createGuardedReceiver } from './guarded-receiver.js';
import { postReply } from './post-messages.js';
import { registerShareAction } from './share-action.js';
import { createShareCache } from './share-cache.js';
import { rateLimitLine, type SlackRuntime } from './slack-runtime.js';
import type { SlashSubcommand } from './slash-command.js';
import { registerSlashRouter } from './slash-router.js';

export interface SlackDeps {
  config: Pick<
    Config,
    | 'SLACK_BOT_TOKEN'
    | 'SLACK_SIGNING_SECRET'
    | 'SLACK_APP_TOKEN'
    | 'SLACK_API_URL'
    | 'PORT'
    | 'HOST'
    | 'BRIEF_MAX_QUESTION_CHARS'
    | 'BRIEF_RATE_LIMIT_PER_MINUTE'
  >;
  briefing: Briefing;
  conversations: ConversationStore;
  feedback: FeedbackStore;
  clock: Clock;
  logger: Logger;
  /**
   * Dedupe marks, rate-limit hits and shared lookups. Pass the database's (SQLite, PostgreSQL) so that
   * several instances answer a retried event once and count one limit; default: this process only.
   */
  chatState?: ChatStateStores;
  /** The digest stores, for the Home tab's list of this workspace's digests and the last one's time. */
  digests?: HomeDigests;
  /** More `/brief` subcommands (digest, subscribe…), listed in the help after the built-in ones. */
  extraCommands?: SlashSubcommand[];
  /** How the Web API client retries 429 and 5xx answers; the default gives up after about 15 seconds. */
  webApiRetry?: webApi.RetryOptions;
  /**
   * How long `stop()` waits for the work in progress (answers, commands, clicks, including what arrives
   * while it waits); default 10 s. A slash command still running then is told to run it again.
   */
  drainTimeoutMs?: number;
  /**
   * What /healthz checks besides the process answering: resolves when the database does within the
   * time limit it is given (composition root: Stores.ping). A load balancer then takes a process whose
   * database is gone out of rotation.
   */
  health?: (timeoutMs: number) => Promise<void>;
  /** How long /healthz waits for `health`; default HEALTH_TIMEOUT_MS (2 s). */
  healthTimeoutMs?: number;
}

export interface SlackHandle {
  /**
   * Shutting down: from now on, in HTTP mode, Events API deliveries are refused with 503 (Slack
   * retries them, to another instance behind the balancer) and /healthz answers 503. Slash commands and
   * clicks, which Slack does not retry and the balancer still sends here until /healthz takes the
   * process out, are still handled, and `stop` waits for them too. Socket Mode: nothing changes until
   * `stop`.
   */
  drain(): void;
  /**
   * Stops taking events, then waits (bounded) for the work in progress; a slash command it gives up on
   * is told, through its response URL, to run it again. In HTTP mode it drains first and closes the
   * listener last, so a retry never meets a closed port while answers finish.
   */
  stop(): Promise<void>;
  /** The HTTP port in HTTP mode (useful with PORT=0); undefined in Socket Mode. */
  port?: number;
  /**
   * Posts a reply at the top level of a channel (or a DM, given a user id) outside any conversation, e.g. a
   * scheduled digest. Resolves with the ts of each message posted (one unless the reply had to be split);
   * throws DeliveryError.
   */
  post(channel: string, reply: SlackReply | string): Promise<string[]>;
  /** The bot's Web API client, for posts that need more than `post` (a digest's metadata, history reads). */
  client: webApi.WebClient;
}

/** Four retries, 0.5 s → 8 s apart: a Slack hiccup is ridden out, but nobody waits half an hour. */
export const DEFAULT_WEB_API_RETRY: webApi.RetryOptions = {
  retries: 4,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 8_000,
  randomize: true,
};

export async function startSlack(deps: SlackDeps): Promise<SlackHandle> {
  const { config, logger } = deps;
  if (!config.SLACK_BOT_TOKEN) {
    throw new ConfigError(['SLACK_BOT_TOKEN is required to start the Slack adapter']);
  }
  const appToken = config.SLACK_APP_TOKEN;
  const socketMode = appToken !== undefined;
  if (!socketMode && !config.SLACK_SIGNING_SECRET) {
    throw new ConfigError([
      'SLACK_SIGNING_SECRET is required for the HTTP Events API (or set SLACK_APP_TOKEN for Socket Mode)',
    ]);
  }
  const apiUrl = config.SLACK_API_URL ? withTrailingSlash(config.SLACK_API_URL) : undefined;
  const clientOptions: webApi.WebClientOptions = {
    retryConfig: deps.webApiRetry ?? DEFAULT_WEB_API_RETRY,
    rejectRateLimitedCalls: false,
    // No client-side timeout: a chat.postMessage that timed out may still have been posted, and the retry
    // would post the answer twice. A dead connection still fails through undici's own timeouts.
    timeout: 0,
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
  };
  const bot = await checkBotToken(config.SLACK_BOT_TOKEN, apiUrl);
  let draining = false;
  const shuttingDown = () => (draining ? 'shutting down' : null);
  const health = createHealthCheck({
    ...(deps.health ? { ping: deps.health } : {}),
    refusal: shuttingDown,
    ...(deps.healthTimeoutMs !== undefined ? { timeoutMs: deps.healthTimeoutMs } : {}),
  });
  const boltLogger = createBoltLogger(logger);
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    // Checked above, once and quietly; with the ids given, Bolt makes no auth.test of its own.
    botId: bot.botId,
    botUserId: bot.botUserId,
    tokenVerificationEnabled: false,
    deferInitialization: true,
    logger: boltLogger,
    logLevel: LogLevel.INFO,
    convoStore: false,
    clientOptions,
    ...(socketMode
      ? { socketMode: true, appToken }
      : {
          receiver: createGuardedReceiver(
            {
              signingSecret: config.SLACK_SIGNING_SECRET ?? '',
              port: config.PORT,
              logger: boltLogger,
              customRoutes: [{ path: '/healthz', method: ['GET'], handler: healthzHandler(health) }],
            },
            { logger, refuseEvents: shuttingDown },
          ),
        }),
  });

  // Without a database-backed chat state (tests, a store that has none yet) the state is this process's.
  const state = deps.chatState ?? createMemoryChatState();
  const limiter = createSharedRateLimiter(
    state.rateLimits,
    deps.clock,
    config.BRIEF_RATE_LIMIT_PER_MINUTE,
    60_000,
  );
  const inflight = createInflight();
  const rt: SlackRuntime = {
    ...deps,
    conversation: createConversation({
      ...deps,
      maxQuestionChars: config.BRIEF_MAX_QUESTION_CHARS,
      limit: { limiter, message: rateLimitLine },
    }),
    limiter,
    deduper: createDeduper(state.seen, deps.clock, logger),
    shares: createShareCache(state.shares, deps.clock),
    maxQuestionChars: config.BRIEF_MAX_QUESTION_CHARS,
    inflight,
  };
  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    // Slack says when it delivers again (X-Slack-Retry-Num / -Reason, or the envelope's retry_attempt):
    // a retry of an event some instance already took is skipped; one no instance saw is answered.
    const retry =
      context.retryNum !== undefined
        ? { retryNum: context.retryNum, retryReason: context.retryReason ?? 'unknown' }
        : undefined;
    if (typeof eventId === 'string' && !(await rt.deduper.firstTime(`event:${eventId}`))) {
      logger[retry ? 'info' : 'debug']('slack event skipped', { reason: 'duplicate', eventId, ...retry });
      return;
    }
    if (retry) logger.info('slack event retried, first seen here', { eventId, ...retry });
    await inflight.track(next());
  });
  registerConversationEvents(app, rt);
  registerSlashRouter(app, rt, [...builtinCommands(rt), ...(deps.extraCommands ?? [])]);
  registerShareAction(app, rt);
  registerFeedbackAction(app, rt);
  registerAppHome(app, rt, deps.digests);
  app.error(async (error) => {
    logger.error('slack listener failed', { code: error.code, cause: error });
  });

  await app.init();
  let started: unknown;
  try {
    started = socketMode
      ? await app.start()
      : await app.start(config.HOST ? { port: config.PORT, host: config.HOST } : config.PORT);
  } catch (cause) {
    const where = socketMode
      ? 'Socket Mode (check SLACK_APP_TOKEN)'
      : `HTTP on ${config.HOST ? `${config.HOST}:` : 'port '}${config.PORT}`;
    throw new BriefError(
      'config',
      `The Slack adapter could not start ${where}: ${(cause as Error).message}`,
      { cause },
    );
  }
  const port = socketMode ? undefined : listeningPort(started as Server);
  let stopped: Promise<void> | undefined;
  const drain = () => {
    if (draining || socketMode) return;
    draining = true;
    logger.info('slack adapter draining: new events are refused with 503 for Slack to retry elsewhere');
  };
  logger.info('slack adapter started', {
    mode: socketMode ? 'socket' : 'http',
    ...(port ? { port, host: config.HOST ?? 'all interfaces' } : {}),
  });
  return {
    ...(port !== undefined ? { port } : {}),
    client: app.client,
    post(channel, reply) {
      return postReply(
        app.client,
        { channel, threadTs: undefined },
        typeof reply === 'string' ? plainReply(reply) : reply,
      );
    },
    drain,
    stop() {
      stopped ??= stopAll();
      return stopped;
    },
  };

  async function stopAll(): Promise<void> {
    if (socketMode) {
      // Closing the socket is what sends Slack's next envelopes to another connection.
      await app.stop();
      await inflight.drain(deps.drainTimeoutMs ?? 10_000);
    } else {
      drain();
      await inflight.drain(deps.drainTimeoutMs ?? 10_000);
      await app.stop();
    }
    logger.info('slack adapter stopped');
  }
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function listeningPort(server: Server): number | undefined {
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : undefined;
}

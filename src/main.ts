/**
 * @module main
 * The composition root: reads the configuration, opens the store, builds the core and starts what the
 * command asks for (a one-shot CLI command, the chat adapters, or the console chat). The only place
 * where concrete adapters are chosen.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createJsonLogger } from './adapters/log/json-logger.js';
import { appendToFile } from './adapters/log/log-file.js';
import { runAlertsCommand } from './cli/alerts-command.js';
import { type CliArgs, COMMANDS, parseCliArgs, USAGE } from './cli/args.js';
import { runCommand } from './cli/commands.js';
import { runFeedsCommand } from './cli/feeds-command.js';
import { createProgressBar } from './cli/progress-bar.js';
import { composeModel, type ModelServices } from './compose-model.js';
import { type Config, loadConfig } from './config.js';
import { ALERT_TUNING } from './core/alerts/alert.js';
import { createAlertChatCommands } from './core/alerts/alert-chat-commands.js';
import { createAlertChecker } from './core/alerts/alert-checker.js';
import type { AlertSink } from './core/alerts/alert-ports.js';
import { createAlertService } from './core/alerts/alert-service.js';
import type { Briefing } from './core/briefing.js';
import { createBriefing } from './core/create-briefing.js';
import { buildDigest } from './core/digest/build-digest.js';
import { ensureConfiguredSubscriptions } from './core/digest/configured-subscriptions.js';
import type { Digest } from './core/digest/digest.js';
import type { DigestSink } from './core/digest/digest-ports.js';
import { createDigestScheduler, DIGEST_SCHEDULER_DEFAULTS } from './core/digest/digest-scheduler.js';
import { renderDigestText } from './core/digest/render-digest-text.js';
import { createSubscriptionCommands } from './core/digest/subscribe-command.js';
import type { Platform } from './core/digest/subscription.js';
import { topicProblem } from './core/digest/topic-filter.js';
import { refineDigestWithModel } from './core/digest/write-story-with-model.js';
import { asBriefError, BadRequestError } from './core/errors.js';
import { createForeground, type Foreground, foregroundBriefing } from './core/foreground.js';
import type { ArticleStore, Clock, ConversationStore, FeedbackStore, Logger } from './core/ports.js';
import { loadEnvFile } from './env-file.js';
import { createFeedChatCommands } from './feeds/feed-chat-commands.js';
import { createFeedRuntime, type FeedRuntime } from './feeds/feed-runtime.js';
import { createFeedScheduler } from './feeds/feed-scheduler.js';
import { createDisabledFeedTeller, type FeedNoticeChannels } from './feeds/tell-disabled-feed.js';
import { ingestInputs } from './ingest/ingest-inputs.js';
import { urlScheme } from './ingest/read-inputs.js';
import { installLastResort } from './last-resort.js';
import { dataDir, packageVersion, seedsDir } from './paths.js';
import { seedIfEmpty, seedNotice } from './seed-store.js';
import { openStores, type Stores } from './store/open-stores.js';

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: NodeJS.WriteStream | NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  cwd: string;
  /** The `.env` file read under `env` at start (the working directory's for `brief`); none when unset. */
  envFile?: string;
  /** When `serve` should stop; default: SIGINT or SIGTERM. Tests pass their own. */
  shutdown?: Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };
/** The `brief` command itself: what each Discord shard process runs. */
const BRIEF_BIN = fileURLToPath(new URL('../bin/brief.js', import.meta.url));

export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const wantsJson = argv.includes('--json');
  try {
    const args = parseCliArgs(argv);
    if (args.command === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.command === 'version') {
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    const settings = io.envFile
      ? loadEnvFile(io.envFile, io.env)
      : { env: io.env, fromFile: new Set<string>() };
    const config = loadConfig(settings.env, settings.fromFile);
    const oneShot = args.command !== 'serve' && args.command !== 'chat';
    const chatConfigured = Boolean(config.SLACK_BOT_TOKEN || config.DISCORD_TOKEN);
    // In the console chat stdout is the conversation: logs go to a file beside the store instead.
    const consoleChat =
      (args.command === 'chat' && !args.json) ||
      (args.command === 'serve' && !chatConfigured && Boolean(io.stdin.isTTY));
    const data = dataDir(config.BRIEF_DATA_DIR, io.cwd);
    const logFile = join(data, 'briefbot.log');
    const logger = createJsonLogger(
      oneShot && config.BRIEF_LOG_LEVEL === 'info' ? 'warn' : config.BRIEF_LOG_LEVEL,
      ...(consoleChat ? [appendToFile(logFile)] : []),
    );
    // PostgreSQL when DATABASE_URL is set, otherwise the SQLite file in the data folder.
    const stores = await openStores({ databaseUrl: config.DATABASE_URL, dataDir: data });
    const store = stores.articles;
    try {
      if (args.command === 'migrate') return await reportMigration(stores, args.json, io);
      if (args.command === 'alerts') {
        return await runAlertsCommand(args, {
          alerts: createAlertService({
            alerts: stores.alerts,
            clock: systemClock,
            defaultTimezone: config.DIGEST_TZ,
          }),
          print: (text) => io.stdout.write(`${text}\n`),
        });
      }
      const model = await composeModel(config, () => stores.openVectorIndex(), systemClock, logger);
      if (args.command === 'feeds') {
        return await runFeeds(args, stores, config, io, () => model.embedNew(store));
      }
      const seeds = {
        path: seedsDir(config.BRIEF_SEEDS_DIR, io.cwd),
        bundled: config.BRIEF_SEEDS_DIR === undefined,
      };
      const seeded = args.command === 'ingest' ? null : await seedIfEmpty(store, seeds, systemClock, logger);
      if (seeded) await model.embedNew(store);
      // Chat first: feed polling in this process waits at its next step while an answer is composed.
      const foreground = createForeground();
      const briefing = foregroundBriefing(
        createBriefing({
          store,
          clock: systemClock,
          logger,
          modelPassages: config.OPENAI_MAX_PASSAGES,
          ...(model.answerModel ? { answerModel: model.answerModel } : {}),
          ...(model.vectors ? { vectors: model.vectors } : {}),
        }),
        foreground,
      );
      const digestFor = createDigestFor(store, config, model, logger);
      const { conversations } = stores;
      if (oneShot && args.command !== 'discord:register') {
        return await runCommand(args, {
          briefing,
          digest: digestFor,
          maxQuestionChars: config.BRIEF_MAX_QUESTION_CHARS,
          print: (text) => io.stdout.write(`${text}\n`),
          printError: (line) => io.stderr.write(`${line}\n`),
          ingest: async (inputs) => {
            const report = await ingestWithProgress(inputs, store, config, io);
            await model.embedNew(store);
            return report;
          },
        });
      }
      if (args.command === 'discord:register') return await registerDiscord(config, args.guild, io);
      const { feedback } = stores;
      if (args.command === 'serve' && chatConfigured) {
        return await serveChat(
          {
            config,
            env: settings.env,
            inShard: io.env.SHARDING_MANAGER === 'true',
            stores,
            store,
            briefing,
            conversations,
            feedback,
            logger,
            digestFor,
            foreground,
            embedNew: () => model.embedNew(store),
          },
          io.shutdown ?? untilSignal(),
        );
      }
      if (args.command === 'serve' && !io.stdin.isTTY) {
        io.stdout.write(
          `No Slack or Discord token is set and no terminal is attached, so there is no chat to start.\n` +
            `Ask from the command line instead: npx brief ask "How big is the AWS deal?"\n` +
            `To connect a chat platform, see README.md (Slack: SLACK_BOT_TOKEN, Discord: DISCORD_TOKEN).\n`,
        );
        return 0;
      }
      if (args.command === 'chat' && args.json) {
        const { runJsonChat } = await import('./adapters/console/json-chat.js');
        await runJsonChat({
          briefing,
          conversations,
          input: io.stdin,
          output: io.stdout,
          maxQuestionChars: config.BRIEF_MAX_QUESTION_CHARS,
          now: () => systemClock.now(),
        });
        return 0;
      }
      const { runConsoleChat } = await import('./adapters/console/console-chat.js');
      // `brief serve` in a terminal polls feeds too, as it does beside Slack or Discord.
      const feeds =
        args.command === 'serve' && stores.feeds ? feedRuntimeFor(stores, config, foreground) : null;
      const stopPolling = feeds
        ? await startFeedPolling(feeds, config, logger, {}, () => model.embedNew(store))
        : null;
      try {
        await runConsoleChat({
          briefing,
          conversations,
          input: io.stdin,
          output: io.stdout,
          maxQuestionChars: config.BRIEF_MAX_QUESTION_CHARS,
          now: () => systemClock.now(),
          historyFile: join(data, 'console-history'),
          ...(seeded ? { notice: seedNotice(seeded, logFile) } : {}),
          extraCommands: {
            digest: {
              usage: '/digest [topic]',
              help: 'what is new in the last 24 hours, grouped into stories',
              run: async (topic) => renderDigestText(await onDemandDigest(digestFor, topic.trim() || null)),
            },
          },
        });
      } finally {
        await stopPolling?.();
        await feeds?.close();
      }
      return 0;
    } finally {
      await store.close();
    }
  } catch (error) {
    const brief = asBriefError(error);
    const message = brief.code === 'internal' ? `unexpected error: ${brief.message}` : brief.message;
    io.stderr.write(`brief: ${message}\n`);
    if (wantsJson) io.stdout.write(`${JSON.stringify({ error: message, code: brief.code })}\n`);
    return brief.code === 'bad_request' || brief.code === 'config' ? 2 : 1;
  }
}

interface ChatDeps {
  config: Config;
  /** The environment the configuration was read from (what Discord shard processes start with). */
  env: Record<string, string | undefined>;
  /** This process is one Discord shard of `brief serve` (discord.js's ShardingManager started it). */
  inShard: boolean;
  digestFor: DigestFor;
  stores: Stores;
  store: ArticleStore;
  briefing: Briefing;
  conversations: ConversationStore;
  feedback: FeedbackStore;
  logger: Logger;
  /** Embeds the passages of articles stored since the last call (none without a model). */
  embedNew: () => Promise<void>;
  /** The answers in progress, which feed polling gives way to. */
  foreground: Foreground;
}

/**
 * Starts every configured chat adapter, each with the digest subcommands, and the digest scheduler with
 * a sink per started platform; runs until `shutdown`, then stops them in reverse order.
 */
async function serveChat(deps: ChatDeps, shutdown: Promise<void>): Promise<number> {
  const { config, logger, conversations } = deps;
  const clock = systemClock;
  const stops: (() => Promise<void>)[] = [];
  const common = { ...deps, clock };
  const { subscriptions } = deps.stores;
  const commands = createSubscriptionCommands({
    subscriptions,
    defaultTimezone: config.DIGEST_TZ,
    who: config.DIGEST_SUBSCRIBERS,
  });
  const buildOnDemand = ({ topic }: { topic: string | null }) => onDemandDigest(deps.digestFor, topic);
  const sinks: Partial<Record<Platform, DigestSink>> = {};
  const alertSinks: Partial<Record<Platform, AlertSink>> = {};
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const alertTuning = { ...ALERT_TUNING, maxPerChannelPerDay: config.BRIEF_ALERT_DAILY_CAP };
  // Stopped last (stops run in reverse), so an error escaping an adapter's shutdown is still logged.
  const uninstallLastResort = installLastResort(process, logger);
  stops.push(async () => uninstallLastResort());
  // Feeds, when the store has them: chat manages them, and they are polled beside the digests.
  const feeds = deps.stores.feeds ? feedRuntimeFor(deps.stores, config, deps.foreground) : null;
  if (feeds) stops.push(() => feeds.close());
  const feedCommands = feeds
    ? createFeedChatCommands({ service: feeds.service, who: config.DIGEST_SUBSCRIBERS })
    : null;
  const alertCommands = createAlertChatCommands({
    service: createAlertService({ alerts: deps.stores.alerts, clock, defaultTimezone: config.DIGEST_TZ }),
    who: config.DIGEST_SUBSCRIBERS,
    maxPerDay: alertTuning.maxPerChannelPerDay,
  });
  // Who added a feed in chat is told when it is disabled, on the platform where they added it.
  const notices: FeedNoticeChannels = {};
  // Told first when the process is asked to stop, before anything waits: refuse new work at once.
  const drains: (() => void)[] = [];
  let stopping = false;
  let healthServed = false;
  try {
    // A Discord shard process (started below by the one that runs Slack) serves Discord only.
    if (config.SLACK_BOT_TOKEN && !deps.inShard) {
      const slackModule = await import('./adapters/slack/index.js');
      const extraCommands = [
        ...slackModule.slackDigestCommands({
          commands,
          buildOnDemand,
          clock,
          logger,
          who: config.DIGEST_SUBSCRIBERS,
        }),
        ...(feedCommands
          ? slackModule.slackFeedCommands({ commands: feedCommands, who: config.DIGEST_SUBSCRIBERS })
          : []),
        ...slackModule.slackAlertCommands({
          commands: alertCommands,
          who: config.DIGEST_SUBSCRIBERS,
          logger,
        }),
      ];
      const slack = await slackModule.startSlack({
        ...common,
        extraCommands,
        health: (timeoutMs) => deps.stores.ping(timeoutMs),
        digests: { subscriptions, runs: deps.stores.runs, alerts: deps.stores.alerts },
        chatState: deps.stores.chatState,
      });
      stops.push(() => slack.stop());
      drains.push(() => slack.drain());
      if (slack.port !== undefined) healthServed = true;
      sinks.slack = slackModule.createSlackDigestSink(slack, { conversations, clock, logger });
      alertSinks.slack = slackModule.createSlackAlertSink(slack);
      notices.slack = {
        direct: async (userId, text) => void (await slack.post(userId, text)),
        channel: async (channelId, text) => void (await slack.post(channelId, text)),
      };
    }
    const postedElsewhere: Platform[] = [];
    if (config.DISCORD_TOKEN && config.DISCORD_SHARDS !== undefined && !deps.inShard) {
      const { startDiscordShards } = await import('./adapters/discord/index.js');
      // Each shard is `brief serve` again (it sees SHARDING_MANAGER and its SHARDS) and posts Discord's
      // digests itself; the digest leases keep each one to a single post across shards and machines.
      const shards = await startDiscordShards({
        token: config.DISCORD_TOKEN,
        program: { script: BRIEF_BIN, args: ['serve'] },
        env: deps.env,
        apiUrl: config.DISCORD_API_URL,
        totalShards: config.DISCORD_SHARDS,
        ...(config.DISCORD_SHARD_IDS ? { shardList: config.DISCORD_SHARD_IDS } : {}),
        logger,
      });
      stops.push(() => shards.stop());
      postedElsewhere.push('discord');
    } else if (config.DISCORD_TOKEN) {
      const discordModule = await import('./adapters/discord/index.js');
      const subcommands = [
        ...discordModule.discordDigestSubcommands({ commands, buildOnDemand, clock }),
        ...(feedCommands ? discordModule.discordFeedSubcommands({ commands: feedCommands }) : []),
        ...discordModule.discordAlertSubcommands({ commands: alertCommands, clock }),
      ];
      const discord = await discordModule.startDiscord({
        ...common,
        subcommands,
        chatState: deps.stores.chatState,
      });
      stops.push(() => discord.stop());
      sinks.discord = discordModule.createDiscordDigestSink(discord, { conversations, clock, logger });
      alertSinks.discord = discordModule.createDiscordAlertSink(discord);
      notices.discord = {
        direct: async (userId, content) => void (await discord.sendDirect(userId, { content })),
        channel: async (channelId, content) => void (await discord.post(channelId, { content })),
      };
    }
    // Every serve process answers /healthz on PORT: the Slack HTTP listener does, else a listener of its
    // own (Discord only, Socket Mode). Not a Discord shard: its manager, on the same PORT, answers for it.
    if (!healthServed && !deps.inShard) {
      const { createHealthCheck, startHealthServer } = await import('./adapters/http/healthz.js');
      const server = await startHealthServer({
        port: config.PORT,
        ...(config.HOST ? { host: config.HOST } : {}),
        check: createHealthCheck({
          ping: (timeoutMs) => deps.stores.ping(timeoutMs),
          refusal: () => (stopping ? 'shutting down' : null),
        }),
        logger,
      });
      stops.push(() => server.close());
    }
    if (!deps.inShard)
      await ensureConfiguredSubscriptions(
        subscriptions,
        { channels: config.DIGEST_CHANNELS, cron: config.DIGEST_CRON, timezone: config.DIGEST_TZ },
        clock.now(),
      );
    if (deps.inShard && config.SLACK_BOT_TOKEN) postedElsewhere.push('slack');
    const scheduler = createDigestScheduler({
      ...DIGEST_SCHEDULER_DEFAULTS,
      subscriptions,
      runs: deps.stores.runs,
      sinks,
      postedElsewhere,
      buildDigest: (request) =>
        deps.digestFor({ since: request.since, topic: request.topic ?? null, until: request.until }),
      clock,
      logger,
      owner,
      graceMs: config.DIGEST_GRACE_MINUTES * 60_000,
    });
    scheduler.start();
    stops.push(() => scheduler.stop());
    // Story alerts are checked after each feed pass, for the platforms this process posts to (a Discord
    // shard manager leaves Discord's to its shards); the story leases keep each post to one process.
    const alertChecker =
      Object.keys(alertSinks).length > 0
        ? createAlertChecker({
            articles: deps.store,
            alerts: deps.stores.alerts,
            sinks: alertSinks,
            owner,
            now: () => clock.now(),
            timers: {
              setInterval: (fn, ms) => setInterval(fn, ms),
              clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
            },
            logger,
            tuning: alertTuning,
          })
        : null;
    if (feeds)
      stops.push(
        await startFeedPolling(feeds, config, logger, notices, deps.embedNew, alertChecker?.afterPass),
      );
    logger.info('briefbot is running', {
      slack: Boolean(config.SLACK_BOT_TOKEN),
      discord: Boolean(config.DISCORD_TOKEN),
    });
    await shutdown;
    // SIGTERM or SIGINT: Slack events are refused (Slack retries them elsewhere) and /healthz says so,
    // the pollers stop claiming, then the answers, digest and polls in progress finish.
    stopping = true;
    for (const drain of drains) drain();
    logger.info('briefbot is stopping', {});
    return 0;
  } finally {
    for (const stop of stops.reverse()) {
      await stop().catch((error: unknown) => logger.error('adapter did not stop cleanly', { cause: error }));
    }
  }
}

/**
 * Polls feeds beside whatever serves (chat adapters or the console): BRIEF_FEEDS added, a pass at
 * start, then the due feeds every minute; new articles embedded after each pass that stored some, and
 * `afterPass` (the story alerts) after every pass. Returns the stop, which waits for a pass in progress.
 */
async function startFeedPolling(
  feeds: FeedRuntime,
  config: Config,
  logger: Logger,
  notices: FeedNoticeChannels,
  embedNew: () => Promise<void>,
  afterPass?: (changed: boolean) => Promise<unknown>,
): Promise<() => Promise<void>> {
  await feeds.ensureConfigured(config.BRIEF_FEEDS);
  const poller = createFeedScheduler({
    pollDeps: feeds.pollDeps,
    logger,
    onDisabled: createDisabledFeedTeller(notices, logger),
    afterUpdate: embedNew,
    ...(afterPass ? { afterPass } : {}),
  });
  poller.start();
  return () => poller.stop();
}

/** `brief migrate`: the schema is brought up to date when the stores open; say what that did. */
async function reportMigration(stores: Stores, json: boolean, io: CliIo): Promise<number> {
  const { applied, version } = await stores.migrate();
  const report = { store: stores.kind, location: stores.location, applied, version };
  io.stdout.write(
    json
      ? `${JSON.stringify(report)}\n`
      : `${stores.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'} at ${stores.location}: ${
          applied === 0 ? 'already up to date' : `${applied} migration${applied === 1 ? '' : 's'} applied`
        }, schema version ${version}.\n`,
  );
  return 0;
}

/** `brief feeds ...`: the feed commands over the store's FeedStore, the configured feeds added first. */
async function runFeeds(
  args: CliArgs,
  stores: Stores,
  config: Config,
  io: CliIo,
  embedNew: () => Promise<unknown>,
): Promise<number> {
  const runtime = feedRuntimeFor(stores, config);
  try {
    await runtime.ensureConfigured(config.BRIEF_FEEDS);
    const code = await runFeedsCommand(args, {
      feeds: runtime.service,
      print: (text) => io.stdout.write(`${text}\n`),
    });
    if (args.words[0] === 'poll') await embedNew();
    return code;
  } finally {
    await runtime.close();
  }
}

function feedRuntimeFor(stores: Stores, config: Config, foreground?: Foreground): FeedRuntime {
  return createFeedRuntime({
    ...(foreground ? { foreground } : {}),
    feeds: stores.feeds,
    articles: stores.articles,
    clock: systemClock,
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    defaultEveryMs: config.BRIEF_FEED_EVERY,
    maxBytes: config.BRIEF_MAX_INGEST_BYTES,
    fetchTimeoutMs: config.BRIEF_FETCH_TIMEOUT_MS,
  });
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      process.off('disconnect', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    // A shard process: its manager's IPC channel closing means the manager is gone; do not outlive it.
    if (process.connected) process.once('disconnect', done);
  });
}

async function registerDiscord(config: Config, guild: string | null, io: CliIo): Promise<number> {
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    throw new BadRequestError(
      'discord:register needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (see docs/DISCORD.md)',
    );
  }
  const {
    discordInviteUrl,
    registerDiscordCommands,
    DIGEST_SUBCOMMAND_DEFINITIONS,
    FEEDS_DEFINITION,
    ALERT_DEFINITION,
  } = await import('./adapters/discord/index.js');
  const { scope } = await registerDiscordCommands({
    token: config.DISCORD_TOKEN,
    applicationId: config.DISCORD_APPLICATION_ID,
    ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
    ...(guild ? { guildId: guild } : {}),
    extraSubcommands: [...DIGEST_SUBCOMMAND_DEFINITIONS, FEEDS_DEFINITION, ALERT_DEFINITION],
  });
  io.stdout.write(
    `${scope === 'guild' ? `Registered /brief in server ${guild}.` : 'Registered /brief globally (Discord may take up to an hour to show it).'}\n` +
      `Invite the bot: ${discordInviteUrl(config.DISCORD_APPLICATION_ID)}\n`,
  );
  return 0;
}

type DigestFor = (request: { since: string | null; topic: string | null; until?: string }) => Promise<Digest>;

/** A digest asked for in chat refuses a topic that would match every article, as subscribing does. */
function onDemandDigest(digestFor: DigestFor, topic: string | null): Promise<Digest> {
  const problem = topic ? topicProblem(topic) : null;
  if (problem) return Promise.reject(new BadRequestError(`Can't use that topic: ${problem}.`));
  return digestFor({ since: null, topic });
}

/** Digests from `since` (default: the last 24 hours) to `until` (default: now), model-written when a model is set. */
function createDigestFor(
  store: ArticleStore,
  config: Config,
  model: ModelServices,
  logger: Logger,
): DigestFor {
  return async (request) => {
    const until = request.until ?? systemClock.now().toISOString();
    const digest = await buildDigest(store, {
      since: request.since ?? new Date(Date.parse(until) - 86_400_000).toISOString(),
      until,
      topic: request.topic,
      maxStories: config.DIGEST_MAX_STORIES,
    });
    if (!model.answerModel || digest.stories.length === 0) return digest;
    return refineDigestWithModel(digest, model.answerModel, {
      store,
      logger,
      maxPassages: config.OPENAI_MAX_PASSAGES,
    });
  };
}

/**
 * What ingested paths are named relative to: the folder that holds the data folder (the project, with
 * the default ./data). Not the working directory: the same `news.txt` ingested from two folders into
 * one store would be one origin, and the second would overwrite the first.
 */
function originRoot(config: Config, io: CliIo): string {
  return dirname(dataDir(config.BRIEF_DATA_DIR, io.cwd));
}

async function ingestWithProgress(inputs: string[], store: ArticleStore, config: Config, io: CliIo) {
  const bar = createProgressBar(io.stderr as NodeJS.WriteStream, 'Ingesting');
  // Paths are read from the working directory the command was given (the process's own, for `brief`).
  // Anything written as a URL stays one (ftp://… is then refused by its scheme, not looked for as a file).
  const located = inputs.map((input) => (urlScheme(input) ? input : resolve(io.cwd, input)));
  const report = await ingestInputs(located, {
    store,
    clock: systemClock,
    root: originRoot(config, io),
    maxBytes: config.BRIEF_MAX_INGEST_BYTES,
    fetchTimeoutMs: config.BRIEF_FETCH_TIMEOUT_MS,
    onProgress: (done, total) => bar.update(done, total),
  });
  bar.finish();
  return report;
}

function processIo(): CliIo {
  return {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    envFile: join(process.cwd(), '.env'),
  };
}

export { COMMANDS };

// Run when executed directly (`tsx src/main.ts ...`, `npm run dev`); bin/brief.js imports runCli instead.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2));
}

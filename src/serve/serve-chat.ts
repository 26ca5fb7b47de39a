/**
 * @module serve/serve-chat
 * What `brief serve` runs beside Slack and Discord: every configured chat adapter with the digest, feed
 * and alert commands, the digest scheduler with a sink per started platform, feed polling with the story
 * alerts, and /healthz. Runs until `shutdown`, then refuses new work and stops it all in reverse order.
 * Called by the composition root (main.ts), which builds what it is given.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.js';
import { ALERT_TUNING } from '../core/alerts/alert.js';
import { createAlertChatCommands } from '../core/alerts/alert-chat-commands.js';
import { createAlertChecker } from '../core/alerts/alert-checker.js';
import type { AlertSink } from '../core/alerts/alert-ports.js';
import { createAlertService } from '../core/alerts/alert-service.js';
import type { Briefing } from '../core/briefing.js';
import { ensureConfiguredSubscriptions } from '../core/digest/configured-subscriptions.js';
import type { DigestSink } from '../core/digest/digest-ports.js';
import { createDigestScheduler, DIGEST_SCHEDULER_DEFAULTS } from '../core/digest/digest-scheduler.js';
import { createSubscriptionCommands } from '../core/digest/subscribe-command.js';
import type { Platform } from '../core/digest/subscription.js';
import type { Foreground } from '../core/foreground.js';
import type { ArticleStore, Clock, ConversationStore, FeedbackStore, Logger } from '../core/ports.js';
import { createFeedChatCommands } from '../feeds/feed-chat-commands.js';
import type { FeedNoticeChannels } from '../feeds/tell-disabled-feed.js';
import { installLastResort } from '../last-resort.js';
import type { Stores } from '../store/open-stores.js';
import { type DigestFor, onDemandDigest } from './digest-for.js';
import { feedRuntimeFor, startFeedPolling } from './feed-polling.js';

/** The `brief` command itself: what each Discord shard process runs. */
const BRIEF_BIN = fileURLToPath(new URL('../../bin/brief.js', import.meta.url));

export interface ChatDeps {
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
  clock: Clock;
}

/**
 * Starts every configured chat adapter, each with the digest subcommands, and the digest scheduler with
 * a sink per started platform; runs until `shutdown`, then stops them in reverse order.
 */
export async function serveChat(deps: ChatDeps, shutdown: Promise<void>): Promise<number> {
  const { config, logger, conversations } = deps;
  const { clock } = deps;
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
  const feeds = deps.stores.feeds ? feedRuntimeFor(deps.stores, config, clock, deps.foreground) : null;
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
      const slackModule = await import('../adapters/slack/index.js');
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
      const { startDiscordShards } = await import('../adapters/discord/index.js');
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
      const discordModule = await import('../adapters/discord/index.js');
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
      const { createHealthCheck, startHealthServer } = await import('../adapters/http/healthz.js');
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
    // A shard process's IPC channel to its manager keeps it alive after everything has stopped: close
    // it, so the shard exits once drained instead of waiting for the manager's SIGKILL.
    if (deps.inShard && process.connected) process.disconnect();
  }
}

/**
 * @module main
 * The composition root: reads the configuration, opens the store, builds the core and starts what the
 * command asks for (a one-shot CLI command, the chat adapters, or the console chat). The only place
 * where concrete adapters are chosen; `brief serve`'s wiring of them is in serve/ (serveChat).
 */
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createJsonLogger } from './adapters/log/json-logger.js';
import { appendToFile } from './adapters/log/log-file.js';
import { runAlertsCommand } from './cli/alerts-command.js';
import { type CliArgs, COMMANDS, parseCliArgs, USAGE } from './cli/args.js';
import { runCommand } from './cli/commands.js';
import { runFeedsCommand } from './cli/feeds-command.js';
import { createProgressBar } from './cli/progress-bar.js';
import { composeModel } from './compose-model.js';
import { type Config, loadConfig } from './config.js';
import { createAlertService } from './core/alerts/alert-service.js';
import { createBriefing } from './core/create-briefing.js';
import { renderDigestText } from './core/digest/render-digest-text.js';
import { asBriefError, BadRequestError } from './core/errors.js';
import { createForeground, foregroundBriefing } from './core/foreground.js';
import type { ArticleStore, Clock } from './core/ports.js';
import { loadEnvFile } from './env-file.js';
import { ingestInputs } from './ingest/ingest-inputs.js';
import { urlScheme } from './ingest/read-inputs.js';
import { dataDir, packageVersion, seedsDir } from './paths.js';
import { seedIfEmpty, seedNotice } from './seed-store.js';
import {
  createDigestFor,
  feedRuntimeFor,
  onDemandDigest,
  serveChat,
  startFeedPolling,
  untilSignal,
} from './serve/index.js';
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
      const digestFor = createDigestFor(store, config, model, logger, systemClock);
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
            clock: systemClock,
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
        args.command === 'serve' && stores.feeds
          ? feedRuntimeFor(stores, config, systemClock, foreground)
          : null;
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
  const runtime = feedRuntimeFor(stores, config, systemClock);
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

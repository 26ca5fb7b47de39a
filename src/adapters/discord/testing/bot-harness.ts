/**
 * @module adapters/discord/testing/bot-harness
 * One running bot for an end-to-end test: the fake Discord, the seeded Briefing (recording what it
 * is asked), a memory logger, and the real discord.js client started through startDiscord.
 */
import type { AskOptions, Briefing } from '../../../core/briefing.js';
import type { Logger } from '../../../core/ports.js';
import {
  createSeededBriefing,
  type fixedClock,
  type SeededBriefing,
} from '../../../test-support/seeded-briefing.js';
import type { DiscordConfig, DiscordDeps } from '../discord-deps.js';
import { type RunningDiscord, startDiscord } from '../start-discord.js';
import type { GuildSpec } from './discord-payloads.js';
import { FakeDiscord } from './fake-discord.js';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

export function createMemoryLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      entries.push({ level, message, fields });
    };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A Briefing that passes every call through and remembers each question with its history. */
export function recordingBriefing(
  inner: Briefing,
): Briefing & { asked: { question: string; options: AskOptions }[] } {
  const asked: { question: string; options: AskOptions }[] = [];
  return {
    asked,
    ask: (question, options = {}) => {
      asked.push({ question, options });
      return inner.ask(question, options);
    },
    search: (terms, limit) => inner.search(terms, limit),
    sources: () => inner.sources(),
    stories: inner.stories,
  };
}

export interface HarnessOptions {
  guilds?: GuildSpec[];
  config?: Partial<DiscordConfig>;
  /** Replaces the seeded Briefing (wrapped for recording either way). */
  briefing?: (seeded: SeededBriefing) => Briefing;
  /** The clock of the core and the adapter; default: fixed. */
  clock?: ReturnType<typeof fixedClock>;
  /** More deps; as a function when they need the seeded database (e.g. digest stores). */
  extra?: Partial<DiscordDeps> | ((seeded: SeededBriefing) => Partial<DiscordDeps>);
}

export interface Harness {
  fake: FakeDiscord;
  seeded: SeededBriefing;
  briefing: ReturnType<typeof recordingBriefing>;
  logger: ReturnType<typeof createMemoryLogger>;
  config: DiscordConfig;
  bot: RunningDiscord;
  close(): Promise<void>;
}

export function configFor(fake: FakeDiscord, overrides: Partial<DiscordConfig> = {}): DiscordConfig {
  return {
    DISCORD_TOKEN: fake.state.token,
    DISCORD_APPLICATION_ID: fake.state.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_MESSAGE_CONTENT: false,
    BRIEF_MAX_QUESTION_CHARS: 500,
    BRIEF_RATE_LIMIT_PER_MINUTE: 10,
    ...overrides,
  };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeDiscord.start(options.guilds ? { guilds: options.guilds } : {});
  const seeded = await createSeededBriefing(options.clock);
  const briefing = recordingBriefing(options.briefing?.(seeded) ?? seeded.briefing);
  const logger = createMemoryLogger();
  const config = configFor(fake, options.config);
  try {
    const bot = await startDiscord({
      config,
      briefing,
      conversations: seeded.conversations,
      feedback: seeded.feedback,
      clock: seeded.clock,
      logger,
      ...(typeof options.extra === 'function' ? options.extra(seeded) : options.extra),
    });
    const close = async () => {
      await bot.stop();
      await fake.close();
      seeded.close();
    };
    return { fake, seeded, briefing, logger, config, bot, close };
  } catch (error) {
    await fake.close();
    seeded.close();
    throw error;
  }
}

/**
 * @module config
 * Every setting Briefbot reads, in one zod schema. `loadConfig()` runs once in main.ts; empty strings
 * count as unset, and every problem is reported at once with the key's name and what is allowed.
 * `process.env` is read nowhere else.
 */
import { z } from 'zod';
import { parseScheduleSpec } from './core/digest/schedule-spec.js';
import { ConfigError } from './core/errors.js';
import { checkEvery } from './feeds/feed-service.js';

const optionalString = z.string().trim().min(1).optional();
const httpUrl = z
  .string()
  .trim()
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), {
    message: 'must be an http(s) URL, e.g. http://127.0.0.1:8080/api/',
  })
  .optional();
const positiveInt = (fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`)
    .default(fallback);
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .default('false')
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const ConfigSchema = z.object({
  /** Unset: the package's data folder (paths.ts), wherever `brief` runs. */
  BRIEF_DATA_DIR: optionalString,
  DATABASE_URL: z
    .string()
    .trim()
    .regex(
      /^postgres(ql)?:\/\/\S+$/i,
      'must be a postgres:// URL, e.g. postgres://brief:secret@db:5432/brief',
    )
    .optional(),
  /** Unset: the seeds bundled with the package (paths.ts). */
  BRIEF_SEEDS_DIR: optionalString,
  BRIEF_LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error'], { message: 'must be debug, info, warn or error' })
    .default('info'),
  BRIEF_MAX_QUESTION_CHARS: positiveInt(500, 10_000),
  BRIEF_RATE_LIMIT_PER_MINUTE: positiveInt(10, 10_000),
  BRIEF_MAX_INGEST_BYTES: positiveInt(5 * 1024 * 1024),
  BRIEF_FETCH_TIMEOUT_MS: positiveInt(10_000, 600_000),
  BRIEF_FEEDS: z
    .string()
    .trim()
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, message: 'entries must be http(s) URLs of feeds' })))
    .default([]),
  BRIEF_FEED_EVERY: z
    .string()
    .trim()
    .superRefine((every, ctx) => {
      const problem = everyProblem(every);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((every) => checkEvery(every, 'BRIEF_FEED_EVERY'))
    .default(15 * 60_000),
  PORT: positiveInt(3000, 65_535),
  HOST: z
    .string()
    .trim()
    .regex(/^[\w.:-]+$/, 'must be an IP address or host name to listen on, e.g. 127.0.0.1 or ::')
    .optional(),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: httpUrl,
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: z
    .string()
    .trim()
    .regex(/^\d{5,25}$/, 'must be the numeric application id from the Discord developer portal')
    .optional(),
  DISCORD_API_URL: httpUrl,
  DISCORD_MESSAGE_CONTENT: flag,
  DISCORD_SHARDS: z
    .string()
    .trim()
    .regex(/^(auto|[1-9]\d{0,4})$/, 'must be auto or a number of shards, e.g. 4')
    .transform((v): 'auto' | number => (v === 'auto' ? 'auto' : Number(v)))
    .optional(),
  DISCORD_SHARD_IDS: z
    .string()
    .trim()
    .regex(/^\d{1,5}(\s*,\s*\d{1,5})*$/, 'must be shard ids separated by commas, e.g. 0,1')
    .transform((v) => v.split(',').map((id) => Number(id.trim())))
    .optional(),
  DIGEST_CHANNELS: z
    .string()
    .trim()
    .transform((v) =>
      v
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^(slack|discord):[\w-]+$/,
            'entries must look like slack:C0123ABCD or discord:123456789012345678',
          ),
      ),
    )
    .default([]),
  DIGEST_CRON: z
    .string()
    .trim()
    .min(1)
    .superRefine((cron, ctx) => {
      const problem = cronProblem(cron);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default('0 8 * * *'),
  DIGEST_TZ: z
    .string()
    .trim()
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin or America/New_York' })
    .default('UTC'),
  DIGEST_GRACE_MINUTES: positiveInt(120, 24 * 60),
  DIGEST_MAX_STORIES: positiveInt(5, 20),
  DIGEST_SUBSCRIBERS: z.enum(['anyone', 'admins'], { message: 'must be anyone or admins' }).default('anyone'),
  /** New stories a story alert channel gets per day at most (ALERT_TUNING.maxPerChannelPerDay). */
  BRIEF_ALERT_DAILY_CAP: positiveInt(10, 1000),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: httpUrl,
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: optionalString,
  OPENAI_TIMEOUT_MS: positiveInt(20_000, 600_000),
  OPENAI_MAX_OUTPUT_TOKENS: positiveInt(600, 16_000),
  OPENAI_MAX_PASSAGES: positiveInt(8, 40),
  OPENAI_DAILY_TOKEN_BUDGET: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (no limit) or more')
    .default(0),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Rules that tie keys together; checked on the raw values so they are reported with the rest. */
function crossKeyProblems(c: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
    problems.push(
      'SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN unless SLACK_APP_TOKEN (Socket Mode) is set',
    );
  }
  if (c.SLACK_APP_TOKEN && !c.SLACK_APP_TOKEN.startsWith('xapp-')) {
    problems.push('SLACK_APP_TOKEN must be an app-level token starting with xapp-');
  }
  if ((c.SLACK_APP_TOKEN || c.SLACK_SIGNING_SECRET) && !c.SLACK_BOT_TOKEN) {
    problems.push('SLACK_BOT_TOKEN is required when other SLACK_* keys are set');
  }
  if (c.DISCORD_TOKEN && !c.DISCORD_APPLICATION_ID) {
    problems.push('DISCORD_APPLICATION_ID is required with DISCORD_TOKEN');
  }
  if (c.DISCORD_SHARD_IDS && !/^\d+$/.test(c.DISCORD_SHARDS ?? '')) {
    problems.push('DISCORD_SHARD_IDS needs DISCORD_SHARDS set to the total number of shards');
  } else if (c.DISCORD_SHARD_IDS && c.DISCORD_SHARDS) {
    const total = Number(c.DISCORD_SHARDS);
    if (c.DISCORD_SHARD_IDS.split(',').some((id) => Number(id.trim()) >= total))
      problems.push(`DISCORD_SHARD_IDS must be shard ids below DISCORD_SHARDS (${total})`);
  }
  return problems;
}

/** A rule that ties keys together names those of its keys that were read from `.env`. */
function withFileKeys(problem: string, fromFile: ReadonlySet<string>): string {
  const keys = Object.keys(ConfigSchema.shape).filter(
    (key) => fromFile.has(key) && new RegExp(`\\b${key}\\b`).test(problem),
  );
  return keys.length > 0 ? `${problem} (${keys.join(', ')} from .env)` : problem;
}

export type Config = z.infer<typeof ConfigSchema>;

/** Why a DIGEST_CRON cannot schedule digests (as `/brief subscribe cron "..."` would say), or null. */
function cronProblem(cron: string): string | null {
  try {
    parseScheduleSpec(`cron "${cron}"`, { defaultTimezone: 'UTC', now: new Date() });
    return null;
  } catch (error) {
    return `is not usable: ${(error as Error).message}`;
  }
}

/**
 * Parses the environment; throws ConfigError listing every problem. `fromFile` names the keys whose
 * values came from a `.env` file, so a bad one says where to fix it.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  fromFile: ReadonlySet<string> = new Set(),
): Config {
  const input = Object.fromEntries(
    Object.keys(ConfigSchema.shape).flatMap((key) => {
      const value = env[key];
      return value === undefined || value.trim() === '' ? [] : [[key, value]];
    }),
  );
  const result = ConfigSchema.safeParse(input);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? 'config');
        const where = fromFile.has(key) ? ' from .env' : '';
        const given =
          typeof input[key] === 'string' ? ` (got "${String(input[key]).slice(0, 60)}"${where})` : '';
        return `${key} ${issue.message}${given}`;
      });
  problems.push(...crossKeyProblems(input).map((problem) => withFileKeys(problem, fromFile)));
  if (result.success && problems.length === 0) return result.data;
  throw new ConfigError(problems);
}

function everyProblem(every: string): string | null {
  try {
    checkEvery(every, 'BRIEF_FEED_EVERY');
    return null;
  } catch (error) {
    return (error as Error).message.replace(/^BRIEF_FEED_EVERY /, '');
  }
}

/**
 * @module cli/args
 * `brief` command-line parsing: a command, its words and its flags, with unknown flags, missing values
 * and words a command does not take reported as BadRequestError (one clear line, non-zero exit).
 */
import { parseArgs } from 'node:util';
import { topicProblem } from '../core/digest/topic-filter.js';
import { BadRequestError } from '../core/errors.js';

export const COMMANDS = [
  'ask',
  'search',
  'ingest',
  'sources',
  'digest',
  'feeds',
  'alerts',
  'serve',
  'chat',
  'discord:register',
  'migrate',
  'help',
  'version',
] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface CliArgs {
  command: CommandName;
  words: string[];
  json: boolean;
  limit: number;
  guild: string | null;
  /** digest: window start (ISO); null means the last 24 hours. */
  since: string | null;
  topic: string | null;
  /** feeds add: the poll interval (`15m`, `1h`); null means BRIEF_FEED_EVERY. */
  every: string | null;
  /** alerts add (and remove, to narrow it): the channel id to post in. */
  channel: string | null;
  /** alerts add/remove: the channel's platform; null means slack. */
  platform: 'slack' | 'discord' | null;
  /** alerts add: quiet hours, `22:00-07:00`. */
  quiet: string | null;
  /** alerts add: the IANA zone of the quiet hours and the daily cap; null means DIGEST_TZ. */
  tz: string | null;
}

/** Where an alert can post: the console chat has no alert sink, so it is not offered. */
const PLATFORMS = ['slack', 'discord'] as const;

/** Commands that take no words: anything after them is a mistake worth saying (`brief sources extra`). */
const NO_WORDS: readonly CommandName[] = [
  'sources',
  'serve',
  'chat',
  'discord:register',
  'migrate',
  'version',
];

export function parseCliArgs(argv: string[]): CliArgs {
  const [first, ...rest] = argv;
  const command = (first ?? 'serve') as CommandName;
  if (first === '--help' || first === '-h') return helpArgs();
  if (first === '--version' || first === '-v') return { ...helpArgs(), command: 'version' };
  if (!COMMANDS.includes(command)) {
    throw new BadRequestError(
      `unknown command "${first}". Commands: ${COMMANDS.join(', ')} (see brief help)`,
    );
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        limit: { type: 'string' },
        guild: { type: 'string' },
        since: { type: 'string' },
        topic: { type: 'string' },
        every: { type: 'string' },
        channel: { type: 'string' },
        platform: { type: 'string' },
        quiet: { type: 'string' },
        tz: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new BadRequestError(
      `${(error as Error).message.replace(/\. To specify.*$/s, '')} (see brief help)`,
    );
  }
  const { values, positionals } = parsed;
  if (values.help) return helpArgs();
  if (NO_WORDS.includes(command) && positionals.length > 0) {
    const extra = positionals.map((word) => `"${word}"`).join(' ');
    throw new BadRequestError(`${command} takes no words, but got ${extra} (see brief help)`);
  }
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new BadRequestError(`--limit must be a whole number from 1 to 100 (got "${String(values.limit)}")`);
  }
  if (values.limit !== undefined && command !== 'search')
    throw new BadRequestError(`--limit applies to search only`);
  if (values.guild !== undefined && command !== 'discord:register') {
    throw new BadRequestError('--guild applies to discord:register only');
  }
  for (const flag of ['since', 'topic'] as const) {
    if (values[flag] !== undefined && command !== 'digest')
      throw new BadRequestError(`--${flag} applies to digest only`);
  }
  if (values.every !== undefined && !(command === 'feeds' && positionals[0] === 'add'))
    throw new BadRequestError('--every applies to feeds add only');
  const alertAction = command === 'alerts' ? positionals[0] : undefined;
  for (const flag of ['quiet', 'tz'] as const) {
    if (values[flag] !== undefined && alertAction !== 'add')
      throw new BadRequestError(`--${flag} applies to alerts add only`);
  }
  for (const flag of ['channel', 'platform'] as const) {
    if (values[flag] !== undefined && alertAction !== 'add' && alertAction !== 'remove')
      throw new BadRequestError(`--${flag} applies to alerts add and alerts remove only`);
  }
  const platform = values.platform === undefined ? null : String(values.platform).trim().toLowerCase();
  if (platform !== null && !(PLATFORMS as readonly string[]).includes(platform))
    throw new BadRequestError(
      `--platform must be ${PLATFORMS.join(', ')} (got "${String(values.platform)}")`,
    );
  const since = typeof values.since === 'string' ? parseSince(values.since) : null;
  const topic = typeof values.topic === 'string' && values.topic.trim() ? values.topic.trim() : null;
  // `brief digest AI chips` takes the words as the topic; both are refused alike, as in /brief subscribe.
  const digestTopic = command === 'digest' ? (topic ?? positionals.join(' ').trim()) : '';
  const problem = digestTopic === '' ? null : topicProblem(digestTopic);
  if (problem) throw new BadRequestError(`can't use that digest topic: ${problem}`);
  return {
    command,
    since,
    topic,
    words: positionals,
    json: values.json === true,
    limit,
    guild: typeof values.guild === 'string' ? values.guild : null,
    every: typeof values.every === 'string' ? values.every : null,
    channel: typeof values.channel === 'string' ? values.channel : null,
    platform: platform as CliArgs['platform'],
    quiet: typeof values.quiet === 'string' ? values.quiet : null,
    tz: typeof values.tz === 'string' ? values.tz : null,
  };
}

/** YYYY-MM-DD, optionally THH:MM[:SS[.fff]] and Z or ±HH:MM; no zone means local time, as in JavaScript. */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-](\d{2}):(\d{2}))?)?$/;

/**
 * `--since` as an ISO instant. Only ISO forms: Date.parse also takes "Dec 1" or "5" and reads them as
 * 2001, and rolls 2026-02-30 over into March.
 */
function parseSince(value: string): string {
  const m = ISO_DATE_TIME.exec(value.trim());
  const n = (i: number) => Number(m?.[i] ?? 0);
  const calendar = new Date(Date.UTC(n(1), n(2) - 1, n(3)));
  const valid =
    m !== null &&
    calendar.getUTCMonth() === n(2) - 1 &&
    calendar.getUTCDate() === n(3) &&
    n(4) <= 23 &&
    n(5) <= 59 &&
    n(6) <= 59 &&
    n(8) <= 23 &&
    n(9) <= 59;
  const time = valid ? Date.parse(value.trim()) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new BadRequestError(
      `--since must be an ISO date or date-time, e.g. 2026-03-01 (midnight UTC), 2026-03-01T08:00 ` +
        `(local time) or 2026-03-01T08:00Z (got "${value}")`,
    );
  }
  return new Date(time).toISOString();
}

function helpArgs(): CliArgs {
  return {
    command: 'help',
    words: [],
    json: false,
    limit: 10,
    guild: null,
    since: null,
    topic: null,
    every: null,
    channel: null,
    platform: null,
    quiet: null,
    tz: null,
  };
}

export const USAGE = `Briefbot: cited answers and digests over your news articles.

Usage:
  brief ask "<question>" [--json]          answer from the indexed articles, with citations
  brief search "<terms>" [--limit N] [--json]
  brief ingest <file|folder|url>... [--json]  add .txt .md .html .json .jsonl files, pages or RSS/Atom feeds
  brief sources [--json]                   what is indexed: counts, outlets, date range
  brief digest [--since ISO] [--topic terms] [--json]   stories new since then (default: last 24 hours)
  brief feeds add <url>... [--every 15m|1h] [--json]   subscribe to feeds (polled by brief serve)
  brief feeds list [--json]                the feeds, their last poll and last error
  brief feeds remove <url>... [--json]     stop polling feeds (their articles stay)
  brief feeds poll [--json]                poll every enabled feed now
  brief alerts add <topic> --channel ID [--platform slack|discord] [--quiet 22:00-07:00 --tz Zone] [--json]
                                           post each new story about the topic in the channel once (brief serve)
  brief alerts list [--json]               the alerts: topic, channel, quiet hours
  brief alerts remove <id|topic> [--channel ID --platform P] [--json]   stop alerts (all channels unless --channel)
  brief serve                              start Slack/Discord when configured, else a console chat
  brief chat [--json]                      the console chat (--json: a message per line in, JSON lines out)
  brief discord:register [--guild ID]      register the /brief command with Discord
  brief migrate [--json]                   bring the database's schema up to date (SQLite or DATABASE_URL)
  brief help                               this help
  brief --version                          the installed version

The first command on an empty store ingests the bundled seeds (BRIEF_SEEDS_DIR).
Settings come from the environment; see .env.example.`;

/**
 * @module core/digest/schedule-spec
 * What people type after `/brief subscribe` (`daily 08:00 tz Europe/Berlin topic AI quiet`), turned into
 * a validated Schedule; plus the croner-backed questions the scheduler asks of one (when last, when next).
 */
import { Cron } from 'croner';
import { BadRequestError } from '../errors.js';
import type { Schedule } from './subscription.js';
import { topicProblem } from './topic-filter.js';

/** Digests are not a firehose: two runs of one schedule are at least this far apart. */
export const MIN_INTERVAL_MINUTES = 15;
/** How many upcoming runs the frequency check looks at; enough for any gap across days, months, years. */
const FREQUENCY_SAMPLE = 100;
const KEYWORDS = new Set(['daily', 'weekdays', 'cron', 'tz', 'timezone', 'topic', 'quiet']);
const CRON_EXAMPLE = 'Example: cron "0 8 * * 1-5" (08:00 on weekdays)';

export interface ScheduleSpec {
  schedule: Schedule;
  topic: string | null;
  /** Stay quiet when nothing is new, instead of posting "nothing new". */
  quietWhenEmpty: boolean;
}

interface Token {
  text: string;
  quoted: boolean;
}

/**
 * Parses `[daily HH:MM | weekdays HH:MM | cron "<5 fields>"] [tz <IANA zone>] [topic <terms...>] [quiet]`.
 * Defaults: daily 08:00 in `defaultTimezone`, any topic. Throws BadRequestError with an example.
 */
export function parseScheduleSpec(
  text: string,
  options: { defaultTimezone: string; now: Date },
): ScheduleSpec {
  const tokens = tokenize(text);
  let when: { label: string; cron: string } | null = null;
  let zone: string | null = null;
  const topic: string[] = [];
  let quiet = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const word = token.quoted ? '' : token.text.toLowerCase();
    if (word === 'daily' || word === 'weekdays' || word === 'cron') {
      if (when) throw new BadRequestError(`Give one schedule, not two. ${SPEC_EXAMPLE}`);
      if (tokens[i + 1]?.text.toLowerCase() === 'at') i++;
      if (word === 'cron') {
        const fields: string[] = [];
        if (tokens[i + 1]?.quoted) fields.push((tokens[++i] as Token).text);
        else {
          while (fields.length < 5 && i + 1 < tokens.length && !KEYWORDS.has(tokenWord(tokens[i + 1]))) {
            fields.push((tokens[++i] as Token).text);
          }
        }
        const cron = fields.join(' ').trim().split(/\s+/).join(' ');
        when = { label: `cron ${cron}`, cron };
      } else {
        const next = tokens[i + 1];
        const time = next && /^\d/.test(next.text) ? parseTime(next.text) : { hour: 8, minute: 0 };
        if (next && /^\d/.test(next.text)) i++;
        const hhmm = `${pad(time.hour)}:${pad(time.minute)}`;
        const days = word === 'daily' ? '*' : '1-5';
        when = { label: `${word} ${hhmm}`, cron: `${time.minute} ${time.hour} * * ${days}` };
      }
    } else if (word === 'tz' || word === 'timezone') {
      const name = tokens[++i]?.text;
      if (!name)
        throw new BadRequestError('`tz` needs a time zone, e.g. tz Europe/Berlin or tz America/New_York.');
      zone = resolveTimeZone(name);
    } else if (word === 'topic') {
      while (i + 1 < tokens.length && (tokens[i + 1]?.quoted || !KEYWORDS.has(tokenWord(tokens[i + 1])))) {
        topic.push((tokens[++i] as Token).text);
      }
      if (topic.length === 0) throw new BadRequestError('`topic` needs some words, e.g. topic AI chips.');
    } else if (word === 'quiet') {
      quiet = true;
    } else {
      throw new BadRequestError(`I don't understand "${token.text}". ${SPEC_EXAMPLE}`);
    }
  }
  const timezone = zone ?? resolveTimeZone(options.defaultTimezone);
  const chosen = when ?? { label: 'daily 08:00', cron: '0 8 * * *' };
  const schedule: Schedule = { label: chosen.label, cron: chosen.cron, timezone };
  assertValidCron(schedule, options.now);
  const topicText = topic.join(' ').trim();
  const problem = topicText === '' ? null : topicProblem(topicText);
  if (problem) throw new BadRequestError(`Can't use that topic: ${problem}.`);
  return { schedule, topic: topicText === '' ? null : topicText, quietWhenEmpty: quiet };
}

const SPEC_EXAMPLE =
  'Try: daily 08:00, weekdays 07:30, or cron "0 8 * * 1-5", then optionally tz Europe/Berlin, topic AI chips, quiet.';

/** An IANA zone name Intl knows, keeping the person's spelling of aliases (Asia/Kolkata, US/Eastern). */
export function resolveTimeZone(name: string): string {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw new BadRequestError(
      `Unknown time zone "${name}". Use an IANA name such as Europe/Berlin or America/New_York.`,
    );
  }
  return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
}

/** A croner job (never started) that evaluates the schedule in its zone, DST included. */
export function cronFor(schedule: Schedule): Cron {
  return new Cron(schedule.cron, { timezone: schedule.timezone, mode: '5-part' });
}

/** The latest run at or before `at` (croner's previousRuns excludes a run exactly at the reference). */
export function latestRunAtOrBefore(schedule: Schedule, at: Date): Date | null {
  return cronFor(schedule).previousRuns(1, new Date(at.getTime() + 1))[0] ?? null;
}

/** The first run strictly after `at`, or null when the schedule never runs again. */
export function nextRunAfter(schedule: Schedule, at: Date): Date | null {
  return cronFor(schedule).nextRun(at);
}

/** "daily at 08:00 Europe/Berlin (next: Tue 24 Nov 08:00)". */
export function describeSchedule(schedule: Schedule, now: Date): string {
  const [, kind, rest] = /^(daily|weekdays|cron) (.+)$/.exec(schedule.label) ?? [];
  const what = kind === 'cron' ? `cron "${rest}"` : kind ? `${kind} at ${rest}` : schedule.label;
  const next = nextRunAfter(schedule, now);
  const when = next ? `next: ${formatZonedTime(next, schedule.timezone)}` : 'never runs again';
  return `${what} ${schedule.timezone} (${when})`;
}

/** "Tue 24 Nov 08:00" on the wall clock of `timezone`. */
export function formatZonedTime(date: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('hour')}:${part('minute')}`;
}

function assertValidCron(schedule: Schedule, now: Date): void {
  const expr = schedule.cron;
  if (expr === '') throw new BadRequestError(`\`cron\` needs an expression in quotes. ${CRON_EXAMPLE}`);
  if (expr.split(' ').length !== 5 || expr.includes('?')) {
    throw new BadRequestError(
      `"${expr}" is not a valid cron expression: it needs 5 fields (minute hour day-of-month month weekday). ${CRON_EXAMPLE}`,
    );
  }
  let job: Cron;
  try {
    job = cronFor(schedule);
  } catch (cause) {
    const why = (cause as Error).message.replace(/^Cron\w*:\s*/, '').replace(/\.$/, '');
    throw new BadRequestError(`"${expr}" is not a valid cron expression (${why}). ${CRON_EXAMPLE}`, {
      cause,
    });
  }
  const runs: number[] = [];
  for (const run of job.enumerate(now)) {
    runs.push(run.getTime());
    if (runs.length >= FREQUENCY_SAMPLE) break;
  }
  if (runs.length === 0)
    throw new BadRequestError(`"${expr}" never runs (no date matches it). ${CRON_EXAMPLE}`);
  for (let k = 1; k < runs.length; k++) {
    const gapMinutes = ((runs[k] as number) - (runs[k - 1] as number)) / 60_000;
    if (gapMinutes < MIN_INTERVAL_MINUTES) {
      throw new BadRequestError(
        `"${expr}" would post every ${gapMinutes} minutes; digests run at most every ${MIN_INTERVAL_MINUTES} minutes. ` +
          'Example: cron "0 8,13,18 * * *" (08:00, 13:00 and 18:00)',
      );
    }
  }
}

function parseTime(text: string): { hour: number; minute: number } {
  const match = /^(\d{1,2})(?::(\d{2}))?$/.exec(text);
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2] ?? 0);
  if (!match || hour > 23 || minute > 59) {
    throw new BadRequestError(
      `"${text}" is not a time. Use 24-hour HH:MM, e.g. daily 08:00 or weekdays 17:30.`,
    );
  }
  return { hour, minute };
}

/** Splits on spaces; "double" or “curly” quotes keep a phrase (a cron expression, a topic) together. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/["“”]([^"“”]*)["“”]?|(\S+)/g)) {
    if (match[1] !== undefined) tokens.push({ text: match[1].trim(), quoted: true });
    else tokens.push({ text: match[2] as string, quoted: false });
  }
  return tokens;
}

function tokenWord(token: Token | undefined): string {
  return token && !token.quoted ? token.text.toLowerCase() : '';
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

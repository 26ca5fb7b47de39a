/**
 * @module core/alerts/quiet-hours
 * Quiet hours on a wall clock: whether an instant falls in them, when they end (DST-aware, through
 * croner as schedules are), and the local day the daily cap counts.
 */
import { Cron } from 'croner';
import { BadRequestError } from '../errors.js';
import type { QuietHours } from './alert.js';

const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** Parses "22:00-07:00" (or "22-7"); throws a BadRequestError with an example otherwise. */
export function parseQuietHours(text: string): QuietHours {
  const [from, to, extra] = text
    .trim()
    .split(/\s*-\s*/)
    .map((part) => (/^\d{1,2}$/.test(part) ? `${part}:00` : part));
  const problem = `quiet hours are two times, e.g. 22:00-07:00 (got "${text.trim()}")`;
  if (!from || !to || extra !== undefined || !HHMM.test(from) || !HHMM.test(to))
    throw new BadRequestError(problem);
  if (minutesOf(from) === minutesOf(to)) throw new BadRequestError(`${problem}: they start and end at once`);
  return { from: pad(from), to: pad(to) };
}

function pad(hhmm: string): string {
  const [h, m] = hhmm.split(':');
  return `${(h ?? '').padStart(2, '0')}:${m}`;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The wall-clock minutes since midnight and the date (YYYY-MM-DD) of `at` in `timezone`. */
function wallClock(at: Date, timezone: string): { minutes: number; day: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
    day: `${get('year')}-${get('month')}-${get('day')}`,
  };
}

/** The local date of `at` in `timezone`: the day the per-channel cap counts. */
export function localDay(at: Date, timezone: string): string {
  return wallClock(at, timezone).day;
}

/** When the quiet hours `at` falls in end; null when `at` is not in quiet hours (or there are none). */
export function quietUntil(quiet: QuietHours | null, timezone: string, at: Date): Date | null {
  if (!quiet) return null;
  const now = wallClock(at, timezone).minutes;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const inside = from < to ? now >= from && now < to : now >= from || now < to;
  if (!inside) return null;
  const [h, m] = quiet.to.split(':').map(Number);
  const end = new Cron(`${m} ${h} * * *`, { timezone, mode: '5-part' }).nextRun(at);
  return end ?? new Date(at.getTime() + 86_400_000);
}

/** "22:00-07:00 Europe/Berlin", or null. */
export function describeQuiet(quiet: QuietHours | null, timezone: string): string | null {
  return quiet ? `${quiet.from}-${quiet.to} ${timezone}` : null;
}

/**
 * @module adapters/discord/digest-time-zones
 * Suggestions for the `tz` option of `/brief subscribe`: common IANA zones first, then every zone the
 * runtime knows, matched by any part of the name ("berlin", "new york", "kolkata").
 */
import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import { LIMITS } from './discord-limits.js';

/** Shown before anything is typed, and ranked first when they match. */
export const COMMON_TIME_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Amsterdam',
  'Europe/Stockholm',
  'Europe/Warsaw',
  'Europe/Athens',
  'Europe/Istanbul',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Toronto',
  'America/Sao_Paulo',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
] as const;

const ALL_ZONES: readonly string[] = [...new Set<string>([...COMMON_TIME_ZONES, ...supportedZones()])];

/** Up to 25 zones matching what was typed, each shown with its current UTC offset. */
export function suggestTimeZones(typed: string, now: Date): ApplicationCommandOptionChoiceData<string>[] {
  const wanted = normalise(typed);
  const matches =
    wanted === ''
      ? [...COMMON_TIME_ZONES]
      : ALL_ZONES.filter((zone) => normalise(zone).includes(wanted)).sort(
          (a, b) => rank(a, wanted) - rank(b, wanted),
        );
  return matches
    .slice(0, LIMITS.choices)
    .map((zone) => ({ name: zone === 'UTC' ? zone : `${zone} (${offset(zone, now)})`, value: zone }));
}

/** Common zones first, then names whose city starts with the typed text; otherwise as listed. */
function rank(zone: string, wanted: string): number {
  const common = (COMMON_TIME_ZONES as readonly string[]).includes(zone) ? 0 : 2;
  const city = normalise(zone.split('/').at(-1) ?? zone).startsWith(wanted) ? 0 : 1;
  return common + city;
}

function normalise(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
}

/** "UTC+01:00" as the zone is now (DST included). */
function offset(zone: string, now: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(now)
    .find((p) => p.type === 'timeZoneName')?.value;
  return part === undefined || part === 'GMT' ? 'UTC+00:00' : part.replace('GMT', 'UTC');
}

function supportedZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return []; // a runtime without the full ICU data: the common zones still work
  }
}

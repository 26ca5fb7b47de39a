/**
 * @module ingest/parse-date
 * The one reader of publication dates in front matter, JSON, HTML metadata and feeds. A date without a
 * time zone is read as UTC, so the same file gives the same instant on every machine.
 */

// A zone is named (GMT, UTC, EST…), or follows a time as Z or a numeric offset ("10:00:00-05:00",
// "08:00 +0100"). An offset is looked for only after a time: "01-12-2026" ends in "-2026", not a zone.
const NAMED_ZONE = /\b(?:UTC?|GMT|[ECMP][SD]T)\b/i;
const TIME_THEN_OFFSET =
  /\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[ap]\.?m\.?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)(?![\d:])/i;
const ISO_LOCAL = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

/** A date in any common form -> ISO 8601, or null when it is not a real date. */
export function parseDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim().replace(/^(\d{4})\/(\d{2})\/(\d{2})/, '$1-$2-$3');
  const time = NAMED_ZONE.test(v) || TIME_THEN_OFFSET.test(v) ? Date.parse(v) : parseAsUtc(v);
  if (Number.isNaN(time)) return null;
  const date = new Date(time);
  const year = date.getUTCFullYear();
  if (year < 1900 || year > 2200) return null;
  return date.toISOString();
}

// JavaScript reads a zone-less date-time (and any date-only form but ISO's) in the process's zone; V8
// takes a trailing "UTC" after every form it knows. (A form it reads only without one stays unread:
// no date is better than one off by hours.)
function parseAsUtc(v: string): number {
  const iso = ISO_LOCAL.exec(v);
  return iso ? Date.parse(`${iso[1]}T${iso[2]}Z`) : Date.parse(`${v} UTC`);
}

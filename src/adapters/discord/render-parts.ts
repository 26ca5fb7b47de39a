/**
 * @module adapters/discord/render-parts
 * Small pieces every Discord rendering shares: colours, dates, outlet names, linked titles and
 * article text made inert (markdown escaped, so quoted words show as written).
 */
import { escapeMarkdown } from 'discord.js';
import { truncate } from './discord-limits.js';

export const COLOURS = {
  answer: 0x5865f2,
  disagreement: 0xfaa61a,
  abstention: 0x99aab5,
  lookup: 0x3ba55c,
} as const;

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "3 Nov 2025", or "date unknown" when the article gives none (dates are never invented). */
export function formatDate(iso: string | null): string {
  if (iso === null) return 'date unknown';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? 'date unknown' : DATE_FORMAT.format(date);
}

export function outletName(source: string | null): string {
  return source === null ? 'unknown outlet' : plain(source);
}

/** Where a masked link (`[text](url)`, `![alt](url)`) turns from its text to its URL. */
const MASKED_LINK_TURN = /\]\(/g;
/** What opens an autolink (`<https://…>`). */
const AUTOLINK_OPEN = /</g;
/** The `:` of `scheme://`: Discord turns a bare `https://…` into a live link. */
const SCHEME_COLON = /\b([a-z][a-z0-9+.-]*):(?=\/\/)/gi;

/**
 * Article text shown as written and inert: markdown escaped, whitespace collapsed, and no link of any
 * kind. discord.js's `maskedLink` option escapes only the first masked link of a line (its pattern is
 * greedy and prefixes one backslash) and leaves the URL inside it a live bare link. Here every `](` gets
 * its `(` escaped (Discord's link rule needs the two side by side, and reads a `\[` inside the text as
 * a bracket anyway), every `<`, and the colon of every `scheme://`. Discord shows the text unchanged,
 * and the bot's own `[n]` markers stay as they are.
 */
export function plain(text: string): string {
  const escaped = escapeMarkdown(text.replace(/\s+/g, ' ').trim(), {
    heading: true,
    bulletedList: true,
    numberedList: true,
  });
  return escaped
    .replace(MASKED_LINK_TURN, ']\\(')
    .replace(AUTOLINK_OPEN, '\\<')
    .replace(SCHEME_COLON, '$1\\:');
}

/** The title as a markdown link when the article has a usable URL, bold otherwise. */
export function linkedTitle(title: string, url: string | null, maxTitle = 200): string {
  const text = truncate(plain(title), maxTitle);
  if (url === null || !/^https?:\/\//i.test(url) || url.length > 512) return `**${text}**`;
  // Inside a masked link's text Discord reads brackets whatever escapes them, so a title's nested
  // brackets could end the link early, on a URL of the title's. Full-width brackets look the same.
  const linkText = text.replaceAll('[', '［').replaceAll(']', '］');
  const safeUrl = url.replace(
    /[()\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`,
  );
  return `[${linkText}](${safeUrl})`;
}

/** A one-line block quote that fits in `max` characters, quotes included. */
export function quoteLine(quote: string, max: number): string {
  return `> “${truncate(plain(quote), Math.max(1, max - 4))}”`;
}

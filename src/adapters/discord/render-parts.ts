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

/** Article text shown as written: markdown (including masked links) escaped, whitespace collapsed. */
export function plain(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, ' ').trim(), {
    maskedLink: true,
    heading: true,
    bulletedList: true,
    numberedList: true,
  });
}

/** The title as a markdown link when the article has a usable URL, bold otherwise. */
export function linkedTitle(title: string, url: string | null, maxTitle = 200): string {
  const text = truncate(plain(title), maxTitle).replace(/[[\]]/g, (c) => `\\${c}`);
  if (url === null || !/^https?:\/\//i.test(url) || url.length > 512) return `**${text}**`;
  const safeUrl = url.replace(
    /[()\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`,
  );
  return `[${text}](${safeUrl})`;
}

/** A one-line block quote that fits in `max` characters, quotes included. */
export function quoteLine(quote: string, max: number): string {
  return `> “${truncate(plain(quote), Math.max(1, max - 4))}”`;
}

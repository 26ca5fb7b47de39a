/**
 * @module adapters/slack/render-source-line
 * How one article is named in Slack: its title linked to its URL, the outlet and the date (or
 * "date unknown"), all escaped. Shared by the Sources section of answers and by search results.
 */
import { escapeMrkdwn, mrkdwnLink } from './mrkdwn.js';

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "27 Feb 2026", or "date unknown" when the article has no (valid) date. */
export function formatPublished(iso: string | null): string {
  if (!iso) return 'date unknown';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? 'date unknown' : DATE_FORMAT.format(date);
}

export interface SourceLike {
  title: string;
  url: string | null;
  source: string | null;
  publishedAt: string | null;
}

/** "<url|Title>\n_GeekWire · 27 Feb 2026_" as escaped mrkdwn. */
export function sourceLine(article: SourceLike): string {
  const outlet = article.source ? escapeMrkdwn(article.source) : 'outlet unknown';
  return `${mrkdwnLink(article.url, article.title)}\n_${outlet} · ${formatPublished(article.publishedAt)}_`;
}

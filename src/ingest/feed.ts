/**
 * @module ingest/feed
 * RSS 2.0 and Atom feeds: the entries' links, titles, dates and summaries. The pages themselves are
 * fetched by the caller; the summary is the fallback text when a page cannot be had.
 */
import { DOMParser } from 'linkedom';
import { parseDate } from './front-matter.js';

export interface FeedEntry {
  title: string | null;
  link: string | null;
  publishedAt: string | null;
  /** The entry's own text (content or summary), tags removed. */
  summary: string | null;
  source: string | null;
}

export function looksLikeFeed(body: string, contentType = ''): boolean {
  if (/(rss|atom)\+xml/i.test(contentType)) return true;
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(rss|feed|rdf:RDF)[\s>]/i.test(body);
}

export function parseFeed(xml: string): FeedEntry[] {
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const channelTitle = text(
    document.querySelector('channel > title') ?? document.querySelector('feed > title'),
  );
  const items = [...document.querySelectorAll('item'), ...document.querySelectorAll('entry')];
  return items.map((item) => {
    const linkEl = item.querySelector('link');
    const link = (linkEl?.getAttribute('href') ?? text(linkEl))?.trim() || null;
    const summaryHtml =
      text(item.querySelector('content\\:encoded')) ??
      text(item.querySelector('content')) ??
      text(item.querySelector('description')) ??
      text(item.querySelector('summary'));
    return {
      title: text(item.querySelector('title')),
      link,
      publishedAt: parseDate(
        text(item.querySelector('pubDate')) ??
          text(item.querySelector('published')) ??
          text(item.querySelector('updated')) ??
          text(item.querySelector('dc\\:date')),
      ),
      summary: summaryHtml ? htmlToText(summaryHtml) : null,
      source: channelTitle,
    };
  });
}

function text(el: { textContent: string | null } | null | undefined): string | null {
  const value = el?.textContent?.trim();
  return value ? value : null;
}

function htmlToText(html: string): string {
  return html
    .replace(/<\/(p|div|h\d|li|blockquote)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .trim();
}

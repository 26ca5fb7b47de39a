/**
 * @module ingest/feed
 * RSS 0.9x/1.0/2.0, Atom and JSON Feed 1.0/1.1, read with feedsmith (see docs/FEEDS.md for why): the
 * entries' links, ids, titles, dates and texts. The pages themselves are fetched by the caller; the
 * entry's own text is the fallback when a page cannot be had.
 */
import type { AnyFeed, AtomFeed, JsonFeed, RdfFeed, RssFeed } from 'feedsmith';
import { parseFeed as parseAnyFeed } from 'feedsmith';
import { DOMParser } from 'linkedom';
import { IngestError } from '../core/errors.js';
import { normaliseWhitespace } from './clean-text.js';
import { parseDate } from './parse-date.js';

export interface Feed {
  /** The channel's (or Atom feed's) title: the outlet, when a page names none itself. */
  title: string | null;
  entries: FeedEntry[];
  /** RSS `<ttl>`: how many minutes the publisher says the feed may be cached; null when unsaid. */
  ttlMinutes: number | null;
}

export interface FeedEntry {
  title: string | null;
  /** Absolute: resolved against `xml:base` and the feed's own URL; else an RSS permalink `<guid>`. */
  link: string | null;
  /**
   * The entry's own identifier when it is not its link (an RSS `<guid isPermaLink="false">`, an Atom
   * `<id>`, a JSON Feed `id`): it names an entry more stably than its title, which editors change.
   */
  guid: string | null;
  publishedAt: string | null;
  /** The entry's own text (content or summary), tags removed and entities decoded. */
  summary: string | null;
}

/** Entries read from one feed at most; a feed of 10,000 entries is cut to its first (newest) ones. */
export const MAX_FEED_ENTRIES = 500;

// Before the root element an XML document may have a BOM, an XML declaration, other processing
// instructions (`<?xml-stylesheet?>`), comments and a doctype, in any number.
const PROLOG = /^(?:\uFEFF|\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>)*/i;
const FEED_ROOT = /^<(?:[\w.-]+:)?(rss|feed|RDF)[\s>/]/i;
const JSON_FEED = /^\s*\{[\s\S]{0,2000}?"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//;

/** Whether a response is a feed: by its feed content type, or by its root element whatever the type. */
export function looksLikeFeed(body: string, contentType = ''): boolean {
  if (/(rss|atom|rdf)\+xml|feed\+json/i.test(contentType)) return true;
  const head = body.slice(0, 64 * 1024).replace(/^\uFEFF/, '');
  if (JSON_FEED.test(head)) return true;
  return FEED_ROOT.test(head.slice(PROLOG.exec(head)?.[0].length ?? 0));
}

/**
 * Whether a response is XML of some other kind (a sitemap, a CDF channel, a document holding only a
 * comment): such a document is no article, and storing its text made articles titled "<!--".
 */
export function looksLikeXml(body: string, contentType = ''): boolean {
  if (/[/+]xml\b/i.test(contentType) && !/html/i.test(contentType)) return true;
  return /^\uFEFF?\s*<(\?xml|!--|[\w.-]+:)/i.test(body.slice(0, 1024)) && !/<html[\s>]/i.test(body);
}

/** Parses a feed; throws an IngestError naming the problem when `body` is not one. */
export function parseFeed(body: string, feedUrl: string): Feed {
  let parsed: AnyFeed<string>;
  try {
    const input = body.trimStart().startsWith('{') ? JSON.parse(body) : body;
    parsed = parseAnyFeed<string>(input, { maxItems: MAX_FEED_ENTRIES });
  } catch (error) {
    throw new IngestError(feedUrl, `not an RSS, Atom or JSON feed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  switch (parsed.format) {
    case 'rss':
      return fromRss(parsed.feed, feedUrl);
    case 'rdf':
      return fromRdf(parsed.feed, feedUrl);
    case 'atom':
      return fromAtom(parsed.feed, feedUrl);
    case 'json':
      return fromJson(parsed.feed, feedUrl);
  }
}

function fromRss(feed: RssFeed.Feed<string>, feedUrl: string): Feed {
  const base = resolveBase(feedUrl, feed.xml?.base);
  const entries = (feed.items ?? []).map((item): FeedEntry => {
    const itemBase = resolveBase(base, item.xml?.base);
    const guid = item.guid?.value?.trim() || null;
    // RSS 2.0 makes a guid a permalink unless isPermaLink="false", but many feeds omit the attribute on
    // opaque ids ("12345"), so without it only an absolute http(s) URL counts.
    const permalink = guid && item.guid?.isPermaLink !== false ? absoluteHttpUrl(guid) : null;
    const link = resolveLink(item.link, itemBase) ?? permalink;
    return {
      title: rssTitle(item.title),
      link,
      guid: guid && !permalink ? guid : null,
      publishedAt: parseDate(item.pubDate ?? item.dc?.dates?.[0] ?? item.atom?.updated ?? null),
      summary: textOf(item.content?.encoded ?? item.description),
    };
  });
  return { title: rssTitle(feed.title), entries, ttlMinutes: positive(feed.ttl) };
}

function fromRdf(feed: RdfFeed.Feed<string>, feedUrl: string): Feed {
  const entries = (feed.items ?? []).map(
    (item): FeedEntry => ({
      title: rssTitle(item.title),
      link: resolveLink(item.link ?? item.rdf?.about, feedUrl),
      guid: null,
      publishedAt: parseDate(item.dc?.dates?.[0] ?? null),
      summary: textOf(item.content?.encoded ?? item.description),
    }),
  );
  return { title: rssTitle(feed.title), entries, ttlMinutes: null };
}

function fromAtom(feed: AtomFeed.Feed<string>, feedUrl: string): Feed {
  const base = resolveBase(feedUrl, feed.xml?.base);
  const entries = (feed.entries ?? []).map((entry): FeedEntry => {
    const entryBase = resolveBase(base, entry.xml?.base);
    return {
      title: atomText(entry.title),
      link: resolveLink(storyLink(entry.links ?? []), entryBase),
      guid: entry.id?.trim() || null,
      publishedAt: parseDate(entry.published ?? entry.updated ?? entry.dc?.dates?.[0] ?? null),
      summary: atomContent(entry.content) ?? atomText(entry.summary),
    };
  });
  return { title: atomText(feed.title), entries, ttlMinutes: null };
}

function fromJson(feed: JsonFeed.Feed<string>, feedUrl: string): Feed {
  const entries = (feed.items ?? []).map(
    (item): FeedEntry => ({
      title: item.title?.trim() || null,
      link: resolveLink(item.url ?? item.external_url, feedUrl),
      guid: item.id != null && String(item.id).trim() ? String(item.id).trim() : null,
      publishedAt: parseDate(item.date_published ?? item.date_modified ?? null),
      summary: textOf(item.content_html) ?? plain(item.content_text) ?? plain(item.summary),
    }),
  );
  return { title: feed.title?.trim() || null, entries, ttlMinutes: null };
}

// Atom entries have several links (replies, edit, enclosure, self): the story is the "alternate" one,
// else one without rel, else any HTML link that is not one of those.
const NOT_THE_STORY = new Set(['replies', 'edit', 'enclosure', 'self', 'via', 'related', 'license']);

function storyLink(links: readonly AtomFeed.Link<string>[]): string | undefined {
  const rel = (link: AtomFeed.Link<string>) => link.rel?.trim().toLowerCase() ?? '';
  const chosen =
    links.find((l) => rel(l) === 'alternate') ??
    links.find((l) => rel(l) === '') ??
    links.find((l) => /html/i.test(l.type ?? '') && !NOT_THE_STORY.has(rel(l)));
  return chosen?.href;
}

// Atom says whether a text is HTML (else it is plain text, kept as it is, `<div>` and all).
function atomText(text: AtomFeed.Text | undefined): string | null {
  const value = text?.value?.trim();
  if (!value) return null;
  const type = text?.type?.trim().toLowerCase();
  return type === 'html' || type === 'xhtml' ? htmlToText(unprefixed(value)) || null : value;
}

/**
 * Atom content: HTML, XHTML (markup inside the feed, whose text alone would run paragraphs together),
 * text, or base64. RFC 4287 says content of a media type that is neither text nor XML is base64; Atom
 * 0.3's `mode="base64"` is not kept by the parser, so a value that is wholly base64 of UTF-8 text is
 * decoded as well (prose always has spaces; base64 never does).
 */
function atomContent(content: AtomFeed.Content | undefined): string | null {
  const value = content?.value?.trim();
  if (!value) return null;
  const type = content?.type?.trim().toLowerCase() ?? 'text';
  if (type === 'html' || type === 'xhtml' || /html/.test(type)) return htmlToText(unprefixed(value)) || null;
  const decoded = base64Text(value);
  if (decoded !== null) return /^\s*</.test(decoded) ? htmlToText(decoded) || null : plain(decoded);
  return plain(value);
}

const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}$/;

function base64Text(value: string): string | null {
  if (value.length < 16 || !BASE64.test(value)) return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'base64'));
    // Decoded binary has control characters; decoded text has spaces.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    return /\s/.test(text) && !/[\x00-\x08\x0e-\x1f]/.test(text) ? text : null;
  } catch {
    return null;
  }
}

// XHTML elements may carry a namespace prefix (<xhtml:p>), which HTML does not know.
const unprefixed = (markup: string) => markup.replace(/<(\/?)[\w.-]+:(?=[\w.-]+[\s/>])/g, '<$1');

// RSS does not say whether a title is HTML, and feeds often escape its entities twice
// ("AT&amp;amp;T") or wrap markup in CDATA, so a title with an entity or a tag left in it is read as HTML.
function rssTitle(title: string | undefined): string | null {
  const value = title?.trim();
  if (!value) return null;
  if (/&(#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i.test(value) || /<\/?[a-z][^>]*>/i.test(value)) {
    return htmlToText(value) || null;
  }
  return value;
}

function textOf(html: string | undefined): string | null {
  const value = html?.trim();
  return value ? htmlToText(value) || null : null;
}

function plain(text: string | undefined): string | null {
  const value = text ? normaliseWhitespace(text) : '';
  return value ? value : null;
}

function positive(value: number | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

function absoluteHttpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function resolveLink(href: string | undefined, base: string): string | null {
  const value = href?.trim();
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** An `xml:base` resolved against the base above it; an unusable one is ignored. */
function resolveBase(base: string, xmlBase: string | undefined): string {
  if (!xmlBase?.trim()) return base;
  try {
    return new URL(xmlBase.trim(), base).toString();
  } catch {
    return base;
  }
}

// Marks where a block ends, so that the HTML's own line wrapping can be collapsed like a browser would.
const BREAK = '\uE000';

/** HTML -> text with every entity decoded (named, decimal, hex); blocks and <br> become line breaks. */
export function htmlToText(html: string): string {
  const marked = html.replace(/<\/(p|div|h\d|li|blockquote|tr)>|<br\s*\/?>/gi, `$&${BREAK}`);
  const document = new DOMParser().parseFromString(
    `<!doctype html><html><body>${marked}</body></html>`,
    'text/html',
  );
  for (const el of document.querySelectorAll('script, style, noscript, template')) el.remove();
  const text = (document.body?.textContent ?? '')
    // HTML collapses ASCII white space only; a thin space (&#8201;) is text.
    .replace(/[ \t\n\r\f\u00A0]+/g, ' ')
    .replace(new RegExp(` ?${BREAK} ?`, 'g'), '\n');
  return normaliseWhitespace(text);
}

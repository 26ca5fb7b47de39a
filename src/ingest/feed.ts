/**
 * @module ingest/feed
 * RSS 0.9x/1.0/2.0 and Atom feeds: the entries' links, titles, dates and summaries. The pages themselves
 * are fetched by the caller; the summary is the fallback text when a page cannot be had.
 */
import { DOMParser } from 'linkedom';
import { normaliseWhitespace } from './clean-text.js';
import { parseDate } from './parse-date.js';

export interface Feed {
  /** The channel's (or Atom feed's) title: the outlet, when a page names none itself. */
  title: string | null;
  entries: FeedEntry[];
}

export interface FeedEntry {
  title: string | null;
  /** Absolute: resolved against `xml:base` and the feed's own URL; else an RSS permalink `<guid>`. */
  link: string | null;
  /**
   * The entry's own identifier when it is not its link (an RSS `<guid isPermaLink="false">`, an Atom
   * `<id>`): it names an entry without a link more stably than its title, which editors change.
   */
  guid: string | null;
  publishedAt: string | null;
  /** The entry's own text (content or summary), tags removed and entities decoded. */
  summary: string | null;
}

// Before the root element an XML document may have a BOM, an XML declaration, other processing
// instructions (`<?xml-stylesheet?>`), comments and a doctype, in any number.
const PROLOG = /^(?:\uFEFF|\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>)*/i;
const FEED_ROOT = /^<(?:[\w.-]+:)?(rss|feed|RDF)[\s>/]/i;

/** Whether a response is a feed: by its feed content type, or by its root element whatever the type. */
export function looksLikeFeed(body: string, contentType = ''): boolean {
  if (/(rss|atom|rdf)\+xml/i.test(contentType)) return true;
  const head = body.slice(0, 64 * 1024);
  return FEED_ROOT.test(head.slice(PROLOG.exec(head)?.[0].length ?? 0));
}

export function parseFeed(xml: string, feedUrl: string): Feed {
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const feedTitle = document.querySelector('channel > title') ?? document.querySelector('feed > title');
  const items = [...document.querySelectorAll('item'), ...document.querySelectorAll('entry')];
  const entries = items.map((item) => {
    const summaryHtml =
      text(item.querySelector('content\\:encoded')) ??
      markupOf(item.querySelector('content')) ??
      text(item.querySelector('description')) ??
      markupOf(item.querySelector('summary'));
    const guid = guidOf(item);
    const link = linkOf(item, feedUrl) ?? guid?.permalink ?? null;
    return {
      title: titleOf(item.querySelector('title'), item.tagName.toLowerCase() === 'entry'),
      link,
      guid: guid && !guid.permalink ? guid.value : null,
      publishedAt: parseDate(
        text(item.querySelector('pubDate')) ??
          text(item.querySelector('published')) ??
          text(item.querySelector('updated')) ??
          text(item.querySelector('dc\\:date')),
      ),
      summary: summaryHtml ? htmlToText(summaryHtml) || null : null,
    };
  });
  return { title: titleOf(feedTitle, feedTitle?.parentElement?.tagName.toLowerCase() === 'feed'), entries };
}

type XmlElement = NonNullable<ReturnType<Document['querySelector']>>;

function text(el: { textContent: string | null } | null | undefined): string | null {
  const value = el?.textContent?.trim();
  return value ? value : null;
}

// Atom `type="xhtml"` content is markup inside the feed's own XML, not escaped HTML: its text alone would
// run the paragraphs together ("One.Two."), so the markup goes to htmlToText, which breaks at blocks.
// Its elements may carry a namespace prefix (<xhtml:p>), which HTML does not know.
function markupOf(el: XmlElement | null): string | null {
  if (el?.getAttribute('type')?.trim().toLowerCase() !== 'xhtml') return text(el);
  const markup = el.innerHTML.replace(/<(\/?)[\w.-]+:(?=[\w.-]+[\s/>])/g, '<$1').trim();
  return markup ? markup : null;
}

// Atom says whether a title is HTML (else it is text); RSS does not, and feeds often escape its
// entities twice ("AT&amp;amp;T"), so an RSS title with an entity left in it is decoded once more.
function titleOf(el: XmlElement | null, atom: boolean): string | null {
  const value = text(el);
  if (!el || !value) return null;
  if (el.getAttribute('type') === 'html') return htmlToText(value) || null;
  if (!atom && /&(#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i.test(value)) {
    return htmlToText(value.replace(/</g, '&lt;')) || null;
  }
  return value;
}

// Atom entries have several links (replies, edit, enclosure, self): the story is the "alternate" one,
// else one without rel (RSS's plain <link>), else any HTML link that is not one of those.
const NOT_THE_STORY = new Set(['replies', 'edit', 'enclosure', 'self', 'via', 'related', 'license']);

function linkOf(item: XmlElement, feedUrl: string): string | null {
  const links = [...item.children].filter((el) => el.tagName.toLowerCase() === 'link');
  const rel = (el: XmlElement) => el.getAttribute('rel')?.trim().toLowerCase() ?? '';
  const chosen =
    links.find((el) => rel(el) === 'alternate') ??
    links.find((el) => rel(el) === '') ??
    links.find((el) => /html/i.test(el.getAttribute('type') ?? '') && !NOT_THE_STORY.has(rel(el)));
  const href = chosen ? (chosen.getAttribute('href') ?? chosen.textContent)?.trim() : null;
  if (!chosen || !href) return null;
  try {
    return new URL(href, baseOf(chosen, feedUrl)).toString();
  } catch {
    return null;
  }
}

/**
 * An RSS `<guid>` (or Atom `<id>`) and whether it is the entry's permalink. RSS 2.0 makes a guid a
 * permalink unless `isPermaLink="false"`, but many feeds omit the attribute on opaque ids ("12345"),
 * so without it only an absolute http(s) URL counts; `isPermaLink="true"` on a non-URL is ignored.
 */
function guidOf(item: XmlElement): { value: string; permalink: string | null } | null {
  const el = [...item.children].find((c) => ['guid', 'id'].includes(c.tagName.toLowerCase()));
  const value = text(el);
  if (!el || !value) return null;
  const declared = el.getAttribute('isPermaLink')?.trim().toLowerCase();
  const isRssGuid = el.tagName.toLowerCase() === 'guid';
  return { value, permalink: isRssGuid && declared !== 'false' ? absoluteHttpUrl(value) : null };
}

function absoluteHttpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The base URL in effect at an element: every `xml:base` above it, resolved from the feed's URL down. */
function baseOf(el: XmlElement, feedUrl: string): string {
  const bases: string[] = [];
  for (let at: XmlElement | null = el; at; at = at.parentElement) {
    const base = at.getAttribute('xml:base');
    if (base) bases.unshift(base);
  }
  let base = feedUrl;
  for (const next of bases) {
    try {
      base = new URL(next, base).toString();
    } catch {
      // An unusable xml:base is ignored; the feed's own URL still applies.
    }
  }
  return base;
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

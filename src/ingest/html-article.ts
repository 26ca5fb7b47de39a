/**
 * @module ingest/html-article
 * Main-text extraction from a web page with Mozilla Readability over linkedom's DOM: the story's
 * paragraphs, headings and list items, without navigation, ads or comments. Title, outlet, date and
 * canonical URL come from the page's metadata (Open Graph, article:published_time, JSON-LD, <time>).
 * Picture captions and credits, and sign-up forms, are taken out first (html-captions.ts,
 * html-signup-forms.ts).
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ArticleDraft } from '../core/article.js';
import { IngestError } from '../core/errors.js';
import { normaliseWhitespace, stripTrailingFurniture } from './clean-text.js';
import { removeCaptions } from './html-captions.js';
import {
  MAX_ELEMENTS,
  MAX_NESTING_DEPTH,
  MAX_RAW_NESTING_DEPTH,
  rawElementCount,
  rawNestingDepth,
  treeDepth,
} from './html-depth.js';
import { removeSignupForms } from './html-signup-forms.js';
import { outletName } from './outlets.js';
import { parseDate } from './parse-date.js';
import { stripPictureCredits } from './picture-credits.js';

const BLOCKS = 'h1,h2,h3,h4,h5,h6,p,li,blockquote,pre,td';

/**
 * Readability's own default: a reading shorter than this is tried again with fewer heuristics, and
 * the longest reading is kept. At 200 a 247-character newsletter box and a 494-character footer were
 * taken for two of realpages-dev's 39 pages (their stories, 8,855 and 5,522 characters, at 500; the
 * other 37 unchanged, as are all 8,159 rtqa-news pages). A short story is still read: the retries
 * keep it.
 */
const READABILITY_CHAR_THRESHOLD = 500;

/**
 * `feedOutlet` is the title of the feed that linked to the page: the outlet when the page names none
 * itself (og:site_name, JSON-LD publisher, a "Source:" line), before falling back to the URL's host.
 */
export function parseHtmlArticle(
  origin: string,
  html: string,
  pageUrl: string | null = null,
  feedOutlet: string | null = null,
): ArticleDraft {
  const document = documentOf(origin, html);
  const meta = (selector: string) =>
    document.querySelector(selector)?.getAttribute('content')?.trim() || null;
  const canonical =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() ||
    meta('meta[property="og:url"]');
  const jsonLd = readJsonLd(document);
  const metaTitle = meta('meta[property="og:title"]') ?? meta('meta[name="twitter:title"]');
  const published =
    meta('meta[property="article:published_time"]') ??
    meta('meta[name="date"]') ??
    meta('meta[name="pubdate"]') ??
    jsonLd.datePublished ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    null;
  const siteName = meta('meta[property="og:site_name"]') ?? jsonLd.publisher;
  removeCaptions(document);
  removeSignupForms(document);

  const parsed = new Readability(document as unknown as Document, {
    serializer: (node: Node) => node,
    charThreshold: READABILITY_CHAR_THRESHOLD,
  }).parse();
  if (!parsed?.content) throw new IngestError(origin, 'no article text found in the page');
  const blocks = [...(parsed.content as unknown as Element).querySelectorAll(BLOCKS)]
    .filter((el) => !el.querySelector(BLOCKS))
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const rawText = blocks.length > 0 ? blocks.join('\n\n') : (parsed.textContent ?? '');
  const cleaned = stripTrailingFurniture(stripPictureCredits(normaliseWhitespace(rawText)));
  if (cleaned.text.length < 40) throw new IngestError(origin, 'no article text found in the page');
  const url = absoluteUrl(canonical, pageUrl) ?? pageUrl;
  const title = (metaTitle ?? parsed.title ?? document.querySelector('title')?.textContent ?? '').trim();
  const source = siteName ?? parsed.siteName ?? cleaned.outlet ?? feedOutlet ?? url;
  return {
    origin,
    title: title || (blocks[0] ?? cleaned.text.slice(0, 80)),
    source: source ? outletName(source) : null,
    url,
    publishedAt: parseDate(published ?? parsed.publishedTime ?? null),
    text: cleaned.text,
  };
}

// linkedom makes no <html> element for text without any tag (or for nothing at all), and Readability
// then fails with a message about its constructor: say what is wrong with the page instead.
function documentOf(origin: string, html: string) {
  if (!hasTextOutsideComments(html)) throw new IngestError(origin, 'empty page: no text in it');
  if (rawNestingDepth(html, MAX_RAW_NESTING_DEPTH) > MAX_RAW_NESTING_DEPTH) throw tooDeep(origin);
  if (rawElementCount(html, MAX_ELEMENTS) > MAX_ELEMENTS) {
    throw new IngestError(
      origin,
      `page too large: more than ${MAX_ELEMENTS.toLocaleString('en-US')} elements (ten times the largest real page seen)`,
    );
  }
  const parsed = parseHTML(html).document;
  const document = parsed.documentElement ? parsed : parseHTML(`<html><body>${html}</body></html>`).document;
  if (treeDepth(document.documentElement, MAX_NESTING_DEPTH) > MAX_NESTING_DEPTH) throw tooDeep(origin);
  return document;
}

function tooDeep(origin: string): IngestError {
  return new IngestError(
    origin,
    `page nested too deeply: elements inside more than ${MAX_NESTING_DEPTH} others (no real page needs that)`,
  );
}

/** Whether anything but comments and white space is in `html` (an unclosed comment runs to the end). */
function hasTextOutsideComments(html: string): boolean {
  for (let from = 0; ; ) {
    const open = html.indexOf('<!--', from);
    if (html.slice(from, open < 0 ? undefined : open).trim() !== '') return true;
    if (open < 0) return false;
    const close = html.indexOf('-->', open + 4);
    if (close < 0) return false;
    from = close + 3;
  }
}

function readJsonLd(document: { querySelectorAll(s: string): Iterable<{ textContent: string | null }> }): {
  datePublished: string | null;
  publisher: string | null;
} {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const data = JSON.parse(script.textContent ?? '') as unknown;
      const items = Array.isArray(data) ? data : [data];
      for (const item of items) {
        if (item && typeof item === 'object' && 'datePublished' in item) {
          const record = item as { datePublished?: unknown; publisher?: { name?: unknown } };
          return {
            datePublished: typeof record.datePublished === 'string' ? record.datePublished : null,
            publisher: typeof record.publisher?.name === 'string' ? record.publisher.name : null,
          };
        }
      }
    } catch {
      // Broken JSON-LD is common on real pages; the other metadata still applies.
    }
  }
  return { datePublished: null, publisher: null };
}

function absoluteUrl(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    return new URL(href, base ?? undefined).toString();
  } catch {
    return null;
  }
}

/**
 * @module ingest/read-inputs
 * Reads what `brief ingest` is pointed at: files, folders (recursively) and URLs (pages, RSS/Atom
 * feeds, JSON). Every input ends as drafts or as failures with a reason; one bad input never stops
 * the batch. Size, binary content and the text's encoding are checked before any parsing.
 */

import { extname, relative, resolve, sep } from 'node:path';
import type { ArticleDraft, ArticleSource } from '../core/article.js';
import { IngestError } from '../core/errors.js';
import type { IngestWarning } from '../core/ingest-articles.js';
import type { Feed } from './feed.js';
import { decodeText, fetchText } from './fetch-text.js';
import type { HtmlReader } from './html-reader.js';
import { parseJsonArticles } from './json-articles.js';
import { mapLimited } from './map-limited.js';
import { readFileBounded } from './read-file.js';
import { parseTextArticle } from './text-article.js';

export const SUPPORTED_EXTENSIONS = [
  '.txt',
  '.md',
  '.markdown',
  '.html',
  '.htm',
  '.json',
  '.jsonl',
  '.ndjson',
];

export interface ReadOptions {
  /** Origins of files are paths relative to this folder. */
  root: string;
  maxBytes: number;
  fetch: typeof globalThis.fetch;
  /** Per-request timeout for URLs, in ms. */
  fetchTimeoutMs: number;
  /** Reads web pages (in a worker, with a deadline). */
  html: HtmlReader;
}

export interface InputBatch {
  /** The input the drafts come from: what they may update (core/ingest-articles `mayUpdate`). */
  source: ArticleSource;
  drafts: ArticleDraft[];
  /**
   * Feed entries whose page could not be fetched, made from the feed's summary instead. A teaser must
   * not replace the full article stored from an earlier run: store one only where nothing is stored.
   */
  fallbacks: SummaryFallback[];
  failures: IngestError[];
  warnings: IngestWarning[];
}

export interface SummaryFallback {
  draft: ArticleDraft;
  /** Why the page could not be used ("could not fetch the page: HTTP 503"). */
  reason: string;
}

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** The scheme of anything written as a URL ("ftp" of "ftp://…"), supported or not; else null. */
export function urlScheme(input: string): string | null {
  return /^([a-z][a-z0-9+.-]*):\/\//i.exec(input)?.[1]?.toLowerCase() ?? null;
}

/** Reads one file or URL into drafts. Never throws: problems come back as failures. */
export async function readInput(item: string, options: ReadOptions): Promise<InputBatch> {
  try {
    return isUrl(item) ? await readUrl(item, options) : await readFileInput(item, options);
  } catch (error) {
    const failure =
      error instanceof IngestError
        ? error
        : new IngestError(item, (error as Error).message, { cause: error });
    return { ...batchOf(item, 'file', []), failures: [failure] };
  }
}

export function originOf(path: string, root: string): string {
  const rel = relative(resolve(root), resolve(path));
  return rel.startsWith('..') ? resolve(path) : rel.split(sep).join('/');
}

async function readFileInput(path: string, options: ReadOptions): Promise<InputBatch> {
  const origin = originOf(path, options.root);
  const ext = extname(path).toLowerCase();
  if (!SUPPORTED_EXTENSIONS.includes(ext)) {
    throw new IngestError(
      origin,
      `unsupported file type "${ext || 'none'}" (use ${SUPPORTED_EXTENSIONS.join(', ')})`,
    );
  }
  const text = decodeText(origin, await readFileBounded(path, origin, options.maxBytes));
  return parseByType(origin, text, ext, null, options.html);
}

async function readUrl(url: string, options: ReadOptions): Promise<InputBatch> {
  const { body, contentType, finalUrl } = await fetchText(url, options);
  const parser = await feedParser();
  if (parser.looksLikeFeed(body, contentType)) return readFeed(url, finalUrl, body, options);
  if (parser.looksLikeXml(body, contentType)) {
    throw new IngestError(url, 'XML that is not an RSS, Atom or JSON feed, nor a web page');
  }
  const ext = /json/i.test(contentType)
    ? '.json'
    : /html/i.test(contentType) || /<html[\s>]/i.test(body)
      ? '.html'
      : '.txt';
  return parseByType(url, body, ext, finalUrl, options.html);
}

// The feed parser is loaded only when a feed is read: `brief ask` never needs it. (The DOM stack of
// web pages is loaded by the page reader's worker.)
const feedParser = () => import('./feed.js');

async function parseByType(
  origin: string,
  text: string,
  ext: string,
  pageUrl: string | null,
  html: HtmlReader,
): Promise<InputBatch> {
  switch (ext) {
    case '.html':
    case '.htm':
      return batchOf(origin, kindOf(origin), [
        await html.read({ origin, html: text, pageUrl, feedOutlet: null }),
      ]);
    case '.json':
    case '.jsonl':
    case '.ndjson': {
      const lines = ext !== '.json' || looksLikeJsonLines(text);
      return {
        ...parseJsonArticles(origin, text, lines),
        source: { kind: 'record', input: origin },
        fallbacks: [],
      };
    }
    default: {
      const warnings: string[] = [];
      const draft = parseTextArticle(origin, text, warnings);
      const batch = batchOf(origin, kindOf(origin), [
        pageUrl && !draft.url ? { ...draft, url: pageUrl } : draft,
      ]);
      batch.warnings = warnings.map((warning) => ({ origin, warning }));
      return batch;
    }
  }
}

/** `feedUrl` is what was asked for (and names the feed's failures); links resolve against `finalUrl`. */
async function readFeed(
  feedUrl: string,
  finalUrl: string,
  xml: string,
  options: ReadOptions,
): Promise<InputBatch> {
  const batch = batchOf(feedUrl, 'feed', []);
  let feed: Feed;
  try {
    feed = (await feedParser()).parseFeed(xml, finalUrl);
  } catch (error) {
    throw new IngestError(feedUrl, (error as Error).message, { cause: error });
  }
  if (feed.entries.length === 0) throw new IngestError(feedUrl, 'the feed has no entries');
  const pages = await mapLimited(feed.entries, FEED_PAGES_AT_ONCE, (entry) =>
    entry.link ? readEntryPage(entry.link, feed.title, options) : 'the feed entry has no link',
  );
  for (const [i, entry] of feed.entries.entries()) {
    const link = entry.link;
    // Without a link, the entry's guid names it: a title is edited, and would make a second article.
    const origin = link ?? (entry.guid ? `${feedUrl}#guid:${entry.guid}` : `${feedUrl}#${entry.title ?? i}`);
    const page = pages[i] ?? 'the feed entry has no link';
    const withEntryFields = (d: ArticleDraft): ArticleDraft => ({
      ...d,
      title: entry.title ?? d.title,
      publishedAt: entry.publishedAt ?? d.publishedAt,
    });
    if (typeof page !== 'string') {
      batch.drafts.push(withEntryFields(page));
    } else if (entry.summary && entry.summary.length >= 40) {
      const text = entry.summary;
      const summary = { origin, title: '', source: feed.title, url: link, publishedAt: null, text };
      batch.fallbacks.push({ draft: withEntryFields(summary), reason: page });
    } else {
      batch.failures.push(new IngestError(origin, `${page}, and the feed entry has no text`));
    }
  }
  return batch;
}

/**
 * Pages of one feed fetched at the same time: one after another, a slow host held a 50-entry feed for
 * minutes (a timeout each); all at once would flood it.
 */
const FEED_PAGES_AT_ONCE = 4;

/** An entry's page as a draft, or why it could not be had. */
async function readEntryPage(
  link: string,
  feedTitle: string | null,
  options: ReadOptions,
): Promise<ArticleDraft | string> {
  try {
    const page = await fetchText(link, options);
    return await options.html.read({
      origin: link,
      html: page.body,
      pageUrl: page.finalUrl,
      feedOutlet: feedTitle,
    });
  } catch (error) {
    const message = (error as Error).message;
    return message.startsWith('could not fetch: ')
      ? `could not fetch the page: ${message.slice('could not fetch: '.length)}`
      : `could not read the page: ${message}`;
  }
}

/** A first line that is one whole object, and another object on a later line: JSON Lines in a .json. */
function looksLikeJsonLines(text: string): boolean {
  const nonBlank = /\S/g;
  const start = nonBlank.exec(text)?.index ?? -1;
  if (text[start] !== '{') return false;
  const end = text.indexOf('\n', start);
  if (end < 0 || !text.slice(start, end).trimEnd().endsWith('}')) return false;
  nonBlank.lastIndex = end;
  return text[nonBlank.exec(text)?.index ?? -1] === '{';
}

function batchOf(input: string, kind: ArticleSource['kind'], drafts: ArticleDraft[]): InputBatch {
  return { source: { kind, input }, drafts, fallbacks: [], failures: [], warnings: [] };
}

/** A page fetched by its URL, or a file by its path. */
function kindOf(origin: string): ArticleSource['kind'] {
  return isUrl(origin) ? 'page' : 'file';
}

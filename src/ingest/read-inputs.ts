/**
 * @module ingest/read-inputs
 * Reads what `brief ingest` is pointed at: files, folders (recursively) and URLs (pages, RSS/Atom
 * feeds, JSON). Every input ends as drafts or as failures with a reason; one bad input never stops
 * the batch. Size, binary content and invalid UTF-8 are checked before any parsing.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { ArticleDraft } from '../core/article.js';
import { IngestError } from '../errors.js';
import { parseJsonArticles } from './json-articles.js';
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
}

export interface InputBatch {
  drafts: ArticleDraft[];
  failures: IngestError[];
}

/** Expands folders into their supported files; URLs pass through. Missing paths become failures. */
export async function expandInputs(inputs: string[]): Promise<{ items: string[]; failures: IngestError[] }> {
  const items: string[] = [];
  const failures: IngestError[] = [];
  for (const input of inputs) {
    if (isUrl(input)) {
      items.push(input);
      continue;
    }
    try {
      const info = await stat(input);
      if (info.isDirectory()) items.push(...(await walk(input)));
      else items.push(input);
    } catch {
      failures.push(new IngestError(input, 'no such file or folder'));
    }
  }
  return { items, failures };
}

async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile() && SUPPORTED_EXTENSIONS.includes(extname(entry.name).toLowerCase()))
      files.push(path);
  }
  return files;
}

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
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
    return { drafts: [], failures: [failure] };
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
  const info = await stat(path);
  if (info.size > options.maxBytes) {
    throw new IngestError(
      origin,
      `file too large: ${formatBytes(info.size)} (the limit is ${formatBytes(options.maxBytes)})`,
    );
  }
  const text = decodeText(origin, await readFile(path));
  return parseByType(origin, text, ext, null);
}

async function readUrl(url: string, options: ReadOptions): Promise<InputBatch> {
  const { body, contentType, finalUrl } = await fetchText(url, options);
  if ((await feedParser()).looksLikeFeed(body, contentType)) return readFeed(url, body, options);
  const ext = /json/i.test(contentType)
    ? '.json'
    : /html/i.test(contentType) || /<html[\s>]/i.test(body)
      ? '.html'
      : '.txt';
  return parseByType(url, body, ext, finalUrl);
}

// The DOM stack (linkedom, Readability) is loaded only when a page or feed is read: `brief ask` never
// needs it, and it costs about 0.2 s of start-up.
const htmlParser = () => import('./html-article.js');
const feedParser = () => import('./feed.js');

async function parseByType(
  origin: string,
  text: string,
  ext: string,
  pageUrl: string | null,
): Promise<InputBatch> {
  switch (ext) {
    case '.html':
    case '.htm':
      return { drafts: [(await htmlParser()).parseHtmlArticle(origin, text, pageUrl)], failures: [] };
    case '.json':
    case '.jsonl':
    case '.ndjson': {
      const lines = ext !== '.json' || /^\s*\{[^\n]*\}\s*\n\s*\{/.test(text);
      return parseJsonArticles(origin, text, lines);
    }
    default: {
      const draft = parseTextArticle(origin, text);
      return { drafts: [pageUrl && !draft.url ? { ...draft, url: pageUrl } : draft], failures: [] };
    }
  }
}

async function readFeed(feedUrl: string, xml: string, options: ReadOptions): Promise<InputBatch> {
  const batch: InputBatch = { drafts: [], failures: [] };
  const entries = (await feedParser()).parseFeed(xml);
  if (entries.length === 0) throw new IngestError(feedUrl, 'the feed has no entries');
  for (const entry of entries) {
    const link = entry.link ? new URL(entry.link, feedUrl).toString() : null;
    const origin = link ?? `${feedUrl}#${entry.title ?? batch.drafts.length}`;
    let draft: ArticleDraft | null = null;
    if (link) {
      try {
        const page = await fetchText(link, options);
        draft = (await htmlParser()).parseHtmlArticle(link, page.body, page.finalUrl);
      } catch {
        // Fall back to the feed's own text for this entry below.
      }
    }
    if (!draft && entry.summary && entry.summary.length >= 40) {
      draft = {
        origin,
        title: entry.title ?? '',
        source: entry.source,
        url: link,
        publishedAt: null,
        text: entry.summary,
      };
    }
    if (!draft) {
      batch.failures.push(new IngestError(origin, 'could not fetch the page and the feed entry has no text'));
      continue;
    }
    batch.drafts.push({
      ...draft,
      title: entry.title ?? draft.title,
      publishedAt: entry.publishedAt ?? draft.publishedAt,
      source: draft.source ?? entry.source,
    });
  }
  return batch;
}

async function fetchText(
  url: string,
  options: ReadOptions,
): Promise<{ body: string; contentType: string; finalUrl: string }> {
  let response: Response;
  try {
    response = await options.fetch(url, {
      signal: AbortSignal.timeout(options.fetchTimeoutMs),
      headers: {
        'user-agent': 'Briefbot/0.1 (+news briefing bot)',
        accept:
          'text/html, application/rss+xml, application/atom+xml, application/json, text/plain;q=0.8, */*;q=0.5',
      },
    });
  } catch (error) {
    throw new IngestError(url, `could not fetch: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok) throw new IngestError(url, `could not fetch: HTTP ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > options.maxBytes) {
    throw new IngestError(
      url,
      `page too large: ${formatBytes(length)} (the limit is ${formatBytes(options.maxBytes)})`,
    );
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > options.maxBytes) {
    throw new IngestError(
      url,
      `page too large: ${formatBytes(bytes.byteLength)} (the limit is ${formatBytes(options.maxBytes)})`,
    );
  }
  return {
    body: decodeText(url, bytes),
    contentType: response.headers.get('content-type') ?? '',
    finalUrl: response.url || url,
  };
}

/** UTF-8 only; NUL bytes mean a binary file. */
export function decodeText(origin: string, bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new IngestError(origin, 'binary file: not text (it contains NUL bytes)');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new IngestError(origin, 'invalid UTF-8: save the file as UTF-8 text');
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

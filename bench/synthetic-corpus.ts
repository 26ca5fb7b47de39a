/**
 * @module bench/synthetic-corpus
 * The documented, seeded procedure that builds an N-article corpus from real news text.
 *
 * One mulberry32 stream (seed `--seed`, default 20240611) draws, for article i = 0..N-1, in this order:
 * a title from the pool's titles; 4–12 paragraphs from the pool's paragraphs (with replacement, in
 * drawn order, joined by blank lines); an outlet host from OUTLETS; a publication time uniform over
 * 2025 (to the second). The origin and URL are `https://news.example/<seed>/<i>`, so every article is
 * new to the store. Because articles are drawn one after another from one stream, the first 1,000
 * articles of the 100k corpus are exactly the 1k corpus. The pool is every paragraph of 120–1,500
 * characters of prose from the five seed articles and the 8,159 RealTimeQA pages (see text-pool.ts),
 * so the 100k corpus (about 800,000 paragraph draws from about 149,000 paragraphs) uses each one about
 * 5 times: like syndicated wire copy, which the retrieval's duplicate folding has to handle anyway.
 * Articles are written as JSON Lines shards of SHARD_ARTICLES, well under the ingest size limit, in
 * the format `brief ingest` accepts.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRandom } from './prng.js';
import type { TextPool } from './text-pool.js';

/** Bump when the procedure above changes, so cached corpora are rebuilt. */
export const CORPUS_VERSION = 1;
export const DEFAULT_SEED = 20240611;
export const SHARD_ARTICLES = 500;

const OUTLETS = [
  'reuters.com',
  'apnews.com',
  'cnn.com',
  'usatoday.com',
  'bbc.com',
  'theguardian.com',
  'bloomberg.com',
  'theweek.co.uk',
];
const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_SECONDS = 365 * 86_400;

/** One line of a shard, in the field names `brief ingest` reads from JSON Lines. */
export interface ArticleRecord {
  title: string;
  url: string;
  source: string;
  publish_date: string;
  text: string;
}

/** The origin of article `index` of the corpus built from `seed`: unique, and the same in every run. */
export function articleUrl(seed: number, index: number): string {
  return `https://news.example/${seed}/${index}`;
}

export function* syntheticArticles(pool: TextPool, seed: number, count: number): Generator<ArticleRecord> {
  const random = createRandom(seed);
  for (let i = 0; i < count; i++) {
    const title = random.pick(pool.titles);
    const paragraphs: string[] = [];
    const wanted = random.int(4, 12);
    for (let p = 0; p < wanted; p++) paragraphs.push(random.pick(pool.paragraphs));
    const source = random.pick(OUTLETS);
    const published = new Date(YEAR_START + random.int(0, YEAR_SECONDS - 1) * 1000);
    yield {
      title,
      url: articleUrl(seed, i),
      source,
      publish_date: published.toISOString(),
      text: paragraphs.join('\n\n'),
    };
  }
}

/**
 * Writes the corpus as shards into `dir` (replacing it) and returns the shard paths in order. The
 * shards appear under their final name only when all of them are written.
 */
export async function writeCorpus(
  dir: string,
  pool: TextPool,
  seed: number,
  count: number,
): Promise<string[]> {
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const names: string[] = [];
  let lines: string[] = [];
  const flush = async () => {
    if (lines.length === 0) return;
    const name = `shard-${String(names.length).padStart(4, '0')}.jsonl`;
    await writeFile(join(partial, name), `${lines.join('\n')}\n`);
    names.push(name);
    lines = [];
  };
  for (const record of syntheticArticles(pool, seed, count)) {
    lines.push(JSON.stringify(record));
    if (lines.length === SHARD_ARTICLES) await flush();
  }
  await flush();
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
  return names.map((name) => join(dir, name));
}

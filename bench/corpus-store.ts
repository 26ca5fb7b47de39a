/**
 * @module bench/corpus-store
 * A populated store per corpus size: the corpus shards, Briefbot's SQLite store built from them by the
 * real ingest path (timed: this is the ingest benchmark), and the FTS5 floor over the same passages.
 * Everything is cached under the cache folder, keyed by size, seed, corpus version and a hash of the
 * code that decides what is stored, so a re-run skips the minutes a 100k store takes to build unless
 * that code changed (or `--fresh` is given). The ingest runs on a replay clock that spreads the
 * articles' ingest times evenly over 2025 in corpus order, as if the bot had been fed for a year, so
 * "new since" windows (digests) see a realistic slice and not the whole store.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ArticleStore, ArticleWriter, Clock } from '../src/core/ports.js';
import { ingestInputs } from '../src/ingest/ingest-inputs.js';
import {
  articleIdFor,
  createSqliteArticleStore,
  openSqliteDatabase,
} from '../src/store/sqlite/sqlite-article-store.js';
import { buildFloor } from './fts5-floor.js';
import { articleUrl, CORPUS_VERSION, writeCorpus } from './synthetic-corpus.js';
import type { TextPool } from './text-pool.js';

/** The code whose changes make a cached store stale: what is parsed, cut, tokenised and written. */
const STORE_SOURCES = [
  'src/core/text',
  'src/core/ingest-articles.ts',
  'src/core/article.ts',
  'src/ingest',
  'src/store',
];
const MB = 1024 * 1024;

export interface IngestMeasurement {
  articles: number;
  added: number;
  updated: number;
  unchanged: number;
  failed: number;
  passages: number;
  seconds: number;
  articlesPerSecond: number;
  /** Articles per second of this process's CPU time: the rate on an otherwise idle machine. */
  articlesPerCpuSecond: number;
  /** Share of the ingest time spent inside store.upsertArticle(s) (SQLite rows and FTS5 index). */
  storeShare: number;
  /** Articles/s over each tenth of the run: shows whether ingest slows down as the index grows. */
  decileRates: number[];
  peakRssMb: number;
  storeMb: number;
  floorPassages: number;
  floorSeconds: number;
  floorMb: number;
  builtAt: string;
  sourceHash: string;
}

export interface PreparedStore {
  size: number;
  /** Holds briefbot.sqlite, as BRIEF_DATA_DIR expects. */
  dataDir: string;
  storePath: string;
  floorPath: string;
  ingest: IngestMeasurement;
  /** The store was built by an earlier run (its ingest figures are from then). */
  cached: boolean;
}

export interface PrepareOptions {
  /** From hashStoreSources(), taken once when the run starts (the code it ingests with is loaded then). */
  sourceHash: string;
  cacheDir: string;
  size: number;
  seed: number;
  pool: () => Promise<TextPool>;
  fresh: boolean;
  log: (line: string) => void;
}

const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * 86_400_000;

/** Each call is the next article's ingest time: `size` steps evenly over 2025. */
function replayClock(size: number): Clock {
  let step = 0;
  return { now: () => new Date(YEAR_START + Math.floor((step++ * YEAR_MS) / size)) };
}

export async function prepareStore(options: PrepareOptions): Promise<PreparedStore> {
  const { cacheDir, size, seed, log, sourceHash } = options;
  const corpusDir = join(cacheDir, `corpus-v${CORPUS_VERSION}-s${seed}-n${size}`);
  const storePrefix = `store-v${CORPUS_VERSION}-s${seed}-n${size}-`;
  const dataDir = join(cacheDir, `${storePrefix}${sourceHash}`);
  const storePath = join(dataDir, 'briefbot.sqlite');
  const floorPath = join(dataDir, 'fts5-floor.sqlite');
  const resultPath = join(dataDir, 'ingest.json');
  if (!options.fresh && existsSync(resultPath)) {
    const ingest = JSON.parse(await readFile(resultPath, 'utf8')) as IngestMeasurement;
    log(`${size} articles: using the store built ${ingest.builtAt} (${dataDir})`);
    return { size, dataDir, storePath, floorPath, ingest, cached: true };
  }

  if (options.fresh || !existsSync(corpusDir)) {
    log(`${size} articles: generating the corpus (seed ${seed})`);
    await writeCorpus(corpusDir, await options.pool(), seed, size);
  }
  const shards = (await readdir(corpusDir))
    .filter((n) => n.endsWith('.jsonl'))
    .sort()
    .map((n) => join(corpusDir, n));
  // Stores built by older code for this size are stale for good; at 100k each takes a gigabyte or two.
  for (const name of await readdir(cacheDir)) {
    if (name.startsWith(storePrefix)) await rm(join(cacheDir, name), { recursive: true, force: true });
  }
  await mkdir(dataDir, { recursive: true });

  log(`${size} articles: ingesting ${shards.length} shards with ingestInputs()`);
  const store = createSqliteArticleStore(openSqliteDatabase(storePath));
  let storeMs = 0;
  // Ingest writes through the transaction handle, so that is what is timed.
  const timedWriter = (writer: ArticleWriter): ArticleWriter => ({
    ...writer,
    async upsertArticle(input, now) {
      const start = performance.now();
      try {
        return await writer.upsertArticle(input, now);
      } finally {
        storeMs += performance.now() - start;
      }
    },
    async upsertArticles(items) {
      const start = performance.now();
      try {
        return await writer.upsertArticles(items);
      } finally {
        storeMs += performance.now() - start;
      }
    },
  });
  const timed: ArticleStore = {
    ...store,
    ...timedWriter(store),
    inTransaction: (work) => store.inTransaction((tx) => work(timedWriter(tx))),
  };
  let peakRss = process.memoryUsage().rss;
  const marks: number[] = [];
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const report = await ingestInputs(shards, {
    store: timed,
    clock: replayClock(size),
    root: corpusDir,
    onProgress(done, total) {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      marks.push(performance.now() - start);
      if (done % Math.max(1, Math.round(total / 10)) === 0) log(`  ${done}/${total} shards`);
    },
  });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const passages = (await store.stats()).passages;
  await store.close();
  if (report.failed.length > 0)
    log(`  ${report.failed.length} articles failed, e.g. ${report.failed[0]?.error}`);

  log(`${size} articles: building the FTS5 floor`);
  const floorStart = performance.now();
  const reader = createSqliteArticleStore(openSqliteDatabase(storePath));
  const floorPassages = await buildFloor(floorPath, reader, articleIds(seed, size));
  await reader.close();
  const floorSeconds = (performance.now() - floorStart) / 1000;
  if (floorPassages !== passages) {
    throw new Error(
      `the floor holds ${floorPassages} passages but the store ${passages}: origins no longer match`,
    );
  }

  const ingest: IngestMeasurement = {
    articles: size,
    added: report.added,
    updated: report.updated,
    unchanged: report.unchanged,
    failed: report.failed.length,
    passages,
    seconds,
    articlesPerSecond: size / seconds,
    articlesPerCpuSecond: size / ((cpu.user + cpu.system) / 1e6),
    storeShare: storeMs / 1000 / seconds,
    decileRates: decileRates(marks, size),
    peakRssMb: peakRss / MB,
    storeMb: fileMb(storePath),
    floorPassages,
    floorSeconds,
    floorMb: fileMb(floorPath),
    builtAt: new Date().toISOString(),
    sourceHash,
  };
  await writeFile(resultPath, `${JSON.stringify(ingest, null, 2)}\n`);
  return { size, dataDir, storePath, floorPath, ingest, cached: false };
}

function* articleIds(seed: number, size: number): Generator<string> {
  for (let i = 0; i < size; i++) yield articleIdFor(articleUrl(seed, i));
}

/** `marks[i]` is the time (ms) when shard i was done; shards hold equal numbers of articles. */
function decileRates(marks: number[], articles: number): number[] {
  const rates: number[] = [];
  const perShard = articles / marks.length;
  for (let d = 1; d <= 10; d++) {
    const from = Math.round(((d - 1) * marks.length) / 10);
    const to = Math.round((d * marks.length) / 10);
    if (to <= from) continue;
    const ms = (marks[to - 1] ?? 0) - (from > 0 ? (marks[from - 1] ?? 0) : 0);
    rates.push(Math.round(((to - from) * perShard) / (ms / 1000)));
  }
  return rates;
}

function fileMb(path: string): number {
  const wal = `${path}-wal`;
  return (statSync(path).size + (existsSync(wal) ? statSync(wal).size : 0)) / MB;
}

/** A short hash of the code that decides what a store holds; part of the cache key. */
export async function hashStoreSources(root: string): Promise<string> {
  const hash = createHash('sha256');
  const files: string[] = [];
  const visit = async (path: string): Promise<void> => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of (await readdir(path)).sort()) await visit(join(path, name));
    } else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) {
      files.push(path);
    }
  };
  for (const source of STORE_SOURCES) await visit(join(root, source));
  for (const file of files)
    hash
      .update(relative(root, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  return hash.digest('hex').slice(0, 12);
}

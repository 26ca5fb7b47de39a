/**
 * @module bench/query-latency
 * Child process: opens one populated store as the bot would, warms up, then times Briefbot search,
 * Briefbot ask and the raw FTS5 floor on every query of the list, interleaved (the order of the three
 * rotates per query and the query order is reshuffled per pass) so that machine noise falls on all
 * three alike. A final untimed pass splits each call into its parts. Usage:
 *   node --import tsx bench/query-latency.ts <job.json>   (written and read back by bench/run.ts)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { silentLogger } from '../src/adapters/log/json-logger.js';
import { createBriefing } from '../src/core/create-briefing.js';
import type { ArticleStore, Clock } from '../src/core/ports.js';
import { understandQuestion } from '../src/core/query.js';
import { DEFAULT_RETRIEVAL, searchTerms, termWeights } from '../src/core/retrieve-passages.js';
import {
  BODY_WEIGHT,
  createSqliteArticleStore,
  openSqliteDatabase,
  TITLE_WEIGHT,
  toMatchExpression,
} from '../src/store/sqlite/sqlite-article-store.js';
import type { BenchQuery } from './bench-queries.js';
import { createFloorSearch } from './fts5-floor.js';
import { createRandom, shuffled } from './prng.js';

export interface LatencyJob {
  storePath: string;
  floorPath: string;
  queries: BenchQuery[];
  passes: number;
  seed: number;
  outPath: string;
}

export type Engine = 'floor' | 'search' | 'ask';

/** Milliseconds per call, by engine, in the order the calls were made. */
export type PassTimes = Record<Engine, number[]>;

export interface Breakdown {
  /** Mean CPU ms per call spent in each part. */
  search: Record<string, number>;
  ask: Record<string, number>;
  /** Mean number of index terms Briefbot ORs together (query terms and synonyms) vs the floor's words. */
  briefbotTerms: number;
  slowestAsks: { query: string; ms: number }[];
}

export interface LatencyResult {
  /** Wall-clock ms: what a user waits. */
  passes: PassTimes[];
  /** CPU ms of this process for the same calls: what the work costs, whatever else the machine runs. */
  cpuPasses: PassTimes[];
  warmup: { errors: string[]; floorEmpty: number; searchEmpty: number; askAbstained: number };
  breakdown: Breakdown;
  /** Includes the tsx loader (~45 MB); the plain-node memory probe gives the serving figure. */
  harnessRssPeakMb: number;
}

const FIXED_NOW: Clock = { now: () => new Date('2026-01-15T09:00:00.000Z') };

async function main(jobPath: string): Promise<void> {
  const job = JSON.parse(readFileSync(jobPath, 'utf8')) as LatencyJob;
  const store = createSqliteArticleStore(openSqliteDatabase(job.storePath));
  const briefing = createBriefing({ store, clock: FIXED_NOW, logger: silentLogger });
  const floor = createFloorSearch(job.floorPath);
  let rssPeak = process.memoryUsage().rss;

  const warmup = { errors: [] as string[], floorEmpty: 0, searchEmpty: 0, askAbstained: 0 };
  for (const { text } of job.queries) {
    try {
      if (floor.search(text).length === 0) warmup.floorEmpty++;
      if ((await briefing.search(text, 10)).results.length === 0) warmup.searchEmpty++;
      if ((await briefing.ask(text)).abstained) warmup.askAbstained++;
    } catch (error) {
      if (warmup.errors.length < 5) warmup.errors.push(`${text}: ${(error as Error).message}`);
    }
  }

  const run: Record<Engine, (text: string) => Promise<unknown>> = {
    floor: async (text) => floor.search(text),
    search: async (text) => briefing.search(text, 10),
    ask: (text) => briefing.ask(text),
  };
  const engines: Engine[] = ['floor', 'search', 'ask'];
  const passes: PassTimes[] = [];
  const cpuPasses: PassTimes[] = [];
  for (let p = 0; p < job.passes; p++) {
    const times: PassTimes = { floor: [], search: [], ask: [] };
    const cpu: PassTimes = { floor: [], search: [], ask: [] };
    const order = shuffled(job.queries, createRandom(job.seed + p));
    for (const [i, { text }] of order.entries()) {
      for (let k = 0; k < engines.length; k++) {
        const engine = engines[(i + k) % engines.length] as Engine;
        const cpuStart = process.cpuUsage();
        const start = performance.now();
        await run[engine](text).catch(() => undefined);
        times[engine].push(performance.now() - start);
        const used = process.cpuUsage(cpuStart);
        cpu[engine].push((used.user + used.system) / 1000);
      }
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }
    passes.push(times);
    cpuPasses.push(cpu);
  }

  const breakdown = await measureParts(job, store);
  await store.close();
  floor.close();
  const result: LatencyResult = {
    passes,
    cpuPasses,
    warmup,
    breakdown,
    harnessRssPeakMb: rssPeak / 1024 / 1024,
  };
  writeFileSync(job.outPath, JSON.stringify(result));
}

/** This process's CPU time in ms: the parts are small, and CPU time keeps other load out of them. */
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Times (in CPU time) the store calls inside search and ask through a wrapped store, and the bare
 * FTS5 statement Briefbot's searchPassages runs (same MATCH expression, same LIMIT) on a second
 * connection; the rest of each call is the core's own work (query understanding, tokenising
 * candidates, re-ranking, duplicate folding, snippets or answer composition).
 */
async function measureParts(job: LatencyJob, store: ArticleStore): Promise<Breakdown> {
  const spent = { searchPassages: 0, documentFrequencies: 0, other: 0 };
  const timedStore: ArticleStore = { ...store };
  for (const method of [
    'searchPassages',
    'documentFrequencies',
    'getPassages',
    'getPassagesByIds',
    'getArticle',
    'getArticles',
  ] as const) {
    const original = store[method].bind(store) as (...args: unknown[]) => unknown;
    (timedStore as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const start = cpuNow();
      try {
        return original(...args);
      } finally {
        const ms = cpuNow() - start;
        if (method === 'searchPassages' || method === 'documentFrequencies') spent[method] += ms;
        else spent.other += ms;
      }
    };
  }
  const briefing = createBriefing({ store: timedStore, clock: FIXED_NOW, logger: silentLogger });
  const db = new Database(job.storePath, { readonly: true });
  const bareMatch = db.prepare<[string, number], unknown>(
    `SELECT rowid AS id, bm25(passage_index, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS score
     FROM passage_index WHERE passage_index MATCH ? ORDER BY score LIMIT ?`,
  );
  const n = job.queries.length;
  const parts = (total: number, fts: number) => ({
    total: total / n,
    documentFrequencies: spent.documentFrequencies / n,
    'searchPassages: FTS5 statement': fts / n,
    'searchPassages: rows to hits': (spent.searchPassages - fts) / n,
    'core (tokenise, re-rank, fold, compose)':
      (total - spent.searchPassages - spent.documentFrequencies - spent.other) / n,
  });
  const reset = () => {
    spent.searchPassages = 0;
    spent.documentFrequencies = 0;
    spent.other = 0;
  };

  const matches: string[] = [];
  for (const { text } of job.queries) {
    const weights = await termWeights(store, understandQuestion(text, FIXED_NOW.now()));
    matches.push(toMatchExpression(searchTerms(weights)));
  }
  const terms = matches.reduce((sum, m) => sum + (m === '' ? 0 : m.split(' OR ').length), 0);
  // Both calls fetch DEFAULT_RETRIEVAL.candidates passages (ask adds a second search for amount questions).
  const bare = (i: number) => {
    const match = matches[i] ?? '';
    const start = cpuNow();
    if (match !== '') bareMatch.all(match, DEFAULT_RETRIEVAL.candidates);
    return cpuNow() - start;
  };

  let fts = 0;
  let total = 0;
  for (const [i, { text }] of job.queries.entries()) {
    fts += bare(i);
    const start = cpuNow();
    await briefing.search(text, 10);
    total += cpuNow() - start;
  }
  const search = parts(total, fts);

  reset();
  fts = 0;
  total = 0;
  const asks: { query: string; ms: number }[] = [];
  for (const [i, { text }] of job.queries.entries()) {
    fts += bare(i);
    const start = cpuNow();
    await briefing.ask(text);
    const ms = cpuNow() - start;
    total += ms;
    asks.push({ query: text, ms });
  }
  const ask = parts(total, fts);
  db.close();
  asks.sort((a, b) => b.ms - a.ms);
  return { search, ask, briefbotTerms: terms / n, slowestAsks: asks.slice(0, 5) };
}

const jobPath = process.argv[2];
if (!jobPath) {
  process.stderr.write('usage: node --import tsx bench/query-latency.ts <job.json>\n');
  process.exit(2);
}
await main(jobPath);

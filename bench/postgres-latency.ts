/**
 * @module bench/postgres-latency
 * Child process of bench/postgres.ts: opens the PostgreSQL store as the bot does (openStores with a
 * postgres:// URL, the bot's pool), warms up, then times Briefbot search, Briefbot ask and the raw
 * tsvector floor on every query, interleaved as bench/query-latency.ts does for SQLite (the order of
 * the three rotates per query, the query order is reshuffled per pass). Reports the process's peak RSS.
 *   node --import tsx bench/postgres-latency.ts <job.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { silentLogger } from '../src/adapters/log/json-logger.js';
import { createBriefing } from '../src/core/create-briefing.js';
import type { Clock } from '../src/core/ports.js';
import { openStores } from '../src/store/open-stores.js';
import type { BenchQuery } from './bench-queries.js';
import { createPgFloorSearch } from './postgres-floor.js';
import { createRandom, shuffled } from './prng.js';
import type { Engine, PassTimes } from './query-latency.js';

export interface PgLatencyJob {
  url: string;
  queries: BenchQuery[];
  passes: number;
  seed: number;
  outPath: string;
}

export interface PgLatencyResult {
  passes: PassTimes[];
  warmup: { errors: string[]; floorEmpty: number; searchEmpty: number; askAbstained: number };
  /** Peak RSS of this process (includes the tsx loader, about 45 MB), from the kernel's maxrss. */
  peakRssMb: number;
}

const FIXED_NOW: Clock = { now: () => new Date('2026-01-15T09:00:00.000Z') };

async function main(jobPath: string): Promise<void> {
  const job = JSON.parse(readFileSync(jobPath, 'utf8')) as PgLatencyJob;
  const stores = await openStores({ databaseUrl: job.url, dataDir: tmpdir() });
  const briefing = createBriefing({ store: stores.articles, clock: FIXED_NOW, logger: silentLogger });
  const floorPool = new pg.Pool({ connectionString: job.url, max: 2 });
  const floor = createPgFloorSearch(floorPool);

  const warmup = { errors: [] as string[], floorEmpty: 0, searchEmpty: 0, askAbstained: 0 };
  for (const { text } of job.queries) {
    try {
      if ((await floor.search(text)).length === 0) warmup.floorEmpty++;
      if ((await briefing.search(text, 10)).results.length === 0) warmup.searchEmpty++;
      if ((await briefing.ask(text)).abstained) warmup.askAbstained++;
    } catch (error) {
      if (warmup.errors.length < 5) warmup.errors.push(`${text}: ${(error as Error).message}`);
    }
  }

  const run: Record<Engine, (text: string) => Promise<unknown>> = {
    floor: (text) => floor.search(text),
    search: (text) => briefing.search(text, 10),
    ask: (text) => briefing.ask(text),
  };
  const engines: Engine[] = ['floor', 'search', 'ask'];
  const passes: PassTimes[] = [];
  for (let p = 0; p < job.passes; p++) {
    const times: PassTimes = { floor: [], search: [], ask: [] };
    const order = shuffled(job.queries, createRandom(job.seed + p));
    for (const [i, { text }] of order.entries()) {
      for (let k = 0; k < engines.length; k++) {
        const engine = engines[(i + k) % engines.length] as Engine;
        const start = performance.now();
        await run[engine](text).catch(() => undefined);
        times[engine].push(performance.now() - start);
      }
    }
    passes.push(times);
  }
  await floorPool.end();
  await stores.close();
  const result: PgLatencyResult = {
    passes,
    warmup,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  writeFileSync(job.outPath, JSON.stringify(result));
}

const jobPath = process.argv[2];
if (!jobPath) {
  process.stderr.write('usage: node --import tsx bench/postgres-latency.ts <job.json>\n');
  process.exit(2);
}
await main(jobPath);

/**
 * @module bench/postgres
 * `npm run bench:pg`: the PostgreSQL part of the benchmark (issue 18). Starts its own throwaway
 * PostgreSQL cluster (initdb/pg_ctl on a free loopback port, as the tests do) or uses
 * BENCH_DATABASE_URL (a server URL; the bench creates and drops its own databases there). For each
 * size it ingests the same seeded synthetic corpus bench/run.ts uses (shared cache folder) through the
 * real ingest path into a fresh database (timed: ingest articles/s), copies the passages into a raw
 * tsvector/GIN floor table (bench/postgres-floor.ts), then in a child process times search and ask
 * against that floor (bench/postgres-latency.ts). Markdown to stdout, progress to stderr, JSON to --out.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Clock } from '../src/core/ports.js';
import { ingestInputs } from '../src/ingest/ingest-inputs.js';
import { openStores } from '../src/store/open-stores.js';
import { startTestCluster } from '../src/store/postgres/testing/pg-test-cluster.js';
import { type BenchQuery, buildQueries } from './bench-queries.js';
import { runChild } from './child-process.js';
import { buildPgFloor } from './postgres-floor.js';
import type { PgLatencyJob, PgLatencyResult } from './postgres-latency.js';
import { type LatencySummary, summarizePasses } from './report.js';
import { CORPUS_VERSION, DEFAULT_SEED, writeCorpus } from './synthetic-corpus.js';
import { loadTextPool } from './text-pool.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHARED_DIR = resolve(ROOT, '../shared');
const MB = 1024 * 1024;
const log = (line: string) => process.stderr.write(`[bench:pg] ${line}\n`);

export const PG_USAGE = `npm run bench:pg -- [flags]
  --sizes 100000     corpus sizes (default 100000; e.g. --sizes 1000 for a quick run)
  --passes 3         timed passes over the query list per size
  --seed 20240611    corpus and query seed
  --cache-dir DIR    where corpora are cached (shared with npm run bench; default $TMPDIR/briefbot-bench)
  --keep             leave the benchmark databases in place (with BENCH_DATABASE_URL)
  --out FILE         also write the JSON summary to FILE
BENCH_DATABASE_URL=postgres://... uses that server instead of a throwaway cluster.`;

interface PgSizeResult {
  size: number;
  passages: number;
  ingestSeconds: number;
  articlesPerSecond: number;
  failed: number;
  ingestPeakRssMb: number;
  databaseMb: number;
  floorSeconds: number;
  latency: LatencySummary | null;
  servingPeakRssMb: number | null;
  warmup: PgLatencyResult['warmup'] | null;
  loadAverage1m: number;
  errors: string[];
}

const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * 86_400_000;

/** The replay clock of bench/corpus-store.ts: `size` ingest times evenly over 2025. */
function replayClock(size: number): Clock {
  let step = 0;
  return { now: () => new Date(YEAR_START + Math.floor((step++ * YEAR_MS) / size)) };
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      sizes: { type: 'string', default: '100000' },
      passes: { type: 'string', default: '3' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      'cache-dir': { type: 'string', default: join(tmpdir(), 'briefbot-bench') },
      keep: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${PG_USAGE}\n`);
    return 0;
  }
  const sizes = values.sizes.split(',').map((s) => whole('--sizes', s.replace(/_/g, '')));
  const passes = whole('--passes', values.passes);
  const seed = whole('--seed', values.seed);
  const started = performance.now();

  const cluster = await startTestCluster({ TEST_DATABASE_URL: process.env.BENCH_DATABASE_URL });
  if ('unavailable' in cluster) {
    process.stderr.write(`bench:pg: no PostgreSQL: ${cluster.unavailable}\n`);
    return 1;
  }
  const serverUrl = cluster.url;
  const admin = new pg.Pool({ connectionString: serverUrl, max: 1 });
  let queries: BenchQuery[] = [];
  const version =
    (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';
  const results: PgSizeResult[] = [];
  try {
    const pool = await loadTextPool(SHARED_DIR);
    queries = await buildQueries(SHARED_DIR, pool, seed);
    log(`${queries.length} queries; PostgreSQL ${version} at ${cluster.url.replace(/\/\/[^@]*@/, '//')}`);
    for (const size of sizes) {
      results.push(await runSize(size, { seed, passes, cacheDir: values['cache-dir'], keep: values.keep }));
    }
  } finally {
    await admin.end();
    await cluster.stop();
  }

  const text = render(results, version, passes, seed, (performance.now() - started) / 1000);
  process.stdout.write(`${text}\n`);
  if (values.out) {
    await writeFile(
      values.out,
      `${JSON.stringify({ generatedAt: new Date().toISOString(), version, results }, null, 2)}\n`,
    );
    log(`JSON summary written to ${values.out}`);
  }
  return results.some((r) => r.errors.length > 0) ? 1 : 0;

  async function runSize(
    size: number,
    o: { seed: number; passes: number; cacheDir: string; keep: boolean },
  ): Promise<PgSizeResult> {
    const corpusDir = join(o.cacheDir, `corpus-v${CORPUS_VERSION}-s${o.seed}-n${size}`);
    const shards = await readdir(corpusDir)
      .then((names) => names.filter((n) => n.endsWith('.jsonl')).sort())
      .catch(async () => {
        log(`${size} articles: generating the corpus (seed ${o.seed})`);
        await writeCorpus(corpusDir, await loadTextPool(SHARED_DIR), o.seed, size);
        return (await readdir(corpusDir)).filter((n) => n.endsWith('.jsonl')).sort();
      });
    const name = `brief_bench_n${size}`;
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const errors: string[] = [];

    log(`${size} articles: ingesting ${shards.length} shards into PostgreSQL with ingestInputs()`);
    const stores = await openStores({ databaseUrl: url.href, dataDir: tmpdir() });
    let peakRss = process.memoryUsage().rss;
    const start = performance.now();
    const report = await ingestInputs(
      shards.map((n) => join(corpusDir, n)),
      {
        store: stores.articles,
        clock: replayClock(size),
        root: corpusDir,
        onProgress(done, total) {
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
          if (done % Math.max(1, Math.round(total / 10)) === 0) log(`  ${done}/${total} shards`);
        },
      },
    );
    // Timed through the champion-list refresh that follows the writes (as `brief ingest` waits for it).
    await (stores.articles as { settleChampions?: () => Promise<void> }).settleChampions?.();
    const ingestSeconds = (performance.now() - start) / 1000;
    const passages = (await stores.articles.stats()).passages;
    await stores.close();
    if (report.failed.length > 0)
      errors.push(`${report.failed.length} articles failed: ${report.failed[0]?.error}`);

    log(`${size} articles: building the tsvector floor`);
    const floorStart = performance.now();
    const dbPool = new pg.Pool({ connectionString: url.href, max: 1 });
    const floorRows = await buildPgFloor(dbPool);
    await dbPool.query('VACUUM ANALYZE');
    const databaseMb =
      Number(
        (await dbPool.query<{ b: string }>('SELECT pg_database_size(current_database()) AS b')).rows[0]?.b,
      ) / MB;
    await dbPool.end();
    const floorSeconds = (performance.now() - floorStart) / 1000;
    if (floorRows !== passages) errors.push(`the floor holds ${floorRows} passages, the store ${passages}`);

    log(`${size} articles: timing ${queries.length} queries × ${o.passes} passes (floor, search, ask)`);
    const job: PgLatencyJob = {
      url: url.href,
      queries,
      passes: o.passes,
      seed: o.seed,
      outPath: join(o.cacheDir, `pg-latency-n${size}.json`),
    };
    const jobPath = join(o.cacheDir, `pg-latency-job-n${size}.json`);
    await writeFile(jobPath, JSON.stringify(job));
    const child = await runChild(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench/postgres-latency.ts'), jobPath],
      { cwd: ROOT, echo: true },
    );
    const loadAverage1m = loadavg()[0] ?? Number.NaN;
    let measured: PgLatencyResult | null = null;
    if (child.code === 0) {
      measured = JSON.parse(await readFile(job.outPath, 'utf8')) as PgLatencyResult;
      for (const e of measured.warmup.errors) errors.push(`query failed: ${e}`);
    } else errors.push(`postgres-latency child exited ${child.code}`);
    if (!o.keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return {
      size,
      passages,
      ingestSeconds,
      articlesPerSecond: size / ingestSeconds,
      failed: report.failed.length,
      ingestPeakRssMb: peakRss / MB,
      databaseMb,
      floorSeconds,
      latency: measured ? summarizePasses(measured.passes) : null,
      servingPeakRssMb: measured?.peakRssMb ?? null,
      warmup: measured?.warmup ?? null,
      loadAverage1m,
      errors,
    };
  }
}

function render(
  results: PgSizeResult[],
  version: string,
  passes: number,
  seed: number,
  seconds: number,
): string {
  const c = cpus();
  const rows = [
    '## PostgreSQL benchmark (bench/postgres.ts)',
    '',
    `${new Date().toISOString().slice(0, 16)} UTC · ${c.length} × ${c[0]?.model ?? '?'} · Node ${process.version} · PostgreSQL ${version} · seed ${seed} · medians of ${passes} timed passes after a warm-up pass`,
    '',
    '| articles | passages | database MB | ingest articles/s | ingest peak RSS | tsvector floor p50 / p95 | search p50 / p95 | search ÷ floor (p95) | ask p50 / p95 | ask ÷ floor (p95) | query process peak RSS | load avg |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const l = r.latency;
    rows.push(
      `| ${n(r.size)} | ${n(r.passages)} | ${n(r.databaseMb)} | ${n(r.articlesPerSecond)} | ${n(r.ingestPeakRssMb)} MB | ` +
        (l
          ? `${ms(l.floor.p50)} / ${ms(l.floor.p95)} | ${ms(l.search.p50)} / ${ms(l.search.p95)} | ${l.searchRatioP95.toFixed(2)}× | ${ms(l.ask.p50)} / ${ms(l.ask.p95)} | ${l.askRatioP95.toFixed(2)}× | `
          : '– | – | – | – | – | ') +
        `${r.servingPeakRssMb == null ? '–' : `${n(r.servingPeakRssMb)} MB`} | ${r.loadAverage1m.toFixed(1)} |`,
    );
  }
  const largest = results[results.length - 1];
  if (largest) {
    const l = largest.latency;
    rows.push(
      '',
      `Targets at ${n(largest.size)} articles: ingest ≥ 1,000 articles/s: ${n(largest.articlesPerSecond)} (${largest.articlesPerSecond >= 1000 ? 'met' : '**not met**'}); ` +
        `PostgreSQL search p95 ≤ 100 ms (the issue sets it at 1M): ${l ? `${ms(l.search.p95)} (${l.search.p95 <= 100 ? 'met' : '**not met**'})` : 'not run'}.`,
    );
  }
  for (const r of results) {
    if (r.warmup)
      rows.push(
        `- ${n(r.size)}: warm-up found nothing for ${r.warmup.floorEmpty} floor / ${r.warmup.searchEmpty} search queries; ask abstained on ${r.warmup.askAbstained}.`,
      );
    for (const e of r.errors) rows.push(`- ${n(r.size)}: ${e}`);
  }
  rows.push('', `Total: ${seconds.toFixed(0)} s.`);
  return rows.join('\n');
}

function whole(flag: string, text: string): number {
  const v = Number(text.trim());
  if (!Number.isInteger(v) || v < 1)
    throw new Error(`${flag} needs whole numbers of at least 1, not "${text}"`);
  return v;
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value >= 1000
    ? `${(value / 1000).toFixed(2)} s`
    : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}

function n(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

process.exitCode = await main(process.argv.slice(2));

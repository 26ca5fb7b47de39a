/**
 * @module bench/ingest-rate
 * `npx tsx bench/ingest-rate.ts`: the ingest half of issue 18 alone, on both stores in the same
 * minutes. Ingests the seeded synthetic corpus of `npm run bench` (shared cache) through
 * `ingestInputs` into a fresh SQLite file and a fresh PostgreSQL database, alternating the stores run
 * by run, and reports the wall rate and the rate per CPU-second: this process plus, for PostgreSQL,
 * every process of the server (the postmaster, its live children, and the children it has reaped),
 * read from /proc. PostgreSQL's figures include the champion-list refresh that follows the writes.
 * On a machine whose cores are shared the CPU figure is the one that compares code;
 * the wall rate is what one would see on free cores only if the Node side and the server overlap.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Clock } from '../src/core/ports.js';
import { ingestInputs } from '../src/ingest/ingest-inputs.js';
import { openStores } from '../src/store/open-stores.js';
import { startTestCluster } from '../src/store/postgres/testing/pg-test-cluster.js';
import { median } from './stats.js';
import { CORPUS_VERSION, DEFAULT_SEED, writeCorpus } from './synthetic-corpus.js';
import { loadTextPool } from './text-pool.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHARED_DIR = resolve(ROOT, '../shared');
const log = (line: string) => process.stderr.write(`[bench:ingest] ${line}\n`);

export const INGEST_USAGE = `npx tsx bench/ingest-rate.ts [flags]
  --size 4000         articles (the corpus of that size, 500 per shard; default 4000)
  --runs 3            runs per store, alternating sqlite and postgres (medians are reported)
  --stores sqlite,postgres
  --seed 20240611     corpus seed
  --cache-dir DIR     where corpora are cached (shared with npm run bench; default $TMPDIR/briefbot-bench)
BENCH_DATABASE_URL=postgres://... uses that server (on this machine: its processes are read from /proc)
instead of a throwaway cluster.`;

type StoreName = 'sqlite' | 'postgres';

interface IngestRun {
  store: StoreName;
  articles: number;
  failed: number;
  seconds: number;
  nodeCpuSeconds: number;
  serverCpuSeconds: number;
  /** Of `seconds` and `serverCpuSeconds`: the champion-list refresh after the writes (PostgreSQL). */
  settleSeconds: number;
  settleServerCpuSeconds: number;
  loadAverage1m: number;
}

/** Clock ticks per second of /proc's times (USER_HZ: 100 on every Linux we run on). */
const TICKS = 100;

/** utime + stime (+ cutime + cstime: reaped children) of a process, in seconds; 0 when it is gone. */
function processCpu(pid: number, withReaped: boolean): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses; utime is field 14.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const at = (n: number) => Number(fields[n - 3] ?? 0);
    return (at(14) + at(15) + (withReaped ? at(16) + at(17) : 0)) / TICKS;
  } catch {
    return 0;
  }
}

/** The CPU seconds used so far by a PostgreSQL server: its postmaster, live children and reaped ones. */
function serverCpu(postmaster: number): number {
  let total = processCpu(postmaster, true);
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) total += processCpu(Number(name), true);
    } catch {
      // The process ended between the listing and the read: the postmaster has (or will have) its time.
    }
  }
  return total;
}

const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * 86_400_000;

/** The replay clock of bench/corpus-store.ts: `size` ingest times evenly over 2025. */
function replayClock(size: number): Clock {
  let step = 0;
  return { now: () => new Date(YEAR_START + Math.floor((step++ * YEAR_MS) / size)) };
}

async function ingestOnce(
  store: StoreName,
  shards: string[],
  corpusDir: string,
  size: number,
  server: { url: string; admin: pg.Pool; postmaster: number } | null,
): Promise<IngestRun> {
  let databaseUrl: string | undefined;
  let dataDir = tmpdir();
  const name = `brief_ingest_n${size}`;
  if (store === 'postgres') {
    if (!server) throw new Error('no PostgreSQL server');
    await server.admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await server.admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(server.url);
    url.pathname = `/${name}`;
    databaseUrl = url.href;
  } else dataDir = await mkdtemp(join(tmpdir(), 'briefbot-ingest-'));
  const stores = await openStores({ databaseUrl, dataDir });
  const serverStart = server && store === 'postgres' ? serverCpu(server.postmaster) : 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const report = await ingestInputs(shards, {
    store: stores.articles,
    clock: replayClock(size),
    root: corpusDir,
  });
  // PostgreSQL's champion lists take in the new passages after the writes (off the write path): the
  // time and server CPU counted include that last refresh, as `brief ingest` waits for it at close.
  const written = performance.now();
  const serverWritten = server && store === 'postgres' ? serverCpu(server.postmaster) : 0;
  await (stores.articles as { settleChampions?: () => Promise<void> }).settleChampions?.();
  const seconds = (performance.now() - start) / 1000;
  const settleSeconds = (performance.now() - written) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const serverEnd = server && store === 'postgres' ? serverCpu(server.postmaster) : 0;
  await stores.close();
  if (store === 'postgres') await server?.admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  else await rm(dataDir, { recursive: true, force: true });
  return {
    store,
    articles: report.added + report.updated + report.unchanged,
    failed: report.failed.length,
    seconds,
    nodeCpuSeconds: (cpu.user + cpu.system) / 1e6,
    serverCpuSeconds: serverEnd - serverStart,
    settleSeconds,
    settleServerCpuSeconds: serverEnd - serverWritten,
    loadAverage1m: loadavg()[0] ?? Number.NaN,
  };
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      size: { type: 'string', default: '4000' },
      runs: { type: 'string', default: '3' },
      stores: { type: 'string', default: 'sqlite,postgres' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      'cache-dir': { type: 'string', default: join(tmpdir(), 'briefbot-bench') },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${INGEST_USAGE}\n`);
    return 0;
  }
  const size = whole('--size', values.size.replace(/_/g, ''));
  const runs = whole('--runs', values.runs);
  const seed = whole('--seed', values.seed);
  const stores = values.stores.split(',').map((s) => {
    if (s !== 'sqlite' && s !== 'postgres') throw new Error(`--stores: ${s} is not sqlite or postgres`);
    return s as StoreName;
  });

  const corpusDir = join(values['cache-dir'], `corpus-v${CORPUS_VERSION}-s${seed}-n${size}`);
  const shards = await readdir(corpusDir)
    .then((names) => names.filter((n) => n.endsWith('.jsonl')))
    .catch(async () => {
      log(`${size} articles: generating the corpus (seed ${seed})`);
      await writeCorpus(corpusDir, await loadTextPool(SHARED_DIR), seed, size);
      return (await readdir(corpusDir)).filter((n) => n.endsWith('.jsonl'));
    });
  const shardPaths = shards.sort().map((n) => join(corpusDir, n));

  let server: { url: string; admin: pg.Pool; postmaster: number } | null = null;
  let stopCluster = async () => {};
  if (stores.includes('postgres')) {
    const cluster = await startTestCluster({ TEST_DATABASE_URL: process.env.BENCH_DATABASE_URL });
    if ('unavailable' in cluster) {
      process.stderr.write(`bench:ingest: no PostgreSQL: ${cluster.unavailable}\n`);
      return 1;
    }
    stopCluster = cluster.stop;
    const admin = new pg.Pool({ connectionString: cluster.url, max: 1 });
    const { rows } = await admin.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backend = rows[0]?.pid ?? 0;
    const stat = readFileSync(`/proc/${backend}/stat`, 'utf8');
    const postmaster = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    server = { url: cluster.url, admin, postmaster };
  }

  const results: IngestRun[] = [];
  try {
    // An untimed shard per store first: the first run would otherwise also pay for loading and JIT.
    for (const store of stores) await ingestOnce(store, shardPaths.slice(0, 1), corpusDir, size, server);
    for (let run = 0; run < runs; run++) {
      for (const store of stores) {
        const result = await ingestOnce(store, shardPaths, corpusDir, size, server);
        results.push(result);
        const cpu = result.nodeCpuSeconds + result.serverCpuSeconds;
        log(
          `run ${run + 1} ${store}: ${rate(result.articles / result.seconds)}/s wall, ` +
            `${rate(result.articles / cpu)} per CPU-second (node ${result.nodeCpuSeconds.toFixed(1)} s, ` +
            `server ${result.serverCpuSeconds.toFixed(1)} s; last list refresh ${result.settleSeconds.toFixed(1)} s, ` +
            `server ${result.settleServerCpuSeconds.toFixed(1)} s), load ${result.loadAverage1m.toFixed(1)}` +
            (result.failed > 0 ? `, ${result.failed} FAILED` : ''),
        );
      }
    }
  } finally {
    await server?.admin.end();
    await stopCluster();
  }

  const lines = [
    `| store | articles | runs | articles/s (wall, median) | per CPU-second (median) | Node ms CPU/article | server ms CPU/article | last list refresh s (server CPU s) | load (1 min) |`,
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const store of stores) {
    const mine = results.filter((r) => r.store === store);
    const m = (f: (r: IngestRun) => number) => median(mine.map(f));
    lines.push(
      `| ${store} | ${size.toLocaleString('en')} | ${mine.length} | ${rate(m((r) => r.articles / r.seconds))} | ` +
        `${rate(m((r) => r.articles / (r.nodeCpuSeconds + r.serverCpuSeconds)))} | ` +
        `${m((r) => (1000 * r.nodeCpuSeconds) / r.articles).toFixed(2)} | ` +
        `${m((r) => (1000 * r.serverCpuSeconds) / r.articles).toFixed(2)} | ` +
        `${m((r) => r.settleSeconds).toFixed(1)} (${m((r) => r.settleServerCpuSeconds).toFixed(1)}) | ` +
        `${mine.map((r) => r.loadAverage1m.toFixed(1)).join(', ')} |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return results.some((r) => r.failed > 0) ? 1 : 0;
}

function rate(n: number): string {
  return Math.round(n).toLocaleString('en');
}

function whole(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} takes a whole number above 0, not ${value}`);
  return n;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`bench:ingest: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);

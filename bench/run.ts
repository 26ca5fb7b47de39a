/**
 * @module bench/run
 * `npm run bench`: the speed and memory benchmark of issue 2 (item 11). For each corpus size it
 * builds (or reuses) a seeded synthetic corpus of real news text and a populated store — timing the
 * ingest — then, in child processes, times search and ask against raw SQLite FTS5 on the same
 * passages, measures a serving bot's resident memory and the CLI's start to first answer, and times a
 * digest over 2,000 new articles (issue 6). Then it runs bench/slack-load.ts when present. Markdown tables go to stdout, progress to stderr, and the JSON
 * summary to `--out`. Corpus procedure: bench/synthetic-corpus.ts; queries: bench/bench-queries.ts;
 * the floor: bench/fts5-floor.ts. Flags: `npm run bench -- --help`.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BenchArgs, parseBenchArgs, USAGE } from './bench-args.js';
import { type BenchQuery, buildQueries, extraSearches } from './bench-queries.js';
import { runChild } from './child-process.js';
import { hashStoreSources, prepareStore } from './corpus-store.js';
import { DIGEST_NEW_ARTICLES, measureDigest } from './digest.js';
import type { LatencyJob, LatencyResult } from './query-latency.js';
import {
  checkTargets,
  renderBreakdown,
  renderCpuTimes,
  renderSizes,
  renderTargets,
  type ServingMemory,
  type SizeResult,
  summarizePasses,
} from './report.js';
import { distIsStale, measureStartToAnswer } from './start-to-answer.js';
import { loadTextPool, type TextPool } from './text-pool.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHARED_DIR = resolve(ROOT, '../shared');
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function main(argv: string[]): Promise<number> {
  let args: BenchArgs | 'help';
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const options = args;
  const started = performance.now();
  // Taken before any store is built: the ingest code in this process is the code loaded at start.
  const sourceHash = await hashStoreSources(ROOT);
  await mkdir(options.cacheDir, { recursive: true });
  let poolLoad: Promise<TextPool> | null = null;
  const pool = () => {
    poolLoad ??= loadTextPool(SHARED_DIR);
    return poolLoad;
  };

  const results: SizeResult[] = [];
  let queries: BenchQuery[] = [];
  if (options.sizes.length > 0) {
    queries = await buildQueries(SHARED_DIR, await pool(), options.seed);
    const memoryJobPath = join(options.cacheDir, `memory-job-s${options.seed}.json`);
    const extra = extraSearches(await pool(), options.seed, options.memorySearches);
    await writeFile(memoryJobPath, JSON.stringify({ queries, extraSearches: extra }));
    log(
      `${queries.length} queries; pool of ${(await pool()).paragraphs.length} paragraphs, ${(await pool()).titles.length} titles`,
    );
    const distReady = await ensureBuilt();
    for (const size of options.sizes) {
      results.push(await runSize(size, { ...options, sourceHash }, pool, queries, memoryJobPath, distReady));
    }
  }

  const slack = options.skipSlack ? null : await runSlackLoad();
  const feedPolls = options.skipSlack ? null : await runFeedPolls();
  const totalSeconds = (performance.now() - started) / 1000;

  const sections = [`## Briefbot benchmark`, '', machineLine(options, queries), ''];
  if (results.length > 0) {
    const largest = results[results.length - 1] as SizeResult;
    sections.push(renderSizes(results), '', renderCpuTimes(results), '');
    sections.push(renderTargets(largest.size, checkTargets(largest)), '');
    if (largest.breakdown) sections.push(renderBreakdown(largest.size, largest.breakdown), '');
    for (const r of results) for (const e of r.errors) sections.push(`- ${r.size} articles: ${e}`);
  }
  if (slack) sections.push('## Slack load (bench/slack-load.ts)', '', slack.text.trim(), '');
  if (feedPolls) sections.push(feedPolls.trim(), '');
  sections.push(`Total bench time: ${totalSeconds.toFixed(0)} s.`);
  process.stdout.write(`${sections.join('\n')}\n`);

  if (options.out) {
    const largest = results[results.length - 1];
    const summary = {
      generatedAt: new Date().toISOString(),
      machine: machine(),
      seed: options.seed,
      passes: options.passes,
      queries: { total: queries.length, questions: queries.filter((q) => q.kind === 'question').length },
      sizes: results,
      targets: largest ? checkTargets(largest) : [],
      slack,
      totalSeconds,
    };
    await writeFile(options.out, `${JSON.stringify(summary, null, 2)}\n`);
    log(`JSON summary written to ${options.out}`);
  }
  return results.some((r) => r.errors.length > 0) || (slack && slack.exitCode !== 0) ? 1 : 0;
}

async function runSize(
  size: number,
  options: BenchArgs & { sourceHash: string },
  pool: () => Promise<TextPool>,
  queries: BenchQuery[],
  memoryJobPath: string,
  distReady: boolean,
): Promise<SizeResult> {
  const prepared = await prepareStore({
    sourceHash: options.sourceHash,
    cacheDir: options.cacheDir,
    size,
    seed: options.seed,
    pool,
    fresh: options.fresh,
    log,
  });
  const result: SizeResult = {
    size,
    ingest: prepared.ingest,
    ingestCached: prepared.cached,
    latency: null,
    latencyCpu: null,
    warmup: null,
    breakdown: null,
    memory: null,
    memoryNodeFlags: options.memoryNodeFlags,
    startToAnswer: null,
    digest: null,
    loadAverage1m: Number.NaN,
    errors: [],
  };

  log(`${size} articles: timing ${queries.length} queries × ${options.passes} passes (floor, search, ask)`);
  const job: LatencyJob = {
    storePath: prepared.storePath,
    floorPath: prepared.floorPath,
    queries,
    passes: options.passes,
    seed: options.seed,
    outPath: join(options.cacheDir, `latency-n${size}.json`),
  };
  const jobPath = join(options.cacheDir, `latency-job-n${size}.json`);
  await writeFile(jobPath, JSON.stringify(job));
  const profile = options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options.cpuProf)}`] : [];
  const latency = await runChild(
    process.execPath,
    ['--import', 'tsx', ...profile, join(ROOT, 'bench/query-latency.ts'), jobPath],
    { cwd: ROOT, echo: true },
  );
  result.loadAverage1m = loadavg()[0] ?? Number.NaN;
  if (latency.code === 0) {
    const measured = JSON.parse(await readFile(job.outPath, 'utf8')) as LatencyResult;
    result.latency = summarizePasses(measured.passes);
    result.latencyCpu = summarizePasses(measured.cpuPasses);
    result.warmup = measured.warmup;
    result.breakdown = measured.breakdown;
    for (const e of measured.warmup.errors) result.errors.push(`query failed: ${e}`);
  } else {
    result.errors.push(`query-latency child exited ${latency.code}`);
  }

  if (distReady) {
    const flags = options.memoryNodeFlags.join(' ') || 'no flags';
    log(`${size} articles: serving memory (node ${flags}, dist/; ${options.memorySearches} extra searches)`);
    const probe = await runChild(
      process.execPath,
      [...options.memoryNodeFlags, join(ROOT, 'bench/serving-memory.mjs'), prepared.storePath, memoryJobPath],
      {
        cwd: ROOT,
      },
    );
    if (probe.code === 0) result.memory = JSON.parse(probe.stdout) as ServingMemory;
    else
      result.errors.push(
        `serving-memory child exited ${probe.code}: ${probe.stderr.trim().split('\n').pop()}`,
      );
    if (!options.skipStartup) {
      log(`${size} articles: start to first answer (${options.startupRuns} CLI runs)`);
      const questions = queries.filter((q) => q.kind === 'question').map((q) => q.text);
      result.startToAnswer = await measureStartToAnswer(
        ROOT,
        prepared.dataDir,
        questions,
        options.startupRuns,
      );
      for (const f of result.startToAnswer.failures) result.errors.push(`CLI run failed: ${f}`);
    }
  }
  if (!options.skipDigest) {
    log(`${size} articles: digest over ${DIGEST_NEW_ARTICLES} new articles`);
    result.digest = await measureDigest({
      storePath: prepared.storePath,
      workDir: join(options.cacheDir, 'digest-work'),
      size,
      seed: options.seed,
      pool,
    });
    if (result.digest.status === 'failed') result.errors.push(`digest failed: ${result.digest.note}`);
  }
  return result;
}

/** The memory probe and the CLI run the compiled code; rebuild it when src/ is newer. */
async function ensureBuilt(): Promise<boolean> {
  if (distIsStale(ROOT)) {
    log('dist/ is missing or older than src/: running tsc -p tsconfig.build.json');
    const build = await runChild(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: ROOT,
      },
    );
    // tsc still emits when some file has type errors (others may be mid-edit); what matters is dist/.
    if (build.code !== 0)
      log(`tsc reported errors (exit ${build.code}); using what it emitted:\n${build.stdout.slice(0, 800)}`);
  }
  const ready = existsSync(join(ROOT, 'dist/main.js'));
  if (!ready) log('dist/main.js is missing: skipping the serving-memory and start-to-answer measurements');
  return ready;
}

/** bench/feeds.ts (issue 17): 1,000 local feeds of 20 entries, polled three times; its own section. */
async function runFeedPolls(): Promise<string> {
  log('running bench/feeds.ts');
  const run = await runChild('npx', ['tsx', 'bench/feeds.ts'], { cwd: ROOT });
  return run.code === 0
    ? run.stdout
    : `## Feeds\n\nbench/feeds.ts failed (exit ${run.code}):\n${run.stderr.slice(-800)}`;
}

async function runSlackLoad(): Promise<{ exitCode: number | null; text: string } | null> {
  if (!existsSync(join(ROOT, 'bench/slack-load.ts'))) {
    log('bench/slack-load.ts not found: skipping the Slack load benchmark');
    return null;
  }
  log('running bench/slack-load.ts');
  const run = await runChild('npx', ['tsx', 'bench/slack-load.ts'], { cwd: ROOT });
  const tail =
    run.code === 0 ? '' : `\n\n(exit ${run.code})\n${run.stderr.trim().split('\n').slice(-10).join('\n')}`;
  return { exitCode: run.code, text: `${run.stdout}${tail}` };
}

function machine() {
  const cpu = cpus();
  const db = new Database(':memory:');
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    sqlite,
    /** Other work on the machine during the run skews absolute times; the ratios are interleaved. */
    loadAverage1m: loadavg()[0] ?? Number.NaN,
  };
}

function machineLine(options: BenchArgs, queries: BenchQuery[]): string {
  const m = machine();
  const questions = queries.filter((q) => q.kind === 'question').length;
  return (
    `${new Date().toISOString().slice(0, 10)} · ${m.cores} × ${m.cpu} · ${m.memoryGb} GB · Node ${m.node} · SQLite ${m.sqlite} · ` +
    `load average ${m.loadAverage1m.toFixed(1)} at the end · ` +
    `seed ${options.seed} · ${queries.length} queries (${questions} RealTimeQA questions, ${queries.length - questions} title keywords) · ` +
    `medians of ${options.passes} timed passes after a warm-up pass`
  );
}

process.exitCode = await main(process.argv.slice(2));

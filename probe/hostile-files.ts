/**
 * @module probe/hostile-files
 * Section "hostile-files": about 2,000 hostile files (probe/hostile-corpus.ts), each ingested by the
 * real CLI (`node bin/brief.js ingest <file> --json`) into one data folder that already holds the seeds
 * and 20 articles from URLs. Each must get a clear answer (the ingest report, a one-line error) within
 * 5 s and 512 MB of peak memory; after each, the store must be intact and no article stored by another
 * input may have changed.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BriefRun, REPO_ROOT, runBrief } from './brief-child.js';
import { ensureBuilt } from './build.js';
import { writeHostileCorpus } from './hostile-corpus.js';
import { PROSE } from './hostile-texts.js';
import type { ProbeRunner } from './section.js';
import { changedSince, openStoreFile, snapshot, storeHealth } from './store-check.js';

const LIMIT_MS = 5_000;
const LIMIT_MB = 512;
const VICTIMS = Array.from({ length: 20 }, (_, i) => `https://victim.example/story-${i + 1}`);

type Outcome = 'ingested' | 'refused' | 'partly' | 'unclear' | 'hung';

export const runHostileFiles: ProbeRunner = async ({ quick, workDir, log }) => {
  ensureBuilt(log);
  const dataDir = join(workDir, 'data');
  cpSync(join(REPO_ROOT, 'seeds'), join(workDir, 'seeds'), { recursive: true });
  mkdirSync(join(workDir, 'victims'));
  const records = VICTIMS.map((url, i) => ({
    title: `Victim story ${i + 1}`,
    url,
    text: `${i + 1}: ${PROSE.repeat(3)}`,
  }));
  writeFileSync(join(workDir, 'victims', 'victims.json'), JSON.stringify(records));
  const baseline = await runBrief(['ingest', 'seeds', 'victims', '--json'], { cwd: workDir, dataDir });
  if (baseline.code !== 0)
    throw new Error(`the baseline ingest failed: ${baseline.stderr || baseline.stdout}`);
  const db = openStoreFile(dataDir);
  const seedOrigins = db
    .prepare("SELECT origin FROM articles WHERE origin LIKE 'seeds/%'")
    .pluck()
    .all() as string[];
  const all = writeHostileCorpus(join(workDir, 'files'), VICTIMS, seedOrigins);
  const cases = quick ? all.filter((_, i) => i % 8 === 0) : all;
  if (process.env.PROBE_FAMILY)
    cases.splice(0, cases.length, ...cases.filter((c) => c.family === process.env.PROBE_FAMILY));
  log(
    `${cases.length} hostile inputs (of ${all.length}); ${seedOrigins.length} seeds and ${VICTIMS.length} URL articles stored`,
  );

  const outcomes: Record<Outcome, number> = { ingested: 0, refused: 0, partly: 0, unclear: 0, hung: 0 };
  let warned = 0;
  let conflicts = 0;
  let altered = 0;
  let lost = 0;
  let broken = 0;
  const over: string[] = [];
  const unclear: string[] = [];
  const slowest: { ms: number; mb: number; name: string }[] = [];
  let before = snapshot(db);
  let previous = storeHealth(db);
  for (const [i, hostile] of cases.entries()) {
    const run = await runBrief(['ingest', ...hostile.inputs, '--json'], {
      cwd: workDir,
      dataDir,
      killAfterMs: 30_000,
    });
    const name = hostile.inputs.map((p) => p.slice(workDir.length + 1)).join(' ');
    const verdict = judge(run);
    outcomes[verdict.outcome]++;
    if (verdict.outcome === 'unclear' || verdict.outcome === 'hung') unclear.push(`${name}: ${verdict.why}`);
    warned += verdict.warnings;
    conflicts += verdict.conflicts;
    if (run.ms > LIMIT_MS || run.peakMb > LIMIT_MB) over.push(`${name} (${fmt(run)})`);
    slowest.push({ ms: run.ms, mb: run.peakMb, name });
    const after = snapshot(db);
    const change = changedSince(before, after);
    altered += change.altered.length;
    lost += change.lost.length;
    if (change.altered.length + change.lost.length > 0)
      log(`${name} changed ${[...change.altered, ...change.lost].join(', ')}`);
    before = after;
    const health = storeHealth(db);
    // A run breaks the store when it leaves it worse than it found it.
    const worse =
      health.integrity !== 'ok' ||
      health.withoutPassages > previous.withoutPassages ||
      health.ftsOutOfStep > previous.ftsOutOfStep;
    if (worse && broken++ < 5) log(`${name} left the store broken: ${JSON.stringify(health)}`);
    previous = health;
    if ((i + 1) % 100 === 0) log(`${i + 1}/${cases.length} done`);
  }
  const end = storeHealth(db);
  db.close();
  slowest.sort((a, b) => b.ms - a.ms);
  const heaviest = [...slowest].sort((a, b) => b.mb - a.mb)[0];
  return {
    name: 'hostile files',
    tried: cases.length,
    outcomes: { ...outcomes, 'with warnings': warned, conflicts },
    lost: lost + altered,
    duplicated: end.duplicates,
    targets: [
      {
        target: 'every hostile file answered within 5 s and 512 MB',
        met: over.length === 0 && outcomes.hung === 0,
        measured: `${over.length} over; slowest ${(slowest[0]?.ms ?? 0) / 1000} s, peak ${Math.round(heaviest?.mb ?? 0)} MB`,
      },
      {
        target: 'a clear answer (report, one-line error) for each',
        met: unclear.length === 0,
        measured: `${unclear.length} unclear`,
      },
      {
        target: '0 stored articles altered by another input',
        met: altered + lost === 0,
        measured: `${altered} altered, ${lost} lost`,
      },
      {
        target: 'store intact after every run (integrity_check, whole articles, FTS in step)',
        met: broken === 0 && end.integrity === 'ok' && end.withoutPassages === 0 && end.ftsOutOfStep === 0,
        measured: `${broken} runs left it broken; ${end.articles} articles at the end`,
      },
    ],
    notes: [
      `slowest: ${slowest
        .slice(0, 3)
        .map((s) => `${s.name} ${Math.round(s.ms)} ms`)
        .join('; ')}`,
      `most memory: ${heaviest?.name} ${Math.round(heaviest?.mb ?? 0)} MB`,
      ...over.slice(0, 10).map((o) => `over a limit: ${o}`),
      ...unclear.slice(0, 10).map((u) => `unclear: ${u}`),
    ],
  };
};

function fmt(run: BriefRun): string {
  return `${Math.round(run.ms)} ms, ${Math.round(run.peakMb)} MB`;
}

/** Whether the CLI answered as the issue asks: its ingest report on stdout, and one line on stderr. */
function judge(run: BriefRun): { outcome: Outcome; why: string; warnings: number; conflicts: number } {
  const none = { warnings: 0, conflicts: 0 };
  if (run.killed) return { outcome: 'hung', why: `killed after ${Math.round(run.ms)} ms`, ...none };
  let report: {
    added: number;
    updated: number;
    unchanged: number;
    failed: { error: string }[];
    warnings?: unknown[];
    conflicts?: unknown[];
  };
  try {
    report = JSON.parse(run.stdout);
  } catch {
    return {
      outcome: 'unclear',
      why: `exit ${run.code}, no report: ${(run.stderr || run.stdout).slice(0, 200)}`,
      ...none,
    };
  }
  const errors = report.failed.map((f) => f.error);
  const bad = errors.find((e) => !e || e.includes('\n') || e.length > 400 || /\bat .+:\d+:\d+/.test(e));
  const stderrLines = run.stderr.trim() === '' ? 0 : run.stderr.trim().split('\n').length;
  const stored = report.added + report.updated + report.unchanged;
  const counts = { warnings: report.warnings?.length ?? 0, conflicts: report.conflicts?.length ?? 0 };
  if (bad !== undefined)
    return { outcome: 'unclear', why: `unclear error: ${JSON.stringify(bad).slice(0, 200)}`, ...counts };
  const refused = errors.length + counts.conflicts;
  if (run.code !== (stored === 0 && refused > 0 ? 1 : 0) || stderrLines > (run.code === 1 ? 1 : 0)) {
    return { outcome: 'unclear', why: `exit ${run.code}, stderr: ${run.stderr.slice(0, 200)}`, ...counts };
  }
  const outcome: Outcome = refused === 0 ? 'ingested' : stored === 0 ? 'refused' : 'partly';
  return { outcome, why: '', ...counts };
}

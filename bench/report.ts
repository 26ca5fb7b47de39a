/**
 * @module bench/report
 * Turns the measurements into the Markdown tables printed at the end of `npm run bench` (the ones
 * docs/BENCHMARKS.md quotes) and checks the issue's targets at the largest size that was run.
 */
import type { IngestMeasurement } from './corpus-store.js';
import { DIGEST_NEW_ARTICLES, DIGEST_TARGET_MS, type DigestMeasurement } from './digest.js';
import type { Breakdown, LatencyResult, PassTimes } from './query-latency.js';
import type { StartToAnswer } from './start-to-answer.js';
import { median, percentile } from './stats.js';

export interface ServingMemory {
  rssAfterOpenMb: number;
  /** Peak over the benchmark queries (search and ask) alone. */
  rssAfterQueriesMb: number;
  rssPeakMb: number;
  /** Peak RSS of the process, after the further searches too: the serving figure. */
  maxRssMb: number;
  calls: number;
}

export interface LatencySummary {
  /** Medians over the timed passes of each pass's p50 and p95, in ms. */
  floor: { p50: number; p95: number };
  search: { p50: number; p95: number };
  ask: { p50: number; p95: number };
  /** Medians over the passes of the per-pass ratios to the floor. */
  searchRatioP95: number;
  askRatioP95: number;
  searchRatioP50: number;
  askRatioP50: number;
  passes: number;
  queries: number;
}

export interface SizeResult {
  size: number;
  ingest: IngestMeasurement;
  ingestCached: boolean;
  latency: LatencySummary | null;
  /** The same calls in CPU time of the measuring process. */
  latencyCpu: LatencySummary | null;
  warmup: LatencyResult['warmup'] | null;
  breakdown: Breakdown | null;
  memory: ServingMemory | null;
  /** The node flags the memory probe ran with (those of `npm start` by default). */
  memoryNodeFlags: string[];
  startToAnswer: StartToAnswer | null;
  digest: DigestMeasurement | null;
  /** The machine's 1-minute load average right after the query timing (2 cores: above 2 means contention). */
  loadAverage1m: number;
  errors: string[];
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  met: boolean | null;
}

export function summarizePasses(passes: PassTimes[]): LatencySummary {
  const at = (engine: keyof PassTimes, p: number) => passes.map((pass) => percentile(pass[engine], p));
  const ratio = (engine: 'search' | 'ask', p: number) => {
    const floors = at('floor', p);
    return median(at(engine, p).map((v, i) => v / (floors[i] ?? Number.NaN)));
  };
  const both = (engine: keyof PassTimes) => ({ p50: median(at(engine, 50)), p95: median(at(engine, 95)) });
  return {
    floor: both('floor'),
    search: both('search'),
    ask: both('ask'),
    searchRatioP95: ratio('search', 95),
    askRatioP95: ratio('ask', 95),
    searchRatioP50: ratio('search', 50),
    askRatioP50: ratio('ask', 50),
    passes: passes.length,
    queries: passes[0]?.floor.length ?? 0,
  };
}

export function checkTargets(result: SizeResult): Target[] {
  const l = result.latency;
  const s = result.startToAnswer;
  const digest = result.digest;
  return [
    {
      name: 'search p95 vs raw FTS5',
      goal: '≤ 1.5×',
      measured: l ? `${l.searchRatioP95.toFixed(2)}× (${ms(l.search.p95)} vs ${ms(l.floor.p95)})` : 'not run',
      met: l ? l.searchRatioP95 <= 1.5 : null,
    },
    {
      name: 'ask p95 vs raw FTS5',
      goal: '≤ 2.5×',
      measured: l ? `${l.askRatioP95.toFixed(2)}× (${ms(l.ask.p95)} vs ${ms(l.floor.p95)})` : 'not run',
      met: l ? l.askRatioP95 <= 2.5 : null,
    },
    {
      name: 'ingest throughput',
      goal: '≥ 1,000 articles/s',
      measured: `${Math.round(result.ingest.articlesPerSecond).toLocaleString('en-US')} articles/s${result.ingestCached ? ' (cached build)' : ''}`,
      met: result.ingest.articlesPerSecond >= 1000,
    },
    {
      name: 'resident memory, serving',
      goal: '≤ 300 MB',
      measured: result.memory
        ? `${result.memory.maxRssMb.toFixed(0)} MB peak RSS over ${n(result.memory.calls)} calls (${result.memory.rssAfterQueriesMb.toFixed(0)} MB after the first ${n(result.latency?.queries ? result.latency.queries * 2 : 0)})`
        : 'not run',
      met: result.memory ? result.memory.maxRssMb <= 300 : null,
    },
    {
      name: 'start to first answer (CLI)',
      goal: '≤ 1 s',
      measured: s && s.runs > 0 ? `${ms(s.medianMs)} median of ${s.runs}, max ${ms(s.maxMs)}` : 'not run',
      met: s && s.runs > 0 ? s.medianMs <= 1000 : null,
    },
    {
      name: `digest over ${DIGEST_NEW_ARTICLES.toLocaleString('en-US')} new articles (issue 6)`,
      goal: `≤ ${DIGEST_TARGET_MS / 1000} s`,
      measured:
        digest?.medianMs == null
          ? `not measured${digest ? `: ${digest.note}` : ''}`
          : `${ms(digest.medianMs)} (${digest.stories} stories; ${digest.note})`,
      met: digest?.medianMs == null ? null : digest.medianMs <= DIGEST_TARGET_MS,
    },
  ];
}

export function renderSizes(results: SizeResult[]): string {
  const rows = [
    '| articles | passages | store MB | ingest articles/s | FTS5 p50 / p95 | search p50 / p95 | search ÷ FTS5 (p95) | ask p50 / p95 | ask ÷ FTS5 (p95) | serving RSS | start → answer | digest (+2,000) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const l = r.latency;
    rows.push(
      `| ${n(r.size)} | ${n(r.ingest.passages)} | ${n(r.ingest.storeMb)} | ${n(r.ingest.articlesPerSecond)}${r.ingestCached ? '*' : ''} | ` +
        (l
          ? `${ms(l.floor.p50)} / ${ms(l.floor.p95)} | ${ms(l.search.p50)} / ${ms(l.search.p95)} | ${l.searchRatioP95.toFixed(2)}× | ` +
            `${ms(l.ask.p50)} / ${ms(l.ask.p95)} | ${l.askRatioP95.toFixed(2)}× | `
          : '– | – | – | – | – | ') +
        `${r.memory ? `${n(r.memory.rssAfterQueriesMb)} / ${n(r.memory.maxRssMb)} MB` : '–'} | ${r.startToAnswer?.runs ? ms(r.startToAnswer.medianMs) : '–'} | ` +
        `${r.digest?.medianMs == null ? '–' : ms(r.digest.medianMs)} |`,
    );
  }
  rows.push(
    '',
    `Serving RSS: peak over the benchmark queries (search and ask each) / after the further different searches of \`--memory-searches\`, in a plain-node process on dist/ (node flags: ${results[0]?.memoryNodeFlags.join(' ') || 'none'}).`,
    `1-minute load average after each size's query timing: ${results.map((r) => `${n(r.size)}: ${r.loadAverage1m.toFixed(1)}`).join(', ')}.`,
  );
  if (results.some((r) => r.ingestCached))
    rows.push('', '\\* ingest measured when the cached store was built (see the JSON summary for when).');
  return rows.join('\n');
}

/** The same figures in CPU time: what the work costs when the machine is shared (load above 2). */
export function renderCpuTimes(results: SizeResult[]): string {
  const rows = [
    'The same in CPU time of the measuring process (robust to other load on the machine; a guide, not the target):',
    '',
    '| articles | ingest articles/CPU-s | FTS5 p50 / p95 | search p50 / p95 | search ÷ FTS5 (p95) | ask p50 / p95 | ask ÷ FTS5 (p95) | start → answer CPU | digest CPU |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const l = r.latencyCpu;
    rows.push(
      `| ${n(r.size)} | ${r.ingest.articlesPerCpuSecond ? n(r.ingest.articlesPerCpuSecond) : '–'} | ` +
        (l
          ? `${ms(l.floor.p50)} / ${ms(l.floor.p95)} | ${ms(l.search.p50)} / ${ms(l.search.p95)} | ${l.searchRatioP95.toFixed(2)}× | ` +
            `${ms(l.ask.p50)} / ${ms(l.ask.p95)} | ${l.askRatioP95.toFixed(2)}× | `
          : '– | – | – | – | – | ') +
        `${r.startToAnswer?.medianCpuMs == null ? '–' : ms(r.startToAnswer.medianCpuMs)} | ` +
        `${r.digest?.medianCpuMs == null ? '–' : ms(r.digest.medianCpuMs)} |`,
    );
  }
  return rows.join('\n');
}

export function renderTargets(size: number, targets: Target[]): string {
  const rows = [
    `Targets at ${n(size)} articles${size < 100_000 ? ' (the issue sets them at 100,000)' : ''}:`,
    '',
  ];
  rows.push('| target | goal | measured | met |', '|---|---|---|---|');
  for (const t of targets)
    rows.push(
      `| ${t.name} | ${t.goal} | ${t.measured} | ${t.met === null ? 'pending' : t.met ? 'yes' : '**no**'} |`,
    );
  return rows.join('\n');
}

export function renderBreakdown(size: number, breakdown: Breakdown): string {
  const rows = [
    `Where a call's time goes at ${n(size)} articles (mean CPU ms per call, one untimed pass; Briefbot ORs ${breakdown.briefbotTerms.toFixed(1)} index terms per query on average):`,
    '',
    '| part | search | ask |',
    '|---|---:|---:|',
  ];
  for (const part of Object.keys(breakdown.search)) {
    rows.push(
      `| ${part} | ${(breakdown.search[part] ?? 0).toFixed(1)} | ${(breakdown.ask[part] ?? 0).toFixed(1)} |`,
    );
  }
  rows.push('', 'Slowest asks (CPU time):', '');
  for (const a of breakdown.slowestAsks) rows.push(`- ${ms(a.ms)}: ${a.query}`);
  return rows.join('\n');
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

/**
 * @module eval/rtqa/run-rtqa-eval
 * The evaluation run: questions selected by split (or by id, for a fixed CI subset), pages streamed
 * week by week into week evaluations (on worker threads when asked), and the records scored into the
 * report that `--json` prints.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../src/config.js';
import { loadQuestions, type RtqaPage, type RtqaQuestion, readPageWeeks } from './dataset.js';
import type { RtqaRecord, RtqaReport } from './eval-record.js';
import { round, shareOf } from './metrics.js';
import { INDEXED_PEERS } from './peers/index.js';
import { briefbotScores, bySource, citationScores, otherScores, peerScores } from './summary.js';
import type { WeekResult } from './week-evaluation.js';
import { createWeekPool } from './week-pool.js';

export type SplitChoice = 'dev' | 'test' | 'all';

export interface RtqaEvalOptions {
  /** The rtqa-news folder (README, docs/queries/qrels/gcs_rank .jsonl.gz). */
  dataDir: string;
  split: SplitChoice;
  /** Only these questions (they must belong to `split`); their weeks' full pools are still ingested. */
  questionIds?: readonly string[];
  /** Also run MiniSearch, Orama, wink-bm25 and raw FTS5 over the same passages. */
  peers?: boolean;
  /**
   * Answer (and, with an embedding model, retrieve) through the model path these settings configure,
   * as `brief` does with OPENAI_*; without it, the offline extractive path.
   */
  model?: Config | null;
  /** Weeks evaluated side by side on worker threads; 1 (the default) runs in this thread. */
  workers?: number;
  /** Progress lines (the CLI writes them to stderr). */
  onProgress?: (line: string) => void;
}

export async function runRtqaEval(options: RtqaEvalOptions): Promise<RtqaReport> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const questions = selectQuestions(await loadQuestions(options.dataDir), options);
  const byWeek = new Map<string, RtqaQuestion[]>();
  for (const q of questions) byWeek.set(q.week, [...(byWeek.get(q.week) ?? []), q]);
  const workers = Math.max(1, Math.min(options.workers ?? 1, byWeek.size));
  const peers = options.peers ?? false;
  const model = options.model ?? null;
  if (model && !model.OPENAI_API_KEY && !model.OPENAI_BASE_URL) {
    throw new Error('the model path needs OPENAI_BASE_URL or OPENAI_API_KEY');
  }
  const results: WeekResult[] = [];
  const tmp = await mkdtemp(join(tmpdir(), 'rtqa-'));
  const pool = createWeekPool(workers);
  try {
    const inFlight = new Set<Promise<void>>();
    const dispatch = async (week: string, pages: RtqaPage[]) => {
      const task = pool
        .run({ week, pages, questions: byWeek.get(week) ?? [], peers, model, tmpDir: tmp })
        .then((result) => {
          results.push(result);
          progress(weekLine(result, pages.length));
        });
      inFlight.add(task);
      task.then(
        () => inFlight.delete(task),
        () => inFlight.delete(task),
      );
      // Read no further ahead than the workers can take.
      if (inFlight.size >= workers) await Promise.race(inFlight);
    };
    const pending = new Set(byWeek.keys());
    for await (const { week, pages } of readPageWeeks(options.dataDir, new Set(byWeek.keys()))) {
      pending.delete(week);
      await dispatch(week, pages);
    }
    for (const week of pending) await dispatch(week, []);
    await Promise.all(inFlight);
  } finally {
    await pool.close();
    await rm(tmp, { recursive: true, force: true });
  }
  return report(options, questions, results, (performance.now() - started) / 1000, workers);
}

function weekLine(result: WeekResult, pages: number): string {
  const m = result.mapping;
  return (
    `week ${result.week}: ${pages} pages -> ${m.articles} articles, ${m.passages} passages` +
    `${m.unmapped.length ? `, ${m.unmapped.length} unmapped` : ''}; ${result.records.length} questions; ` +
    `index ${result.indexSeconds.toFixed(1)} s, questions ${result.askSeconds.toFixed(1)} s`
  );
}

function report(
  options: RtqaEvalOptions,
  questions: RtqaQuestion[],
  results: WeekResult[],
  seconds: number,
  workers: number,
): RtqaReport {
  const order = new Map(questions.map((q, i) => [q.id, i]));
  const records: RtqaRecord[] = results
    .flatMap((r) => r.records)
    .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const systems: RtqaReport['systems'] = { briefbot: briefbotScores(records) };
  if (options.peers) for (const name of INDEXED_PEERS) systems[name] = peerScores(records, name);
  systems.gcs = peerScores(records, 'gcs');
  const cleanAnswerable = records.filter((r) => r.clean_answerable).length;
  const cleanAbstention = records.filter((r) => r.clean_abstention).length;
  const undecided = records.filter((r) => r.clean_answerable && r.mc_choice === null).length;
  const mappings = results.map((r) => r.mapping);
  const sum = (f: (m: (typeof mappings)[number]) => number) => mappings.reduce((n, m) => n + f(m), 0);
  const cpuList = cpus();
  return {
    split: options.split,
    questions: records.length,
    systems,
    subsets: {
      clean_answerable: cleanAnswerable,
      clean_abstention: cleanAbstention,
      other: records.length - cleanAnswerable - cleanAbstention,
    },
    other: otherScores(records),
    by_source: bySource(records),
    citations: citationScores(records),
    mc: { undecided: round(cleanAnswerable ? undecided / cleanAnswerable : null) },
    model: options.model ? modelScores(options.model, records, results) : null,
    ingest: {
      weeks: results.length,
      pages: sum((m) => m.pages),
      articles: sum((m) => m.articles),
      passages: sum((m) => m.passages),
      folded_pages: sum((m) => m.folded),
      unmapped_pages: mappings.flatMap((m) => m.unmapped),
      origin_collisions: sum((m) => m.originCollisions),
      failures: sum((m) => m.failures.length),
    },
    run: {
      seconds: round(seconds, 1) ?? 0,
      node: process.version,
      cpus: cpuList.length,
      cpu_model: cpuList[0]?.model.trim() ?? 'unknown',
      workers,
      peers: options.peers ?? false,
    },
    records,
  };
}

function modelScores(config: Config, records: RtqaRecord[], results: WeekResult[]): RtqaReport['model'] {
  const embedded = results.map((r) => r.embeddedPassages);
  return {
    chat_model: config.OPENAI_MODEL,
    embedding_model: config.OPENAI_EMBEDDING_MODEL ?? null,
    answered_by_model: round(shareOf(records, (r) => r.mode === 'llm')),
    fallbacks: records.filter((r) => r.mode === 'extractive' && r.note !== null).length,
    embedded_passages: embedded.some((n) => n === null)
      ? null
      : embedded.reduce<number>((a, n) => a + (n ?? 0), 0),
  };
}

function selectQuestions(all: RtqaQuestion[], options: RtqaEvalOptions): RtqaQuestion[] {
  const inSplit = all.filter((q) => options.split === 'all' || q.split === options.split);
  if (!options.questionIds) return inSplit;
  const byId = new Map(inSplit.map((q) => [q.id, q]));
  const missing = options.questionIds.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).join(', ');
    throw new Error(
      `not questions of the ${options.split} split: ${shown}${missing.length > 10 ? ', ...' : ''}`,
    );
  }
  const wanted = new Set(options.questionIds);
  return inSplit.filter((q) => wanted.has(q.id));
}

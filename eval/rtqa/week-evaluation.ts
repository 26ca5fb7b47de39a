/**
 * @module eval/rtqa/week-evaluation
 * One week's evaluation: a fresh store filled with the week's pages through the normal ingestion
 * path, optionally the peers over the same passages and (`--model`) the configured model path with
 * the week's passages embedded, then each of the week's questions asked with its quiz date as "now".
 * Self-contained (plain data in, plain data out) so it can run in a worker.
 */
import { silentLogger } from '../../src/adapters/log/json-logger.js';
import { composeModel, type ModelServices } from '../../src/compose-model.js';
import type { Config } from '../../src/config.js';
import type { Clock } from '../../src/core/ports.js';
import type { HybridVectors } from '../../src/core/vector-search.js';
import { containsAnswer } from './answer-match.js';
import { checkCitations, createEvalBriefing, rankWithBriefbot, settableClock } from './briefbot-system.js';
import { isCleanAbstention, isCleanAnswerable, type RtqaPage, type RtqaQuestion } from './dataset.js';
import type { RankingRecord, RtqaRecord } from './eval-record.js';
import { firstHitRank, round } from './metrics.js';
import { pickChoice } from './multiple-choice.js';
import {
  createPeerRankers,
  type PassageDoc,
  type PassageRanker,
  PEER_PASSAGES,
  pagesByBestPassage,
  storedPassages,
} from './peers/index.js';
import { ingestWeek, type WeekCorpus, type WeekMapping } from './week-corpus.js';

export interface WeekJob {
  week: string;
  pages: RtqaPage[];
  questions: RtqaQuestion[];
  peers: boolean;
  /** The model path's settings (OPENAI_*), or null for the offline extractive path. */
  model: Config | null;
  /** Where the week's JSON Lines file is written for ingestion. */
  tmpDir: string;
}

export interface WeekResult {
  week: string;
  records: RtqaRecord[];
  mapping: WeekMapping;
  /** Passages with a vector after the week's embedding run; null without an embedding model. */
  embeddedPassages: number | null;
  indexSeconds: number;
  askSeconds: number;
}

/** Pages per ranking kept in a record. */
const TOP = 10;

/** "Now" for a question: the end of its quiz day (UTC), so that day's pages are already out. */
export function nowOf(questionDate: string): string {
  return `${questionDate}T23:59:59.000Z`;
}

export async function evaluateWeek(job: WeekJob): Promise<WeekResult> {
  const started = performance.now();
  const latest = job.questions
    .map((q) => q.questionDate)
    .sort()
    .at(-1);
  const clock = settableClock(
    nowOf(latest ?? `${job.week.slice(0, 4)}-${job.week.slice(4, 6)}-${job.week.slice(6)}`),
  );
  const corpus = await ingestWeek(job.week, job.pages, job.tmpDir, clock);
  const passages = job.peers ? await storedPassages(corpus.store, corpus.articles) : [];
  const peers = job.peers ? createPeerRankers(passages) : null;
  const records: RtqaRecord[] = [];
  let embeddedPassages: number | null = null;
  let indexed = performance.now();
  try {
    const model = job.model ? await composeWeekModel(job.model, corpus, clock) : null;
    const vectors = model?.vectors ?? null;
    if (vectors) embeddedPassages = await vectors.index.count(vectors.embedder.model);
    indexed = performance.now();
    const briefing = createEvalBriefing(corpus.store, clock, model, job.model?.OPENAI_MAX_PASSAGES);
    const texts = new Map(corpus.articles.map((a) => [a.id, a.text]));
    await warmUp(job.questions[0]?.question, corpus, clock.now(), peers?.rankers ?? [], vectors);
    for (const q of job.questions) {
      clock.set(nowOf(q.questionDate));
      records.push(
        await evaluateQuestion(q, {
          corpus,
          now: clock.now(),
          briefing,
          texts,
          peers: peers?.rankers ?? [],
          passages,
          vectors,
        }),
      );
    }
  } finally {
    peers?.close();
    await corpus.close();
  }
  return {
    week: job.week,
    records,
    mapping: corpus.mapping,
    embeddedPassages,
    indexSeconds: (indexed - started) / 1000,
    askSeconds: (performance.now() - indexed) / 1000,
  };
}

/**
 * The model path as `brief` composes it, over the week's store; with an embedding model, the week's
 * passages are embedded first, as `brief ingest` does after ingesting.
 */
async function composeWeekModel(config: Config, corpus: WeekCorpus, clock: Clock): Promise<ModelServices> {
  const model = await composeModel(
    config,
    async () => {
      if (!corpus.db)
        throw new Error('hybrid retrieval needs the SQLite store (no vector index on PostgreSQL yet)');
      return (await import('../../src/store/sqlite/sqlite-vector-index.js')).createSqliteVectorIndex(
        corpus.db,
      );
    },
    clock,
    silentLogger,
  );
  await model.embedNew(corpus.store);
  return model;
}

/**
 * One untimed query per system before the timed ones, so that no system's first question of the week
 * pays for JIT compilation and cold caches in its latency.
 */
async function warmUp(
  question: string | undefined,
  corpus: WeekCorpus,
  now: Date,
  peers: readonly PassageRanker[],
  vectors: HybridVectors | null,
): Promise<void> {
  if (question === undefined) return;
  await rankWithBriefbot(corpus.store, question, now, vectors);
  for (const ranker of peers) ranker.search(question, PEER_PASSAGES);
}

interface QuestionContext {
  corpus: WeekCorpus;
  now: Date;
  briefing: ReturnType<typeof createEvalBriefing>;
  texts: ReadonlyMap<string, string>;
  peers: readonly PassageRanker[];
  passages: readonly PassageDoc[];
  vectors: HybridVectors | null;
}

async function evaluateQuestion(q: RtqaQuestion, ctx: QuestionContext): Promise<RtqaRecord> {
  const { corpus } = ctx;
  const strict = new Set(q.supportDocIds.flatMap((d) => corpus.articleOf(d) ?? []));
  const lenient = new Set(q.docIds.flatMap((d) => corpus.articleOf(d) ?? []));
  const pageOf = (articleId: string) => corpus.pagesOf(articleId)[0] ?? null;
  const rankingRecord = (articleIds: string[], ms: number | null): RankingRecord => ({
    ranked_doc_ids: articleIds.slice(0, TOP).flatMap((id) => pageOf(id) ?? []),
    hit_rank: firstHitRank(articleIds, strict),
    hit_rank_lenient: firstHitRank(articleIds, lenient),
    ms: ms === null ? null : round(ms, 3),
  });

  const ranking = await rankWithBriefbot(corpus.store, q.question, ctx.now, ctx.vectors);
  const peers: Record<string, RankingRecord> = {};
  for (const ranker of ctx.peers) {
    const t0 = performance.now();
    const pages = pagesByBestPassage(ranker.search(q.question, PEER_PASSAGES), ctx.passages);
    peers[ranker.name] = rankingRecord(pages, performance.now() - t0);
  }
  // Google's ranking is a precomputed run over the same pool: no index, no latency.
  peers.gcs = rankingRecord([...new Set(q.gcsDocIds.flatMap((d) => corpus.articleOf(d) ?? []))], null);

  const answer = await ctx.briefing.ask(q.question);
  const citations = checkCitations(answer, (id) => ctx.texts.get(id) ?? null);
  const pick = pickChoice(q.choices, ranking.passageTexts);
  const choice = pick.index === null ? null : (q.choices[pick.index] ?? null);
  return {
    id: q.id,
    week: q.week,
    split: q.split,
    source: q.source,
    question_date: q.questionDate,
    question: q.question,
    answers: q.answers,
    clean_answerable: isCleanAnswerable(q),
    clean_abstention: isCleanAbstention(q),
    answerable: q.answerable,
    supported: q.supported,
    answer_match: q.answerMatch,
    weak_answer: q.weakAnswer,
    ...rankingRecord(ranking.articleIds, ranking.ms),
    answer: answer.answer,
    abstained: answer.abstained,
    mode: answer.mode,
    note: answer.note,
    containment: !answer.abstained && containsAnswer(answer.answer, q.answers),
    mc_choice: choice,
    mc_correct: choice !== null && q.answers.includes(choice),
    citation_validity: citations.every((c) => c.valid) && (answer.abstained || citations.length > 0),
    citations: citations.map((c) => ({ doc_id: pageOf(c.articleId), quote: c.quote, valid: c.valid })),
    cites_support: !answer.abstained && citations.some((c) => strict.has(c.articleId)),
    cites_support_lenient: !answer.abstained && citations.some((c) => lenient.has(c.articleId)),
    peers,
  };
}

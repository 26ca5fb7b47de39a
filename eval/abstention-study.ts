/**
 * How far can abstention go on what the extractive bot sees? For every clean question of a split, the
 * signals retrieval and sentence scoring give (coverage of the question by the best sentences and
 * passages, overall and among fresh news; the age of what ranks first; how much fresh news the top
 * ten hold; raw BM25 scores; the question's length, kind and recency words), then a logistic
 * regression over them, scored by 5-fold cross-validation: the best abstention precision it reaches
 * at each abstention recall. Not part of the product; docs/EVALUATION.md reports what it found.
 *
 *   npm run -s eval:abstention -- [--data ../shared/data/rtqa-news] [--split dev]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { candidateSentences } from '../src/core/compose-answer.js';
import { understandQuestion } from '../src/core/query.js';
import { retrievePassages, searchTerms, termWeights } from '../src/core/retrieve-passages.js';
import { settableClock } from './rtqa/briefbot-system.js';
import { isCleanAbstention, isCleanAnswerable, loadQuestions, readPageWeeks } from './rtqa/dataset.js';
import { ingestWeek } from './rtqa/week-corpus.js';
import { nowOf } from './rtqa/week-evaluation.js';

interface Row {
  answerable: boolean;
  features: number[];
}

const FEATURES = [
  'best sentence coverage (any age)',
  'best sentence coverage, news ≤ 14 days',
  'best sentence coverage, news ≤ 60 days',
  'best sentence coverage, news ≤ 365 days',
  'best passage coverage (any age)',
  'best passage coverage, news ≤ 14 days',
  'best passage coverage, news ≤ 60 days',
  'top sentence coverage',
  'log age of the top sentence',
  'log age of the top passage',
  'share of the top 10 passages ≤ 14 days old',
  'share of the top 10 passages ≤ 60 days old',
  'BM25 score of the first candidate',
  'BM25 score of the tenth candidate',
  'question terms',
  'asks for the latest',
  'general question (no answer kind)',
  'total question weight',
];

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/rtqa-news' },
    split: { type: 'string', default: 'dev' },
  },
});
const dataDir = values.data ?? '../shared/data/rtqa-news';
const split = values.split ?? 'dev';

const rows = await collect(dataDir, split);
const scores = crossValidated(rows, 5);
const abstentions = rows.filter((r) => !r.answerable).length;
console.log(
  `${split}: ${rows.length} clean questions (${abstentions} clean abstention), ${FEATURES.length} signals`,
);
console.log('abstention recall ≥ | best precision (cross-validated) | recall | wrong abstentions');
for (const target of [0.7, 0.75, 0.8, 0.85, 0.9]) {
  const best = bestPrecisionAt(rows, scores, target);
  console.log(
    `${target.toFixed(2)}              | ${best.precision.toFixed(3)}                            | ${best.recall.toFixed(3)}  | ${best.wrong}`,
  );
}

async function collect(dir: string, which: string): Promise<Row[]> {
  const questions = (await loadQuestions(dir)).filter(
    (q) => q.split === which && (isCleanAnswerable(q) || isCleanAbstention(q)),
  );
  const tmp = mkdtempSync(join(tmpdir(), 'abstention-study-'));
  const out: Row[] = [];
  try {
    for await (const { week, pages } of readPageWeeks(dir, new Set(questions.map((q) => q.week)))) {
      const corpus = await ingestWeek(week, pages, tmp, settableClock('2023-01-01T00:00:00Z'));
      for (const q of questions.filter((x) => x.week === week)) {
        const now = new Date(nowOf(q.questionDate));
        out.push({
          answerable: isCleanAnswerable(q),
          features: await signals(corpus.store, q.question, now),
        });
      }
      await corpus.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

async function signals(
  store: Parameters<typeof termWeights>[0],
  question: string,
  now: Date,
): Promise<number[]> {
  const query = understandQuestion(question, now);
  const weights = await termWeights(store, query);
  const raw = await store.searchPassages({ terms: searchTerms(weights), limit: 40 });
  const ranked = await retrievePassages(store, query, weights, 12);
  const sentences = candidateSentences(query, ranked, weights).slice(0, 8);
  const ageOf = (publishedAt: string | null) => {
    const t = publishedAt ? Date.parse(publishedAt) : Number.NaN;
    return Number.isNaN(t) ? 4000 : Math.min(4000, Math.max(0, (now.getTime() - t) / 86_400_000));
  };
  const bestSentence = (maxAge: number) =>
    Math.max(0, ...sentences.filter((s) => ageOf(s.article.publishedAt) <= maxAge).map((s) => s.ownCoverage));
  const bestPassage = (maxAge: number) =>
    Math.max(0, ...ranked.filter((p) => ageOf(p.article.publishedAt) <= maxAge).map((p) => p.coverage));
  const top10 = ranked.slice(0, 10);
  const freshShare = (maxAge: number) =>
    top10.filter((p) => ageOf(p.article.publishedAt) <= maxAge).length / 10;
  return [
    bestSentence(Number.POSITIVE_INFINITY),
    bestSentence(14),
    bestSentence(60),
    bestSentence(365),
    bestPassage(Number.POSITIVE_INFINITY),
    bestPassage(14),
    bestPassage(60),
    sentences[0]?.ownCoverage ?? 0,
    Math.log1p(ageOf(sentences[0]?.article.publishedAt ?? null)),
    Math.log1p(ageOf(ranked[0]?.article.publishedAt ?? null)),
    freshShare(14),
    freshShare(60),
    raw[0]?.score ?? 0,
    raw[9]?.score ?? 0,
    query.terms.length,
    query.recency ? 1 : 0,
    query.kind === 'general' ? 1 : 0,
    weights.total,
  ];
}

/** Out-of-fold logit of "answerable" for every row: each fold scored by a model fitted on the others. */
function crossValidated(data: Row[], folds: number): number[] {
  const standard = standardise(data.map((r) => r.features));
  const order = shuffled(data.length, 1);
  const scores = new Array<number>(data.length).fill(0);
  for (let k = 0; k < folds; k++) {
    const held = new Set(order.filter((_, i) => i % folds === k));
    const weights = fitLogistic(
      order.filter((i) => !held.has(i)),
      standard,
      data,
    );
    for (const i of held) scores[i] = logit(weights, standard[i] ?? []);
  }
  return scores;
}

function fitLogistic(
  indices: number[],
  x: number[][],
  data: Row[],
  l2 = 0.1,
  steps = 400,
  rate = 0.1,
): number[] {
  const dims = FEATURES.length;
  const w = new Array<number>(dims + 1).fill(0);
  for (let step = 0; step < steps; step++) {
    const grad = new Array<number>(dims + 1).fill(0);
    for (const i of indices) {
      const xi = x[i] ?? [];
      const error = 1 / (1 + Math.exp(-logit(w, xi))) - (data[i]?.answerable ? 1 : 0);
      for (let j = 0; j < dims; j++) grad[j] = (grad[j] ?? 0) + error * (xi[j] ?? 0);
      grad[dims] = (grad[dims] ?? 0) + error;
    }
    for (let j = 0; j <= dims; j++) {
      const penalty = j < dims ? l2 * (w[j] ?? 0) : 0;
      w[j] = (w[j] ?? 0) - rate * ((grad[j] ?? 0) / indices.length + penalty);
    }
  }
  return w;
}

function logit(w: number[], xi: number[]): number {
  let z = w[w.length - 1] ?? 0;
  for (let j = 0; j < xi.length; j++) z += (w[j] ?? 0) * (xi[j] ?? 0);
  return z;
}

function standardise(x: number[][]): number[][] {
  const dims = x[0]?.length ?? 0;
  const mean = Array.from({ length: dims }, (_, j) => x.reduce((s, r) => s + (r[j] ?? 0), 0) / x.length);
  const sd = Array.from(
    { length: dims },
    (_, j) => Math.sqrt(x.reduce((s, r) => s + ((r[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / x.length) || 1,
  );
  return x.map((r) => r.map((v, j) => (v - (mean[j] ?? 0)) / (sd[j] ?? 1)));
}

/** A fixed-seed shuffle, so that the folds (and the numbers) are the same on every run. */
function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/** Abstain when the logit is at or below a threshold: the best precision among thresholds meeting `recall`. */
function bestPrecisionAt(data: Row[], scores: number[], recall: number) {
  const abstentionTotal = data.filter((r) => !r.answerable).length;
  let best = { precision: 0, recall: 0, wrong: 0 };
  for (const threshold of [...new Set(scores)].sort((a, b) => a - b)) {
    let right = 0;
    let wrong = 0;
    data.forEach((r, i) => {
      if ((scores[i] ?? 0) <= threshold) {
        if (r.answerable) wrong++;
        else right++;
      }
    });
    const r = right / abstentionTotal;
    const p = right / (right + wrong);
    if (r >= recall && p > best.precision) best = { precision: p, recall: r, wrong };
  }
  return best;
}

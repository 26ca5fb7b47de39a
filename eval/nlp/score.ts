/**
 * @module eval/nlp/score
 * Scores one candidate on the labelled tuning sentences: whether it tags an expected answer form as
 * a span of the question's kind (recall), how many spans of that kind it emits (noise), how its
 * sentences agree with the project's splitter, and what it costs (load, per sentence, memory).
 */
import { splitSentences } from '../../src/core/text/sentences.js';
import { normaliseAnswer } from '../pages/match.js';
import { type Labelled, SPAN_KINDS, type SpanKind } from './labelled.js';
import type { SpanTagger } from './taggers.js';

export interface KindScore {
  questions: number;
  /** Questions with a span on an answer sentence that contains an expected form. */
  covers: number;
  /** … or a span that is part of one ("Hendricks" of "Bessie Hendricks"). */
  part: number;
  /** Spans of the kind per sentence, over every sentence of the questions' articles. */
  spansPerSentence: number;
  /** Spans of the kind on answer sentences that overlap no expected form, per answer sentence. */
  otherPerAnswerSentence: number;
}

export interface SentenceScore {
  /** Of the library's sentences, the share the project's splitter also gives (per paragraph). */
  precision: number;
  /** Of the project's sentences, the share the library also gives. */
  recall: number;
  /** Questions whose expected form lies inside one of the library's sentences. */
  answerWhole: number;
  questions: number;
}

export interface CostScore {
  loadMs: number;
  firstSentenceMs: number;
  /** Reading a sentence and asking it for all seven kinds. */
  perSentenceMs: { mean: number; p50: number; p95: number; max: number };
  sentences: number;
  /** Resident memory the load added, and what the heap kept after every sentence was read. */
  loadRssMb: number;
  heapAfterMb: number;
}

export interface Miss {
  id: string;
  kind: SpanKind;
  forms: string[];
  /** The spans of the kind it gave on the answer sentences. */
  found: string[];
}

export interface CandidateScore {
  kinds: Record<SpanKind, KindScore>;
  /** Questions none of whose answer sentences got a span containing an expected form. */
  misses: Miss[];
  sentences: SentenceScore | null;
}

const clean = (s: string) => normaliseAnswer(s.replace(/^[\s"“'‘(]+|[\s,.;:!?"”'’)]+$/gu, ''));

const sentencesOf = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

const paragraphsOf = (text: string) =>
  text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Times reading every sentence of every article once (cold), all seven kinds asked. */
export function timeSentences(tagger: SpanTagger, data: Labelled): { first: number; times: number[] } {
  const all = [...new Set(data.articles.flatMap((a) => sentencesOf(a.text)))];
  const times: number[] = [];
  for (const s of all) {
    const t0 = performance.now();
    const read = tagger.read(s);
    for (const kind of SPAN_KINDS) read(kind, '');
    times.push(performance.now() - t0);
  }
  return { first: times[0] ?? 0, times };
}

export function costOf(times: number[]): CostScore['perSentenceMs'] {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
  return { mean, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1) ?? 0 };
}

export function scoreCandidate(tagger: SpanTagger, data: Labelled): CandidateScore {
  const reads = new Map<string, ReturnType<SpanTagger['read']>>();
  const readOf = (s: string) => {
    let r = reads.get(s);
    if (!r) {
      r = tagger.read(s);
      reads.set(s, r);
    }
    return r;
  };
  const articlesOf = (q: Labelled['questions'][number]) =>
    data.articles.filter((a) => a.set === q.set && q.articles.includes(a.name));

  const misses: Miss[] = [];
  const kinds = Object.fromEntries(
    SPAN_KINDS.map((kind) => {
      const qs = data.questions.filter((q) => q.kind === kind);
      let covers = 0;
      let part = 0;
      let spans = 0;
      let sentences = 0;
      let other = 0;
      let answerSentences = 0;
      for (const q of qs) {
        const forms = q.forms.map(clean);
        let covered = false;
        let parted = false;
        const given: string[] = [];
        for (const s of q.sentences) {
          const found = readOf(s)(kind, q.question).map(clean).filter(Boolean);
          given.push(...found);
          const hits = found.filter((f) => forms.some((form) => f.includes(form)));
          const parts = found.filter((f) => forms.some((form) => form.includes(f) || f.includes(form)));
          covered ||= hits.length > 0;
          parted ||= parts.length > 0;
          other += found.length - parts.length;
          answerSentences++;
        }
        if (covered) covers++;
        else misses.push({ id: q.id, kind, forms: q.forms, found: [...new Set(given)] });
        if (parted) part++;
        for (const a of articlesOf(q))
          for (const s of sentencesOf(a.text)) {
            spans += readOf(s)(kind, q.question).length;
            sentences++;
          }
      }
      const score: KindScore = {
        questions: qs.length,
        covers,
        part,
        spansPerSentence: spans / Math.max(1, sentences),
        otherPerAnswerSentence: other / Math.max(1, answerSentences),
      };
      return [kind, score];
    }),
  ) as Record<SpanKind, KindScore>;

  return { kinds, misses, sentences: sentenceAgreement(tagger, data, articlesOf) };
}

function sentenceAgreement(
  tagger: SpanTagger,
  data: Labelled,
  articlesOf: (q: Labelled['questions'][number]) => Labelled['articles'],
): SentenceScore | null {
  const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
  const split = new Map<string, string[]>();
  let ours = 0;
  let theirs = 0;
  let same = 0;
  for (const a of data.articles)
    for (const p of paragraphsOf(a.text)) {
      const lib = tagger.sentences(p);
      if (lib === null) return null;
      split.set(p, lib);
      const mine = sentencesOf(p).map(fold);
      const left = new Map<string, number>();
      for (const s of mine) left.set(s, (left.get(s) ?? 0) + 1);
      for (const s of lib.map(fold)) {
        const n = left.get(s) ?? 0;
        if (n > 0) {
          same++;
          left.set(s, n - 1);
        }
      }
      ours += mine.length;
      theirs += lib.length;
    }
  let whole = 0;
  for (const q of data.questions) {
    const forms = q.forms.map(normaliseAnswer);
    const libSentences = articlesOf(q).flatMap((a) =>
      paragraphsOf(a.text).flatMap((p) => split.get(p) ?? []),
    );
    if (libSentences.some((s) => forms.some((f) => normaliseAnswer(s).includes(f)))) whole++;
  }
  return {
    precision: same / Math.max(1, theirs),
    recall: same / Math.max(1, ours),
    answerWhole: whole,
    questions: data.questions.length,
  };
}

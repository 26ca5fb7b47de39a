/**
 * @module core/answer-with-model
 * The model path of a question: the top passages go to the model, its answer is verified, and only
 * verified sentences and citations are returned. Any model failure gives the extractive answer with a
 * short note. Drafts stream to the asker at a bounded rate, without citations, and hold only what the
 * final answer could: each sentence the model finishes is verified as the answer is (its quotes found
 * in the passages given, none reading as instructions, its words carried by them) before it shows, so
 * no draft can show text the verified answer would drop, planted text included. With the reader's
 * kind judgments, a sentence must quote the name, date or count it gives for what was asked, and an
 * answer none of whose cited passages gives that kind of answer is not shown: the extractive answer
 * (which applies the same judgment to every sentence) is given instead, with a note.
 */
import type { Answer } from './answer.js';
import { type AnswerModel, fallbackNote, type ModelPassage, type ModelSentence } from './answer-model.js';
import type { AskOptions } from './briefing.js';
import { judgeFor } from './model-answer-kind.js';
import type { Clock, Logger } from './ports.js';
import type { SentenceReader } from './reader/answer-spans.js';
import type { RankedPassage } from './retrieve-passages.js';
import {
  DEFAULT_VERIFICATION,
  type GivenPassage,
  renderVerifiedAnswer,
  type VerificationTuning,
  verifyModelAnswer,
} from './verify-model-answer.js';

export interface ModelAnswering {
  model: AnswerModel;
  clock: Clock;
  logger: Logger;
  /** Passages given to the model (OPENAI_MAX_PASSAGES). */
  maxPassages: number;
  /** At most one onProgress call per this many milliseconds. */
  progressIntervalMs: number;
  verification?: VerificationTuning;
  /** Judges the kind of answer a passage gives (compromise); without it, kinds are not checked. */
  reader?: SentenceReader;
}

export const UNVERIFIED_NOTE =
  "The language model's answer did not hold up against the articles, so none of it is shown.";

/** The model's sentences held up, but none cited a passage giving the kind of answer asked for. */
export function notAnsweredNote(abstained: boolean): string {
  const why = "The language model's answer cited no passage that gives what was asked";
  return abstained
    ? `${why}; the articles were searched without it.`
    : `${why}; this answer is quoted from the articles.`;
}

export async function answerWithModel(
  question: string,
  options: AskOptions,
  ranked: RankedPassage[],
  counterpoints: RankedPassage[],
  extractive: Answer,
  deps: ModelAnswering,
): Promise<Answer> {
  const given = passagesForModel(ranked, counterpoints, deps.maxPassages);
  if (given.length === 0) return extractive;
  const progress = throttleProgress(options.onProgress, deps.clock, deps.progressIntervalMs, deps.logger);
  const tuning = deps.verification ?? DEFAULT_VERIFICATION;
  const judge = deps.reader ? judgeFor(question, deps.reader) : null;
  // Shown only once a kept sentence cites a passage that gives the kind of answer asked for: before
  // that, the final answer might still be the extractive one.
  const verifiedDraft = (sentences: ModelSentence[]) => {
    const partial = verifyModelAnswer(
      { sentences, disagreement: false, cannotAnswer: false, usage: null },
      given,
      tuning,
      judge,
    );
    return partial.answersQuestion ? partial.sentences.map((s) => s.text).join(' ') : '';
  };
  let draft: Awaited<ReturnType<AnswerModel['answer']>>;
  try {
    draft = await deps.model.answer({
      question,
      history: options.history ?? [],
      passages: given.map(toModelPassage),
      now: deps.clock.now().toISOString(),
      ...(progress ? { onPartial: (sentences: ModelSentence[]) => progress(verifiedDraft(sentences)) } : {}),
    });
  } catch (error) {
    deps.logger.warn('model answer failed; answering from quotes', {
      code: (error as { code?: string }).code ?? 'internal',
      reason: (error as { reason?: string }).reason ?? null,
      error: (error as Error).message,
    });
    return { ...extractive, note: fallbackNote(error, extractive.abstained) };
  }
  const verification = verifyModelAnswer(draft, given, tuning, judge);
  deps.logger.info('model answer verified', {
    model: deps.model.name,
    kept: verification.sentences.length,
    dropped: verification.dropped.map((d) => d.reason),
    removedCitations: verification.removedCitations.map((c) => c.problem),
    disagreement: verification.disagreement,
    answersQuestion: verification.answersQuestion,
    cannotAnswer: draft.cannotAnswer,
    totalTokens: draft.usage?.totalTokens ?? null,
  });
  // On-topic sentences citing no passage that gives a name, date or figure of the kind asked for are
  // a near miss: the extractive answer, gated the same way, answers or abstains instead.
  if (verification.sentences.length > 0 && !verification.answersQuestion)
    return { ...extractive, note: notAnsweredNote(extractive.abstained) };
  if (verification.sentences.length > 0) return renderVerifiedAnswer(question, verification);
  // No sentences at all is the model declining; sentences that all failed are a grounding failure.
  return abstention(question, extractive, verification.dropped.length === 0);
}

/** The model found nothing, or nothing it said held up: the bot says the articles don't answer. */
function abstention(question: string, extractive: Answer, modelDeclined: boolean): Answer {
  const note = modelDeclined ? null : UNVERIFIED_NOTE;
  const mode = modelDeclined ? 'llm' : 'extractive';
  // The extractive abstention lists the closest sources: verbatim quotes, safe to keep.
  if (extractive.abstained) return { ...extractive, mode, note };
  const asked = question.trim().replace(/\s+/g, ' ');
  const text = `The indexed articles don't say: nothing in them answers "${asked}".`;
  return {
    question,
    answer: text,
    abstained: true,
    mode,
    sentences: [{ text, citations: [] }],
    citations: [],
    disagreement: false,
    note,
  };
}

/**
 * Top passages first, with up to two places kept for counterpoints (a report that declines to give
 * the figure others give), then other outlets' copies of the top passages while there is room.
 */
export function passagesForModel(
  ranked: RankedPassage[],
  counterpoints: RankedPassage[],
  max: number,
): GivenPassage[] {
  const seen = new Set(
    ranked.slice(0, max).flatMap((r) => [r.passage.id, ...r.duplicates.map((d) => d.passage.id)]),
  );
  const extra = counterpoints.filter((c) => !seen.has(c.passage.id)).slice(0, Math.min(2, max - 1));
  const top = ranked.slice(0, max - extra.length);
  const copies = top.flatMap((r) => r.duplicates);
  const hits = [...top, ...extra, ...copies].slice(0, max);
  return hits.map((hit, i) => ({ n: i + 1, article: hit.article, text: hit.passage.text }));
}

function toModelPassage(p: GivenPassage): ModelPassage {
  return {
    n: p.n,
    title: p.article.title,
    source: p.article.source,
    publishedAt: p.article.publishedAt,
    text: p.text,
  };
}

const MENTIONS = /@(everyone|here|channel)\b|<[@!#][^>]*>/gi;

/**
 * onProgress at most once per interval, with mentions and [n] markers removed: partial text is
 * unverified, so it may say anything the final answer will not.
 */
export function throttleProgress(
  onProgress: ((partialText: string) => void) | undefined,
  clock: Clock,
  intervalMs: number,
  logger: Logger,
): ((text: string) => void) | undefined {
  if (!onProgress) return undefined;
  let last = Number.NEGATIVE_INFINITY;
  let previous = '';
  return (raw) => {
    const text = raw
      .replace(MENTIONS, '')
      .replace(/\[\d+\]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    const now = clock.now().getTime();
    if (!text || text === previous || now - last < intervalMs) return;
    last = now;
    previous = text;
    try {
      onProgress(text);
    } catch (error) {
      logger.warn('progress callback failed', { error: (error as Error).message });
    }
  };
}

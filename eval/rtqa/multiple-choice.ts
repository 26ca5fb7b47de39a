/**
 * @module eval/rtqa/multiple-choice
 * Multiple-choice accuracy's one rule: each option scores its whole-word occurrences in the top
 * retrieved passages, weighted 1/rank, and the best score wins. No score, or a tie at the top, is no
 * pick (and counts as wrong): a guess would flatter retrieval that found nothing.
 */
import { answerForm, countForm, matchingForm } from './answer-match.js';

/** How many retrieved passages the rule looks at. */
export const MC_PASSAGES = 10;

export interface ChoicePick {
  /** Index into the choices, or null when no option is best supported. */
  index: number | null;
  scores: number[];
}

/** @param passages retrieved passage texts, best first. */
export function pickChoice(
  choices: readonly string[],
  passages: readonly string[],
  depth = MC_PASSAGES,
): ChoicePick {
  const forms = passages.slice(0, depth).map(matchingForm);
  const scores = choices.map((choice) => {
    const needle = answerForm(choice);
    return forms.reduce((sum, text, rank) => sum + countForm(text, needle) / (rank + 1), 0);
  });
  const best = Math.max(0, ...scores);
  const leaders = scores.flatMap((s, i) => (s === best ? [i] : []));
  return { index: best > 0 && leaders.length === 1 ? (leaders[0] ?? null) : null, scores };
}

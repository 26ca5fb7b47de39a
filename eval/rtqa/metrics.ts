/**
 * @module eval/rtqa/metrics
 * Pure scoring: where the first relevant page sits in a ranking, Hit@k and MRR@k over a set of
 * questions, shares with an honest "undefined" when nothing was counted, and latency percentiles.
 */

export const MRR_K = 10;

/** 1-based rank of the first item of `ranked` that is in `relevant`, or null when none is. */
export function firstHitRank(ranked: readonly string[], relevant: ReadonlySet<string>): number | null {
  const at = ranked.findIndex((id) => relevant.has(id));
  return at < 0 ? null : at + 1;
}

export interface RetrievalScores {
  'hit@1': number | null;
  'hit@3': number | null;
  'hit@5': number | null;
  'hit@10': number | null;
  'mrr@10': number | null;
}

/** Hit@k and MRR@10 from each question's first-hit rank (null = no relevant page retrieved). */
export function retrievalScores(ranks: readonly (number | null)[]): RetrievalScores {
  const hit = (k: number) => share(ranks.filter((r) => r !== null && r <= k).length, ranks.length);
  const reciprocal = ranks.reduce<number>((sum, r) => sum + (r !== null && r <= MRR_K ? 1 / r : 0), 0);
  return {
    'hit@1': hit(1),
    'hit@3': hit(3),
    'hit@5': hit(5),
    'hit@10': hit(10),
    'mrr@10': ranks.length === 0 ? null : reciprocal / ranks.length,
  };
}

/** `part / whole`, or null when there is nothing to divide by (a rate of nothing is not zero). */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Share of `items` for which `test` holds, or null for an empty list. */
export function shareOf<T>(items: readonly T[], test: (item: T) => boolean): number | null {
  return share(items.filter(test).length, items.length);
}

/** The p-th percentile (0..100) by linear interpolation between closest ranks; null for no samples. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const pos = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lower = Math.floor(pos);
  const upper = Math.ceil(pos);
  const low = sorted[lower] ?? 0;
  const high = sorted[upper] ?? low;
  return low + (high - low) * (pos - lower);
}

export interface AbstentionScores {
  /** Share of clean abstention questions on which the bot abstained. */
  recall: number | null;
  /** Share of the bot's abstentions (over both clean subsets) that fell on clean abstention questions. */
  precision: number | null;
}

export function abstentionScores(
  outcomes: readonly { cleanAbstention: boolean; cleanAnswerable: boolean; abstained: boolean }[],
): AbstentionScores {
  const shouldAbstain = outcomes.filter((o) => o.cleanAbstention);
  const abstentions = outcomes.filter((o) => o.abstained && (o.cleanAbstention || o.cleanAnswerable));
  return {
    recall: shareOf(shouldAbstain, (o) => o.abstained),
    precision: shareOf(abstentions, (o) => o.cleanAbstention),
  };
}

/** Rounds a fraction or a latency for reports; null stays null. */
export function round(value: number | null, digits = 4): number | null {
  if (value === null) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

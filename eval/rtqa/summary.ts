/**
 * @module eval/rtqa/summary
 * Turns per-question records into the report's numbers: each system's retrieval over the clean
 * answerable subset, Briefbot's answering scores, and the questions outside the clean subsets.
 */
import type { BriefbotScores, RankingRecord, RtqaRecord, RtqaReport, SystemScores } from './eval-record.js';
import { abstentionScores, percentile, retrievalScores, round, shareOf } from './metrics.js';

export function systemScores(
  rankings: readonly RankingRecord[],
  timed: readonly RankingRecord[],
): SystemScores {
  const strict = retrievalScores(rankings.map((r) => r.hit_rank));
  const lenient = retrievalScores(rankings.map((r) => r.hit_rank_lenient));
  const times = timed.flatMap((r) => (r.ms === null ? [] : [r.ms]));
  return {
    'hit@1': round(strict['hit@1']),
    'hit@3': round(strict['hit@3']),
    'hit@5': round(strict['hit@5']),
    'hit@10': round(strict['hit@10']),
    'mrr@10': round(strict['mrr@10']),
    'lenient_hit@1': round(lenient['hit@1']),
    'lenient_hit@3': round(lenient['hit@3']),
    'lenient_hit@5': round(lenient['hit@5']),
    'lenient_hit@10': round(lenient['hit@10']),
    'lenient_mrr@10': round(lenient['mrr@10']),
    p50_ms: round(percentile(times, 50), 3),
    p95_ms: round(percentile(times, 95), 3),
  };
}

export function briefbotScores(records: readonly RtqaRecord[]): BriefbotScores {
  const answerable = records.filter((r) => r.clean_answerable);
  const abstention = abstentionScores(
    records.map((r) => ({
      cleanAbstention: r.clean_abstention,
      cleanAnswerable: r.clean_answerable,
      abstained: r.abstained,
    })),
  );
  return {
    ...systemScores(answerable, records),
    containment: round(shareOf(answerable, (r) => r.containment)),
    mc_accuracy: round(shareOf(answerable, (r) => r.mc_correct)),
    abstention_recall: round(abstention.recall),
    abstention_precision: round(abstention.precision),
    citation_validity: round(shareOf(records, (r) => r.citation_validity)),
  };
}

/** Scores of a peer, read from the records' `peers` entries. */
export function peerScores(records: readonly RtqaRecord[], name: string): SystemScores {
  const of = (rs: readonly RtqaRecord[]) => rs.flatMap((r) => (r.peers[name] ? [r.peers[name]] : []));
  return systemScores(of(records.filter((r) => r.clean_answerable)), of(records));
}

export function otherScores(records: readonly RtqaRecord[]): RtqaReport['other'] {
  const doubtfulAnswerable = records.filter((r) => r.answerable && !r.clean_answerable);
  const doubtfulUnanswerable = records.filter((r) => !r.answerable && !r.clean_abstention);
  return {
    doubtful_answerable: {
      questions: doubtfulAnswerable.length,
      'lenient_hit@5': round(
        shareOf(doubtfulAnswerable, (r) => r.hit_rank_lenient !== null && r.hit_rank_lenient <= 5),
      ),
      containment: round(shareOf(doubtfulAnswerable, (r) => r.containment)),
      abstention_rate: round(shareOf(doubtfulAnswerable, (r) => r.abstained)),
      mc_accuracy: round(shareOf(doubtfulAnswerable, (r) => r.mc_correct)),
    },
    doubtful_unanswerable: {
      questions: doubtfulUnanswerable.length,
      abstention_rate: round(shareOf(doubtfulUnanswerable, (r) => r.abstained)),
    },
  };
}

export function bySource(records: readonly RtqaRecord[]): RtqaReport['by_source'] {
  const sources = [...new Set(records.map((r) => r.source))].sort();
  return Object.fromEntries(
    sources.map((source) => {
      const mine = records.filter((r) => r.source === source);
      const answerable = mine.filter((r) => r.clean_answerable);
      const abstention = mine.filter((r) => r.clean_abstention);
      return [
        source,
        {
          clean_answerable: answerable.length,
          'hit@5': round(shareOf(answerable, (r) => r.hit_rank !== null && r.hit_rank <= 5)),
          containment: round(shareOf(answerable, (r) => r.containment)),
          wrong_abstention_rate: round(shareOf(answerable, (r) => r.abstained)),
          clean_abstention: abstention.length,
          abstention_recall: round(shareOf(abstention, (r) => r.abstained)),
        },
      ];
    }),
  );
}

/**
 * Citation counts, and the README's proxy for support: an answered clean answerable question cites a
 * page that contains the gold answer (near the question's words, for strict).
 */
export function citationScores(records: readonly RtqaRecord[]): RtqaReport['citations'] {
  const answered = records.filter((r) => r.clean_answerable && !r.abstained);
  const all = records.flatMap((r) => r.citations);
  return {
    answers: records.length,
    citations: all.length,
    valid_citations: all.filter((c) => c.valid).length,
    support_strict: round(shareOf(answered, (r) => r.cites_support)),
    support_lenient: round(shareOf(answered, (r) => r.cites_support_lenient)),
  };
}

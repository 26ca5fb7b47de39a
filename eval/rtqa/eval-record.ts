/**
 * @module eval/rtqa/eval-record
 * The `--json` interface: one record per question and the report around them. Outside checks read
 * this shape; keys are snake_case, fractions are 0..1, times are milliseconds.
 */

/** One system's ranking for one question. */
export interface RankingRecord {
  /** Page ids, best first, top 10. */
  ranked_doc_ids: string[];
  /** 1-based rank of the first page in `support_doc_ids` (strict), null when none is retrieved. */
  hit_rank: number | null;
  /** The same against `doc_ids` (lenient). */
  hit_rank_lenient: number | null;
  /** Query time; null for the precomputed Google ranking. */
  ms: number | null;
}

export interface CitationRecord {
  doc_id: string | null;
  quote: string;
  /** The quote occurs verbatim in the cited page's stored text. */
  valid: boolean;
}

export interface RtqaRecord extends RankingRecord {
  id: string;
  week: string;
  split: 'dev' | 'test';
  source: string;
  question_date: string;
  question: string;
  answers: string[];
  clean_answerable: boolean;
  clean_abstention: boolean;
  answerable: boolean;
  supported: boolean;
  answer_match: 'exact' | 'partial' | 'none';
  weak_answer: boolean;
  answer: string;
  abstained: boolean;
  /** Who wrote the answer: the model (`--model`), or quotes (offline, or the model's fallback). */
  mode: 'extractive' | 'llm';
  /** The answer's remark to the reader, e.g. why the model was not used this time; null when none. */
  note: string | null;
  /** A gold answer occurs in the (non-abstaining) answer, by the data set's string test. */
  containment: boolean;
  mc_choice: string | null;
  mc_correct: boolean;
  /** Every citation's quote is verbatim in its page, and an answer that is not an abstention cites something. */
  citation_validity: boolean;
  citations: CitationRecord[];
  /** A citation points at a page in `support_doc_ids` (the README's proxy for a supporting citation). */
  cites_support: boolean;
  /** A citation points at a page in `doc_ids`. */
  cites_support_lenient: boolean;
  /** Peer rankings, by system name (only what was run). */
  peers: Record<string, RankingRecord>;
}

export interface SystemScores {
  'hit@1': number | null;
  'hit@3': number | null;
  'hit@5': number | null;
  'hit@10': number | null;
  'mrr@10': number | null;
  'lenient_hit@1': number | null;
  'lenient_hit@3': number | null;
  'lenient_hit@5': number | null;
  'lenient_hit@10': number | null;
  'lenient_mrr@10': number | null;
  p50_ms: number | null;
  p95_ms: number | null;
}

export interface BriefbotScores extends SystemScores {
  containment: number | null;
  mc_accuracy: number | null;
  abstention_recall: number | null;
  abstention_precision: number | null;
  citation_validity: number | null;
}

export interface RtqaReport {
  split: 'dev' | 'test' | 'all';
  questions: number;
  subsets: { clean_answerable: number; clean_abstention: number; other: number };
  systems: { briefbot: BriefbotScores } & Record<string, SystemScores>;
  /** The questions outside both clean subsets, reported apart from the headline. */
  other: {
    doubtful_answerable: {
      questions: number;
      'lenient_hit@5': number | null;
      containment: number | null;
      abstention_rate: number | null;
      mc_accuracy: number | null;
    };
    doubtful_unanswerable: { questions: number; abstention_rate: number | null };
  };
  by_source: Record<
    string,
    {
      clean_answerable: number;
      'hit@5': number | null;
      containment: number | null;
      wrong_abstention_rate: number | null;
      clean_abstention: number;
      abstention_recall: number | null;
    }
  >;
  citations: {
    answers: number;
    citations: number;
    valid_citations: number;
    /** Share of answered clean answerable questions whose citations include a support (strict) page. */
    support_strict: number | null;
    support_lenient: number | null;
  };
  mc: { undecided: number | null };
  /** The model path (`--model`); null for the offline extractive run. */
  model: {
    chat_model: string;
    embedding_model: string | null;
    /** Share of all answers written (or declined) by the model rather than quoted. */
    answered_by_model: number | null;
    /** Answers that fell back to quotes because the model failed or its answer did not hold up. */
    fallbacks: number;
    /** Passages embedded for hybrid retrieval, of all passages; null without an embedding model. */
    embedded_passages: number | null;
  } | null;
  ingest: {
    weeks: number;
    pages: number;
    articles: number;
    passages: number;
    folded_pages: number;
    unmapped_pages: string[];
    origin_collisions: number;
    failures: number;
  };
  run: { seconds: number; node: string; cpus: number; cpu_model: string; workers: number; peers: boolean };
  records: RtqaRecord[];
}

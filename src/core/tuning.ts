/**
 * @module core/tuning
 * Every number that ranks passages or gates and composes an answer, in one place, each with the range
 * it may take and the evaluation run that set it (minisearch's `BM25Params` is the model: documented
 * defaults a caller may override). Runs named here are in docs/EVALUATION.md: "rtqa dev" is
 * `npm run eval -- --split dev`, "pages tuning" `npm run eval:pages -- --data ../shared/data/realpages-dev`
 * (its tuning part), "seeds" `npm run eval:seeds`.
 */

export interface RetrievalTuning {
  /** BM25 candidates fetched before re-ranking. 20–100; 40 (rtqa dev: 80–100 changed nothing). */
  candidates: number;
  /** Weight of BM25 (normalised by the best candidate) in the re-ranking. 0.4–0.8; 0.55 (rtqa dev). */
  bm25Weight: number;
  /** Weight of coverage (share of the question's IDF weight held). 1 − bm25Weight; 0.45 (rtqa dev). */
  coverageWeight: number;
  /** Bonus for an article's first passage. 0–0.1; 0.04 (rtqa dev). */
  leadBonus: number;
  /** Weight of freshness when the question asks for the latest news. 0–0.4; 0.2 (rtqa dev). */
  recencyWeight: number;
  /** Word-trigram Jaccard above which two passages are copies of each other. 0.3–0.8; 0.5 (seeds). */
  duplicateJaccard: number;
  /** Weight of thread-context terms relative to the question's own. 0–1; 0.5 (conversation tests). */
  contextWeight: number;
  /** Bonus for a passage that states the kind of fact asked for. 0–0.2; 0.08 (rtqa dev). */
  kindBonus: number;
  /** Weight of freshness for every question. 0–0.4; 0.2 (rtqa dev, half-life sweep). */
  freshnessWeight: number;
  /** Days over which freshness halves. 7–90; 30 (rtqa dev). */
  freshnessHalfLifeDays: number;
  /** Coverage a passage needs before its freshness counts. 0–0.5; 0.25 (rtqa dev, 0.2–0.3 equal). */
  freshnessMinCoverage: number;
}

export const DEFAULT_RETRIEVAL: RetrievalTuning = {
  candidates: 40,
  bm25Weight: 0.55,
  coverageWeight: 0.45,
  leadBonus: 0.04,
  recencyWeight: 0.2,
  duplicateJaccard: 0.5,
  contextWeight: 0.5,
  kindBonus: 0.08,
  freshnessWeight: 0.2,
  freshnessHalfLifeDays: 30,
  freshnessMinCoverage: 0.25,
};

export interface AnswerTuning {
  /** Sentences in an answer (the other side of a disagreement may add one). 1–4; 3 (seeds). */
  maxSentences: number;
  /** Ranked passages whose sentences are candidates. 4–20; 12 (rtqa dev). */
  passages: number;
  /** Sentence score: weight of the sentence's own coverage. 0.5–1; 0.75 (rtqa dev). */
  sentenceCoverageWeight: number;
  /** Sentence score: weight of its passage's coverage (title included). 0–0.5; 0.25 (rtqa dev). */
  passageCoverageWeight: number;
  /** Sentence score: weight of consecutive question terms kept close ("CEO of AWS"). 0–0.2; 0.1 (seeds). */
  proximityWeight: number;
  /** Sentence score: bonus when it states the kind of answer asked for. 0–0.3; 0.15 (seeds, pages tuning). */
  kindFitBonus: number;
  /** Sentence score: penalty when it does not. 0–0.3; 0.1 (seeds). */
  kindMissPenalty: number;
  /** Sentence score: weight of its passage's rank (first passage 1, last 0). 0–0.2; 0.1 (rtqa dev). */
  rankWeight: number;
  /** Sentence score: weight of names and figures it adds to the question (0..1). 0–0.2; 0.1 (rtqa dev). */
  noveltyBonus: number;
  /**
   * Sentence score, asked what an acronym stands for: bonus for spelling it out ("Hungry, Angry,
   * Lonely, or Tired" for "HALT"), where other sentences only mention it (those lose
   * `kindMissPenalty`). 0–0.3; 0.2 (pages tuning: it must lift a sentence
   * holding a third of the question above one holding 60% of it).
   */
  spelledOutBonus: number;
  /** Sentence score: penalty for a quote longer than `longQuoteChars`. 0–0.1; 0.05 (seeds). */
  longQuotePenalty: number;
  longQuoteChars: number;
  /**
   * Gate, question asking for recent news ("latest", "this week"): a sentence from an article older
   * than `freshDays` (or undated) is evidence only when it carries this share of the question's own
   * weight. 0.4–0.8; 0.6 (rtqa dev).
   */
  minCoverage: number;
  /** Gate, recent-news question: the bar for a sentence from fresh news. 0.2–0.6; 0.4 (rtqa dev). */
  minFreshCoverage: number;
  /** Gate, recent-news question: fresh evidence also by its passage's coverage. 0.2–0.6; 0.4 (rtqa dev). */
  minFreshPassageCoverage: number;
  /** Days within which news is fresh, for recent-news questions. 7–120; 60 (rtqa dev). */
  freshDays: number;
  /**
   * Gate, any other question: a sentence is evidence when it carries this share of the question's own
   * weight... 0.2–0.6; 0.4 (pages tuning).
   */
  minSentenceCoverage: number;
  /**
   * ...or carries `minSupportedCoverage` and its context (the sentence beside it, its passage, the
   * article's title and outlet) carries `minContextCoverage`. 0.1–0.4 / 0.3–0.8; 0.2 / 0.5 (pages tuning).
   */
  minSupportedCoverage: number;
  minContextCoverage: number;
  /**
   * Gate: share of its weight a question term keeps when no passage of the store holds it (a nickname,
   * a typo, "jwz"): no sentence can carry it, so at full weight (the highest IDF) it would sink every
   * sentence below the bars. Not 0: a question about something the store never mentions must still
   * fall short. Only when such terms are at most `maxAbsentTermsShare` of the question's terms
   * (several unknown words, "best recipe for lasagna", mean the store does not cover the question).
   * 0–1; 0.25 (pages tuning: 0.5 gained one question less, 0 answered a near miss).
   */
  absentTermShare: number;
  /**
   * Gate: the largest share of the question's terms that may be unknown to the store for
   * `absentTermShare` to apply. 0–0.34; 0.2, one word in five (seeds: without the limit four of ten
   * near misses, "Who won the 2022 World Cup?" among them, were answered).
   */
  maxAbsentTermsShare: number;
  /** How many of the best-scored sentences may serve as evidence. 1–12; 8 (rtqa dev). */
  gateCandidates: number;
  /** Further sentences must score at least this share of the best one. 0.5–1; 0.8 (seeds). */
  relativeKeep: number;
  /** Content-term Jaccard above which two sentences state the same fact. 0.3–0.7; 0.45 (seeds). */
  sameFactJaccard: number;
  /** Content-term Jaccard above which two different figures are about the same thing. 0.2–0.5; 0.3 (seeds). */
  otherFigureJaccard: number;
  /**
   * A sentence of another article that declines to give the answer's figure or gives another one is
   * shown as the other side when it (or its passage) carries this share of the question. 0.4–0.8; 0.6
   * (seeds).
   */
  minOtherSideCoverage: number;
  /**
   * How many of the best-scored sentences are read for another article's different answer to the
   * question ("Sources disagree."). 8–40; 16, set by hand (the tuning sets hold no such case: seeds,
   * pages tuning and rtqa dev flag no answer at 16).
   */
  otherAnswerCandidates: number;
  /**
   * Word-trigram Jaccard of two articles' retrieved text beside the sentences compared above which
   * they are copies of one story (syndicated, or an update of one report): what they differ on is then
   * no disagreement of sources. 0.3–0.8; 0.5, set by hand as retrieval's `duplicateJaccard` (the tuning
   * sets hold no such case).
   */
  copyJaccard: number;
  /** Longest quote; a longer sentence is cut at clause boundaries, verbatim. 160–400; 260 (seeds). */
  maxQuoteChars: number;
  /**
   * A longer sentence is quoted whole, up to this length, when every cut would lose some of the
   * question's words. maxQuoteChars–500; 400 (pages tuning).
   */
  maxWholeSentenceChars: number;
  /** Sources listed with an abstention. 0–5; 3. */
  closestSources: number;
}

export const DEFAULT_ANSWER: AnswerTuning = {
  maxSentences: 3,
  passages: 12,
  sentenceCoverageWeight: 0.75,
  passageCoverageWeight: 0.25,
  proximityWeight: 0.1,
  kindFitBonus: 0.15,
  kindMissPenalty: 0.1,
  rankWeight: 0.1,
  noveltyBonus: 0.1,
  spelledOutBonus: 0.2,
  longQuotePenalty: 0.05,
  longQuoteChars: 280,
  minCoverage: 0.6,
  minFreshCoverage: 0.4,
  minFreshPassageCoverage: 0.4,
  freshDays: 60,
  minSentenceCoverage: 0.4,
  minSupportedCoverage: 0.2,
  minContextCoverage: 0.5,
  absentTermShare: 0.25,
  maxAbsentTermsShare: 0.2,
  gateCandidates: 8,
  relativeKeep: 0.8,
  sameFactJaccard: 0.45,
  otherFigureJaccard: 0.3,
  minOtherSideCoverage: 0.6,
  otherAnswerCandidates: 16,
  copyJaccard: 0.5,
  maxQuoteChars: 260,
  maxWholeSentenceChars: 400,
  closestSources: 3,
};

/**
 * What the sentence reader (`reader/answer-spans.ts` and the checks it calls) counts as a name or as
 * one word's forms. Set by hand when the checks were written (9186558, c37b9da); the runs below
 * measured them since.
 */
export interface ReaderTuning {
  /**
   * Longest run of capitalised words read as a person's name when compromise does not know it for
   * one ("Alse Young", "Ursula von der Leyen"); a longer run is a title or an organisation ("Facebook
   * Consumer Privacy User Profile Litigation"). 3–7; 5 (mine tuning, pages tuning).
   */
  maxPersonNameWords: number;
  /**
   * Letters two index terms must share from their start to be one word's forms ("exonerating",
   * "exoneration"), when the reader asks whether a quote names the asked event. 4–7; 5 (mine tuning).
   */
  sameWordStemLetters: number;
}

export const DEFAULT_READER: ReaderTuning = {
  maxPersonNameWords: 5,
  sameWordStemLetters: 5,
};

/**
 * How the PostgreSQL store bounds a search's work (store/postgres/pg-champion-search.ts). They change
 * a ranking only where the lists do not prove it exact; docs/BENCHMARKS.md ("Champion lists") gives
 * how often and how close, from `npx tsx bench/pg-ranking-agreement.ts` on the 10k bench database.
 */
export interface PgSearchTuning {
  /**
   * Passages kept per common term, best by its BM25 weight; a term holding no more has no list, and
   * its passages are found through GIN. A query scores at most this many candidates per term.
   * 100–1,000; 200 (bench:pg 10k: 2,244 lists, 79 MB). A new value applies as lists are refreshed.
   */
  championListSize: number;
  /**
   * List candidates scored in full, best first by what their list entries add up to (at least the
   * number asked for). 200–5,000; 800 (10k: top-10 agreement with full scoring 93.0%, against 90.8%
   * at 400 and 97.6% scoring every list candidate; search p95 147 ms against 107 ms at 400).
   */
  rescoredCandidates: number;
  /**
   * When the lists do not prove the top k, the passages an extra exact pass may score (document
   * frequencies of the terms that could still lift one, plus list candidates left unscored that could).
   * 0–20,000; 1,000 (10k, 400 rescored: 5,000 proved 292 of 630 searches this way, not 47, for +2.9
   * points of top-10 agreement at 3.6× the p95).
   */
  exactPassPassages: number;
}

export const DEFAULT_PG_SEARCH: PgSearchTuning = {
  championListSize: 200,
  rescoredCandidates: 800,
  exactPassPassages: 1_000,
};

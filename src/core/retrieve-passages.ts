/**
 * @module core/retrieve-passages
 * Retrieval: BM25 candidates from the store, re-ranked by how much of the question each passage
 * covers (IDF-weighted, title included), lead position and recency, then de-duplicated so that five
 * outlets' copies of one sentence take one place in the ranking (the copies are kept for citations).
 */
import type { PassageHit } from './article.js';
import type { ArticleStore } from './ports.js';
import type { Query } from './query.js';
import { statesKind } from './text/facts.js';
import { variantsOf } from './text/synonyms.js';
import { tokenize } from './text/tokenize.js';
import { DEFAULT_RETRIEVAL, type RetrievalTuning } from './tuning.js';

export interface RankedPassage extends PassageHit {
  /** Share of the question's IDF weight found in the passage or its title, 0..1. */
  coverage: number;
  /** Index terms of the passage text (for sentence scoring downstream). */
  terms: ReadonlySet<string>;
  /** Near-identical passages from other articles, ranked lower and folded into this one. */
  duplicates: PassageHit[];
}

export { DEFAULT_RETRIEVAL, type RetrievalTuning } from './tuning.js';

/**
 * 1 for news from "now", halving every `halfLifeDays` before it; an article without a date counts as
 * a month old, neither favoured nor buried.
 */
export function freshnessOf(publishedAt: string | null, now: number, halfLifeDays: number): number {
  const published = publishedAt ? Date.parse(publishedAt) : Number.NaN;
  const ageDays = Number.isNaN(published) ? halfLifeDays : Math.max(0, (now - published) / 86_400_000);
  return 0.5 ** (ageDays / halfLifeDays);
}

const IDF_FLOOR = 0.5;

/**
 * What each query term is worth: its IDF (thread-context terms discounted), and the words that
 * satisfy it (the term and its synonyms).
 */
export interface TermWeights {
  weights: Map<string, number>;
  variants: Map<string, string[]>;
  total: number;
  /** The question's own terms (not those borrowed from the thread). */
  own: ReadonlySet<string>;
  /**
   * Terms that no passage of the store holds (nor any of their synonyms): no sentence can carry them,
   * so the answer gate discounts them (`AnswerTuning.absentTermShare`). Unknown when absent.
   */
  absent?: ReadonlySet<string>;
}

/** The query's term weights: the document frequencies are read from the store, then weighed. */
export async function termWeights(
  store: ArticleStore,
  query: Query,
  tuning = DEFAULT_RETRIEVAL,
): Promise<TermWeights> {
  const counted = [...query.terms, ...query.contextTerms].flatMap(variantsOf);
  return weighTerms(query, await store.documentFrequencies(counted), tuning);
}

/** `termWeights` from document frequencies already read (pure). */
export function weighTerms(
  query: Query,
  { total, frequencies }: { total: number; frequencies: Map<string, number> },
  tuning = DEFAULT_RETRIEVAL,
): TermWeights {
  const all = [...query.terms, ...query.contextTerms];
  const variants = new Map(all.map((term) => [term, variantsOf(term)]));
  const weights = new Map<string, number>();
  for (const term of all) {
    const df = frequencies.get(term) ?? 0;
    // The floor keeps a word that most passages share (in a small, single-story corpus) from
    // counting for nothing: it still tells what the question is about.
    const idf = Math.max(IDF_FLOOR, Math.log(1 + (total - df + 0.5) / (df + 0.5)));
    weights.set(term, query.terms.includes(term) ? idf : idf * tuning.contextWeight);
  }
  // A long thread context (a digest's headlines) must not outweigh the question itself: together the
  // context terms weigh at most as much as the question's own.
  let ownTotal = 0;
  let contextTotal = 0;
  for (const [term, w] of weights) {
    if (query.terms.includes(term)) ownTotal += w;
    else contextTotal += w;
  }
  if (ownTotal > 0 && contextTotal > ownTotal) {
    const scale = ownTotal / contextTotal;
    for (const [term, w] of weights) if (!query.terms.includes(term)) weights.set(term, w * scale);
  }
  let sum = 0;
  for (const w of weights.values()) sum += w;
  const absent = new Set(
    all.filter((term) => (variants.get(term) ?? [term]).every((v) => (frequencies.get(v) ?? 0) === 0)),
  );
  return { weights, variants, total: sum, own: new Set(query.terms), absent };
}

/** Every index term the search should look for: the query's terms and their synonyms. */
export function searchTerms(weights: TermWeights): string[] {
  return [...new Set([...weights.variants.values()].flat())];
}

/**
 * Share of the question's own weight (thread context left out) found in `terms`: what decides whether
 * a sentence answers the question, since context terms only say which story it is about. A term that
 * no passage of the store holds counts at `absentShare` of its weight.
 */
export function ownCoverageOf(terms: ReadonlySet<string>, weights: TermWeights, absentShare = 1): number {
  let total = 0;
  let found = 0;
  for (const [term, full] of weights.weights) {
    if (!weights.own.has(term)) continue;
    const w = weights.absent?.has(term) ? full * absentShare : full;
    total += w;
    if ((weights.variants.get(term) ?? [term]).some((v) => terms.has(v))) found += w;
  }
  return total === 0 ? 0 : found / total;
}

/** Share of the query's weight whose term (or a synonym) occurs in `terms`, 0..1. */
export function coverageOf(terms: ReadonlySet<string>, weights: TermWeights): number {
  if (weights.total === 0) return 0;
  let found = 0;
  for (const [term, w] of weights.weights) {
    if ((weights.variants.get(term) ?? [term]).some((v) => terms.has(v))) found += w;
  }
  return found / weights.total;
}

/** BM25 candidates fetched from the store, then ranked (`rankPassages`). */
export async function retrievePassages(
  store: ArticleStore,
  query: Query,
  weights: TermWeights,
  limit: number,
  tuning: RetrievalTuning = DEFAULT_RETRIEVAL,
): Promise<RankedPassage[]> {
  const terms = searchTerms(weights);
  if (terms.length === 0) return [];
  const hits = await store.searchPassages({
    terms,
    limit: Math.max(tuning.candidates, limit),
    ...(query.since ? { since: query.since } : {}),
  });
  return rankPassages(hits, query, weights, limit, tuning);
}

/** Re-ranks the store's BM25 candidates and folds copies together (pure: no store). */
export function rankPassages(
  hits: PassageHit[],
  query: Query,
  weights: TermWeights,
  limit: number,
  tuning: RetrievalTuning = DEFAULT_RETRIEVAL,
): RankedPassage[] {
  if (hits.length === 0) return [];
  const maxScore = Math.max(...hits.map((h) => h.score)) || 1;
  const now = Date.parse(query.now);
  const titleTerms = new Map<string, string[]>();

  const scored = hits.map((hit) => {
    const { terms: own, shingles } = analysePassage(hit.passage.id, hit.passage.text);
    let title = titleTerms.get(hit.article.id);
    if (!title) {
      title = tokenize(hit.article.title);
      titleTerms.set(hit.article.id, title);
    }
    // A term found only in the title counts half: the title says what the whole article is about,
    // not what this passage says.
    const coverage = 0.5 * coverageOf(own, weights) + 0.5 * coverageOf(new Set([...own, ...title]), weights);
    const kindFit =
      query.kind !== 'general' && statesKind(hit.passage.text, query.kind) ? tuning.kindBonus : 0;
    const freshness = freshnessOf(hit.article.publishedAt, now, tuning.freshnessHalfLifeDays);
    const score =
      tuning.bm25Weight * (hit.score / maxScore) +
      tuning.coverageWeight * coverage +
      kindFit +
      (hit.passage.ordinal === 0 ? tuning.leadBonus : 0) +
      // Freshness favours only passages about the question: a fresh story that shares a common word
      // with it ("the nation's archivist" for "which Pacific island nation…") must not push older
      // pages about it down.
      (coverage >= tuning.freshnessMinCoverage
        ? (query.recency ? tuning.recencyWeight : tuning.freshnessWeight) * freshness
        : 0);
    return {
      ...hit,
      score,
      coverage,
      terms: own,
      duplicates: [] as PassageHit[],
      shingles,
    };
  });
  scored.sort((a, b) => b.score - a.score);

  const kept: (typeof scored)[number][] = [];
  for (const candidate of scored) {
    const original = kept.find(
      (k) =>
        k.article.id !== candidate.article.id &&
        jaccard(k.shingles, candidate.shingles) >= tuning.duplicateJaccard,
    );
    if (original) original.duplicates.push(candidate);
    else kept.push(candidate);
  }
  return kept.slice(0, limit).map(({ shingles: _s, ...passage }) => passage);
}

/**
 * Passages that hold any of `terms` (e.g. "disclosed") and are about the question all the same: how a
 * report that declines to give a figure is found, since it rarely repeats the question's words.
 */
export async function findPassagesAbout(
  store: ArticleStore,
  terms: string[],
  weights: TermWeights,
  minCoverage: number,
  limit: number,
): Promise<RankedPassage[]> {
  const found: RankedPassage[] = [];
  for (const hit of await store.searchPassages({ terms, limit: limit * 5 })) {
    const own = new Set(tokenize(hit.passage.text));
    const coverage =
      0.5 * coverageOf(own, weights) +
      0.5 * coverageOf(new Set([...own, ...tokenize(hit.article.title)]), weights);
    if (coverage >= minCoverage) found.push({ ...hit, coverage, terms: own, duplicates: [] });
    if (found.length >= limit) break;
  }
  return found;
}

/**
 * A passage's index terms and shingles, memoised by passage id: the same passages come back for query
 * after query, and tokenising them is most of a search's cost. SQLite may give a deleted passage's id
 * to a new one, so an entry is used only while its text is the same.
 */
const PASSAGE_CACHE_LIMIT = 4_000;
const passageCache = new Map<number, { text: string; terms: Set<string>; shingles: Set<string> }>();

function analysePassage(id: number, text: string): { terms: Set<string>; shingles: Set<string> } {
  let entry = passageCache.get(id);
  if (entry === undefined || entry.text !== text) {
    const words = tokenize(text);
    entry = { text, terms: new Set(words), shingles: shinglesOfWords(words) };
    if (passageCache.size >= PASSAGE_CACHE_LIMIT) passageCache.clear();
    passageCache.set(id, entry);
  }
  return entry;
}

/** Content-word trigrams: robust to punctuation, case and function-word differences between outlets. */
export function shinglesOf(text: string): ReadonlySet<string> {
  return shinglesOfWords(tokenize(text));
}

function shinglesOfWords(words: string[]): Set<string> {
  const shingles = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) shingles.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  if (words.length > 0 && words.length < 3) shingles.add(words.join(' '));
  return shingles;
}

/**
 * Share of the question's consecutive term pairs that occur within three words of each other in
 * `tokens` (synonyms count), 0..1.
 */
export function proximityOf(
  tokens: readonly string[],
  pairs: [string, string][],
  weights: TermWeights,
): number {
  if (pairs.length === 0) return 0;
  const positions = (term: string) => {
    const variants = weights.variants.get(term) ?? [term];
    const found: number[] = [];
    tokens.forEach((t, i) => {
      if (variants.includes(t)) found.push(i);
    });
    return found;
  };
  let near = 0;
  for (const [a, b] of pairs) {
    const pa = positions(a);
    const pb = positions(b);
    if (pa.some((i) => pb.some((j) => Math.abs(i - j) <= 3))) near++;
  }
  return near / pairs.length;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let common = 0;
  for (const s of small) if (large.has(s)) common++;
  return common / (a.size + b.size - common);
}

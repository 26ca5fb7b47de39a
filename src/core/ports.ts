/**
 * @module core/ports
 * The interfaces the core needs from the outside world. Adapters (SQLite, Postgres, OpenAI, Slack,
 * Discord, console) implement them; the core never imports an SDK.
 */
import type { Answer, ConversationTurn } from './answer.js';
import type { Article, ArticleDraft, ArticleRef, Passage, PassageDraft, PassageHit } from './article.js';

export type UpsertOutcome = 'added' | 'updated' | 'unchanged';

export type UpsertResult = { outcome: UpsertOutcome; articleId: string } | { error: string };

export interface StoredArticleInput {
  draft: ArticleDraft;
  contentHash: string;
  passages: PassageDraft[];
  /** Index terms per passage, same order as `passages` (see core/text/tokenize). */
  passageTerms: string[][];
  titleTerms: string[];
}

/** A search over passage index terms. */
export interface PassageQuery {
  /** Index terms (already tokenised); a passage matches when it holds any of them. */
  terms: string[];
  limit: number;
  /** Only articles published (or, when unknown, ingested) at or after this ISO time. */
  since?: string;
}

export interface CorpusStats {
  articles: number;
  passages: number;
  outlets: { source: string | null; articles: number }[];
  /** Earliest and latest known published dates; null when no article has one. */
  publishedRange: { from: string; to: string } | null;
  lastIngestedAt: string | null;
}

/** Persistent articles and their passage index. Each article's write is all-or-nothing. */
export interface ArticleStore {
  /**
   * Runs `work` in one transaction, so that a batch of articles commits once; each article inside is
   * still all-or-nothing on its own (a failing one is rolled back alone).
   */
  inBatch<T>(work: () => T): T;
  /** Stores an article and its passages, or updates the one with the same origin in place. */
  upsertArticle(input: StoredArticleInput, now: string): { outcome: UpsertOutcome; articleId: string };
  /**
   * The same for several articles in order, written together (much faster than one by one); each is
   * still all-or-nothing on its own: a failing one is rolled back alone and reported in its slot.
   */
  upsertArticles(items: { input: StoredArticleInput; now: string }[]): UpsertResult[];
  getArticle(id: string): Article | null;
  /** Whether an article from this origin (path or URL) is stored. */
  hasOrigin(origin: string): boolean;
  listArticles(options?: { ingestedSince?: string; limit?: number }): Article[];
  /**
   * Articles ingested by `to` and ingested or published in (from, to], newest first, at most `limit`.
   * Digests use it: a re-ingested (updated) article counts as news again, and one ingested after `to`
   * belongs to the next window even when it was published inside this one.
   */
  listArticlesBetween(from: string, to: string, limit: number): Article[];
  /** Passages ranked by BM25 over their terms, best first. */
  searchPassages(query: PassageQuery): PassageHit[];
  getPassages(articleId: string): Passage[];
  /** How many passages hold each term (for IDF), and how many passages there are. */
  documentFrequencies(terms: string[]): { total: number; frequencies: Map<string, number> };
  stats(): CorpusStats;
  close(): void;
}

/** The current time, injected so tests and evaluations can fix "now". */
export interface Clock {
  now(): Date;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Where a conversation lives on a platform: `slack:T123:C456:1700000000.000100`,
 * `discord:guild:channel:thread`, `console`. Follow-ups in the same thread share a key.
 */
export type ConversationKey = string;

/** Thread memory, shared by every bot instance that uses the same database. */
export interface ConversationStore {
  /** The most recent turns, oldest first; with `since` (ISO), only those recorded at or after it. */
  recentTurns(key: ConversationKey, limit: number, since?: string): ConversationTurn[];
  appendTurn(key: ConversationKey, turn: ConversationTurn, now: string): void;
  /** Whether the bot has answered in this thread (so a reply there needs no mention). */
  hasConversation(key: ConversationKey): boolean;
}

export type Vote = 'up' | 'down';

/** Answers as posted, and the 👍/👎 clicks on them. One vote per person per answer; the last click wins. */
export interface FeedbackStore {
  /** Records a posted answer and returns its id (used in the buttons' values). */
  recordAnswer(answer: Answer, where: ConversationKey, now: string): string;
  recordVote(answerId: string, userId: string, vote: Vote, now: string): { up: number; down: number };
  tally(answerId: string): { up: number; down: number };
}

export type { ArticleRef };

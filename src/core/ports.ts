/**
 * @module core/ports
 * The interfaces the core needs from the outside world. Adapters (SQLite, Postgres, OpenAI, Slack,
 * Discord, console) implement them; the core never imports an SDK.
 */
import type { Answer, ConversationTurn } from './answer.js';
import type {
  Article,
  ArticleDraft,
  ArticleRef,
  ArticleSource,
  Passage,
  PassageDraft,
  PassageHit,
} from './article.js';

export type UpsertOutcome = 'added' | 'updated' | 'unchanged';

/** What the store knows of an origin's article before an input may update it. */
export interface StoredSource {
  articleId: string;
  contentHash: string;
  source: ArticleSource | null;
}

export type UpsertResult = { outcome: UpsertOutcome; articleId: string } | { error: string };

export interface StoredArticleInput {
  draft: ArticleDraft;
  /** The input it comes from, stored with the article (it replaces the stored one on update). */
  source: ArticleSource;
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

/**
 * The writes of an ingest, as seen inside `ArticleStore.inTransaction`: the same operations as on the
 * store, joined to the open transaction. Each article is still all-or-nothing on its own.
 */
export interface ArticleWriter {
  /** Stores an article and its passages, or updates the one with the same origin in place. */
  upsertArticle(
    input: StoredArticleInput,
    now: string,
  ): Promise<{ outcome: UpsertOutcome; articleId: string }>;
  /**
   * The same for several articles in order, written together (much faster than one by one); each is
   * still all-or-nothing on its own: a failing one is rolled back alone and reported in its slot.
   */
  upsertArticles(items: { input: StoredArticleInput; now: string }[]): Promise<UpsertResult[]>;
  /** Whether an article from this origin (path or URL) is stored (including this transaction's writes). */
  hasOrigin(origin: string): Promise<boolean>;
  /**
   * The stored articles among these origins (including this transaction's writes), keyed by origin,
   * with the input that brought each in (`source` null: stored before sources were recorded).
   */
  storedSources(origins: readonly string[]): Promise<Map<string, StoredSource>>;
}

/**
 * Persistent articles and their passage index. Each article's write is all-or-nothing. Every call is
 * asynchronous, even in memory, so that a networked store (PostgreSQL) implements the same port.
 */
export interface ArticleStore extends ArticleWriter {
  /**
   * Runs `work` in one transaction, handing it `tx` to write through, so that a batch of articles
   * commits once; each article inside is still all-or-nothing on its own (a failing one is rolled back
   * alone). Resolves with `work`'s result after the commit; when `work` rejects (or the database loses
   * the transaction), everything it wrote is rolled back and the error is passed on. While it is open,
   * other calls on the store wait for it: call the store itself from inside `work` and it waits forever.
   */
  inTransaction<T>(work: (tx: ArticleWriter) => Promise<T>): Promise<T>;
  getArticle(id: string): Promise<Article | null>;
  /** The stored articles among `ids`, keyed by id (unknown ids are left out). */
  getArticles(ids: readonly string[]): Promise<Map<string, Article>>;
  listArticles(options?: { ingestedSince?: string; limit?: number }): Promise<Article[]>;
  /**
   * Articles ingested by `to` and ingested or published in (from, to], newest first, at most `limit`.
   * Digests use it: a re-ingested (updated) article counts as news again, and one ingested after `to`
   * belongs to the next window even when it was published inside this one.
   */
  listArticlesBetween(from: string, to: string, limit: number): Promise<Article[]>;
  /** Passages ranked by BM25 over their terms, best first. */
  searchPassages(query: PassageQuery): Promise<PassageHit[]>;
  /** An article's passages in order. */
  getPassages(articleId: string): Promise<Passage[]>;
  /** The stored passages among `ids`, keyed by id (unknown ids are left out). */
  getPassagesByIds(ids: readonly number[]): Promise<Map<number, Passage>>;
  /** How many passages hold each term (for IDF), and how many passages there are. */
  documentFrequencies(terms: string[]): Promise<{ total: number; frequencies: Map<string, number> }>;
  stats(): Promise<CorpusStats>;
  close(): Promise<void>;
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

/** Thread memory, shared by every bot instance that uses the same database. Async even in memory. */
export interface ConversationStore {
  /** The most recent turns, oldest first; with `since` (ISO), only those recorded at or after it. */
  recentTurns(key: ConversationKey, limit: number, since?: string): Promise<ConversationTurn[]>;
  appendTurn(key: ConversationKey, turn: ConversationTurn, now: string): Promise<void>;
  /** Whether the bot has answered in this thread (so a reply there needs no mention). */
  hasConversation(key: ConversationKey): Promise<boolean>;
}

export type Vote = 'up' | 'down';

/** Answers as posted, and the 👍/👎 clicks on them. One vote per person per answer; the last click wins. */
export interface FeedbackStore {
  /** Records a posted answer and returns its id (used in the buttons' values). */
  recordAnswer(answer: Answer, where: ConversationKey, now: string): Promise<string>;
  /** Throws BadRequestError when the answer is not known. */
  recordVote(
    answerId: string,
    userId: string,
    vote: Vote,
    now: string,
  ): Promise<{ up: number; down: number }>;
  tally(answerId: string): Promise<{ up: number; down: number }>;
}

/**
 * Keys remembered for a while, shared by every bot instance on one database: a Slack event id or a
 * message ts seen by one instance is not handled again by another. Async even in memory.
 */
export interface SeenStore {
  /**
   * Marks `key` as seen until `now + ttlMs`. Resolves true for exactly one caller while the mark is
   * unexpired, however many instances ask at once; false for every other.
   */
  firstTime(key: string, ttlMs: number, now: string): Promise<boolean>;
}

/** Hits per key in a sliding window, shared by every instance: the per-person question limit. */
export interface RateLimitStore {
  /**
   * Counts a hit at `now` unless `limit` hits already fall in the `windowMs` before it (atomically, across
   * instances). Resolves whether it was counted and, when not, the oldest hit still in the window.
   */
  hit(
    key: string,
    limit: number,
    windowMs: number,
    now: string,
  ): Promise<{ allowed: boolean; oldestAt: string | null }>;
}

/** Short-lived text values by id (Slack's share cache), shared by every instance. */
export interface ExpiringValueStore {
  put(id: string, value: string, ttlMs: number, now: string): Promise<void>;
  /** The value, or null when it is unknown or expired at `now`. */
  get(id: string, now: string): Promise<string | null>;
  delete(id: string): Promise<void>;
}

/** The chat adapters' state that must hold across instances (issue 18): dedupe, rate limits, shares. */
export interface ChatStateStores {
  seen: SeenStore;
  rateLimits: RateLimitStore;
  shares: ExpiringValueStore;
}

export type { ArticleRef };

/** A subscribed feed as stored, with its polling state. Times are ISO strings. */
export interface FeedSubscription {
  /** The URL as added: it names the feed in every command. */
  url: string;
  /** Where it is fetched from: `url`, or where a permanent redirect moved it. */
  fetchUrl: string;
  title: string | null;
  /** The interval asked for, in ms (`--every`, else BRIEF_FEED_EVERY). */
  everyMs: number;
  /** Who added it (`cli`, or a chat place such as `slack:T1:C1:U1`): told when it is disabled. */
  addedBy: string;
  etag: string | null;
  lastModified: string | null;
  lastPolledAt: string | null;
  nextPollAt: string | null;
  lastStatus: string | null;
  lastError: string | null;
  /** Failed polls in a row, and when the first of them was. */
  failures: number;
  failingSince: string | null;
  disabled: boolean;
  /** Entries of this feed that are stored as articles. */
  articles: number;
  createdAt: string;
}

/** What one feed entry was when last stored: compared on the next poll, so an unchanged one costs nothing. */
export interface FeedEntryState {
  /** Stable within the feed: guid or Atom id, else the canonical link, else a content hash. */
  key: string;
  /** The article's origin: an edited entry updates this article in place. */
  origin: string;
  /** A hash of the entry's title, link, date and text as the feed gave them. */
  fingerprint: string;
}

/** The outcome of one poll, written with the lease released. */
export interface FeedPollRecord {
  status: 'updated' | 'unchanged' | 'not-modified' | 'failed';
  error: string | null;
  nextPollAt: string;
  title?: string | null;
  fetchUrl?: string;
  etag?: string | null;
  lastModified?: string | null;
  failures: number;
  failingSince: string | null;
  disabled: boolean;
  /** Entries stored by this poll (added or changed). */
  entries: FeedEntryState[];
}

/**
 * Subscribed feeds and their entries, shared by every instance on one database. A poll takes a lease
 * first, so that several processes poll each feed once per interval. Async even in memory.
 */
export interface FeedStore {
  /** Adds feeds, or sets the interval of ones already added (re-enabling a disabled one); in order. */
  add(feeds: { url: string; everyMs: number; addedBy: string }[], now: string): Promise<FeedSubscription[]>;
  /** Removes feeds (their entry states too; their articles stay); returns how many there were. */
  remove(urls: readonly string[]): Promise<number>;
  list(): Promise<FeedSubscription[]>;
  get(url: string): Promise<FeedSubscription | null>;
  /** Enabled feeds whose next poll is due at `now` (or never polled), soonest first. */
  listDue(now: string, limit: number): Promise<FeedSubscription[]>;
  /**
   * Takes the feed for one poll until `now + leaseMs`. Exactly one caller wins: only when the feed is
   * enabled, no other lease is live, and (unless `force`) its next poll is due.
   */
  claim(url: string, owner: string, leaseMs: number, now: string, force?: boolean): Promise<boolean>;
  /** Records a poll and releases the lease; false (and nothing written) when `owner` no longer holds it. */
  recordPoll(url: string, owner: string, record: FeedPollRecord, now: string): Promise<boolean>;
  /** The stored entry states of a feed, keyed by entry key. */
  entryStates(url: string): Promise<Map<string, FeedEntryState>>;
}

/**
 * @module feeds/poll-feed
 * One poll of one feed: lease it, fetch it conditionally, compare its entries with what was stored,
 * fetch pages only for new or changed entries (within the feed's deadline), store them, and record
 * the outcome and the next poll. A failure of any kind is recorded and loses nothing already stored.
 */

import type { ArticleDraft, ArticleSource } from '../core/article.js';
import { emptyIngestReport, type IngestReport, ingestBatch } from '../core/ingest-articles.js';
import type { ArticleStore, Clock, FeedEntryState, FeedStore, FeedSubscription } from '../core/ports.js';
import { type Feed, type FeedEntry, looksLikeFeed, parseFeed } from '../ingest/feed.js';
import type { HtmlReader } from '../ingest/html-reader.js';
import { mapLimited } from '../ingest/map-limited.js';
import { canonicalUrl, entryFingerprint, entryKey, entryOrigin } from './entry-key.js';
import { FEED_TUNING, type FeedTuning } from './feed-tuning.js';
import { FeedFetchError, fetchFeed, fetchPage, type HttpOptions } from './fetch-feed.js';
import { afterFailure, intervalAfterSuccess } from './poll-schedule.js';

/** The `brief feeds poll --json` line of one feed (stable), and what fell back to its summary. */
export interface FeedPollResult {
  url: string;
  status: 'updated' | 'unchanged' | 'not-modified' | 'failed';
  added: number;
  updated: number;
  error: string | null;
  /** Entries stored from the feed's summary because their page could not be had, and why. */
  fallbacks: { origin: string; reason: string }[];
  /** Whether this poll disabled the feed (it had failed for about a week). */
  disabled: boolean;
}

export interface PollDeps {
  feeds: FeedStore;
  articles: ArticleStore;
  clock: Clock;
  html: HtmlReader;
  http: Omit<HttpOptions, 'deadline'>;
  owner: string;
  tuning?: FeedTuning;
  /**
   * Awaited before each step that works on the event loop (the feed's request, its parse, each page,
   * each write batch): resolves once no chat answer is in progress (see core/foreground).
   */
  pause?: () => Promise<void>;
}

/** Polls `feed` once; null when another poller holds it (or, unless `force`, it is not due). */
export async function pollFeed(
  feed: FeedSubscription,
  deps: PollDeps,
  force = false,
): Promise<FeedPollResult | null> {
  const tuning = deps.tuning ?? FEED_TUNING;
  // Before the lease too: a claim is a write, and a question must not wait behind sixteen of them.
  await deps.pause?.();
  const started = deps.clock.now();
  if (!(await deps.feeds.claim(feed.url, deps.owner, tuning.leaseMs, started.toISOString(), force)))
    return null;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), tuning.feedDeadlineMs);
  timer.unref?.();
  const http = { ...deps.http, deadline: deadline.signal };
  const result: FeedPollResult = {
    url: feed.url,
    status: 'unchanged',
    added: 0,
    updated: 0,
    error: null,
    fallbacks: [],
    disabled: false,
  };
  try {
    const fetched = await fetchFeed(feed.fetchUrl, feed, http);
    const now = () => deps.clock.now();
    if (fetched.status === 304) {
      const interval = intervalAfterSuccess(
        { everyMs: feed.everyMs, published: [], ttlMinutes: null, cacheMs: fetched.cacheMs },
        tuning,
      );
      await record(deps, feed, { ...ok(now(), interval), status: 'not-modified', entries: [] });
      return { ...result, status: 'not-modified' };
    }
    if (!looksLikeFeed(fetched.body, fetched.contentType)) {
      throw new FeedFetchError(
        feed.url,
        'not an RSS, Atom or JSON feed (the response is a web page or other text)',
      );
    }
    await deps.pause?.();
    const parsed = parseFeed(fetched.body, fetched.finalUrl);
    const stored = await storeEntries(feed, parsed, deps, http, tuning, result);
    const interval = intervalAfterSuccess(
      {
        everyMs: feed.everyMs,
        published: parsed.entries.map((e) => e.publishedAt),
        ttlMinutes: parsed.ttlMinutes,
        cacheMs: fetched.cacheMs,
      },
      tuning,
    );
    result.status = result.added + result.updated > 0 ? 'updated' : 'unchanged';
    if (parsed.entries.length === 0) result.error = 'the feed has no entries';
    await record(deps, feed, {
      ...ok(now(), interval),
      status: result.status,
      error: result.error,
      title: parsed.title,
      etag: fetched.validators.etag,
      lastModified: fetched.validators.lastModified,
      ...(fetched.movedTo ? { fetchUrl: fetched.movedTo } : {}),
      entries: stored,
    });
    return result;
  } catch (error) {
    const message = (error as Error).message;
    const retryAfter = error instanceof FeedFetchError ? error.retryAfterMs : null;
    const failed = afterFailure(feed, deps.clock.now(), retryAfter, tuning);
    await record(deps, feed, { ...failed, status: 'failed', error: message, entries: [] });
    return { ...result, status: 'failed', error: message, disabled: failed.disabled };
  } finally {
    clearTimeout(timer);
  }
}

function ok(now: Date, intervalMs: number) {
  return {
    error: null,
    failures: 0,
    failingSince: null,
    disabled: false,
    nextPollAt: new Date(now.getTime() + intervalMs).toISOString(),
  };
}

async function record(deps: PollDeps, feed: FeedSubscription, r: Parameters<FeedStore['recordPoll']>[2]) {
  await deps.feeds.recordPoll(feed.url, deps.owner, r, deps.clock.now().toISOString());
}

interface Candidate {
  entry: FeedEntry;
  state: FeedEntryState;
}

/** Stores the new and changed entries; returns the entry states to record. */
async function storeEntries(
  feed: FeedSubscription,
  parsed: Feed,
  deps: PollDeps,
  http: HttpOptions,
  tuning: FeedTuning,
  result: FeedPollResult,
): Promise<FeedEntryState[]> {
  const known = await deps.feeds.entryStates(feed.url);
  const seen = new Map<string, string | null>();
  const candidates: Candidate[] = [];
  const settled: FeedEntryState[] = [];
  for (const entry of parsed.entries) {
    let key = entryKey(entry);
    // A guid repeated on a different story (CMSs reuse them) must not hide the second one.
    const link = entry.link ? canonicalUrl(entry.link) : null;
    if (seen.has(key) && seen.get(key) !== link) key = `${key}|${link ?? entryFingerprint(entry)}`;
    if (seen.has(key)) continue;
    seen.set(key, link);
    const fingerprint = entryFingerprint(entry);
    const before = known.get(key);
    if (before?.fingerprint === fingerprint) continue;
    const state = { key, origin: before?.origin ?? entryOrigin(entry, feed.url), fingerprint };
    // The same story reached through another feed is already stored: one article, no page fetch.
    if (!before && (await deps.articles.hasOrigin(state.origin))) settled.push(state);
    else candidates.push({ entry, state });
  }
  // A feed of thousands of new entries is taken a slice per poll, newest (first) first.
  const batch = candidates.slice(0, tuning.maxNewPagesPerPoll);
  const pages = await mapLimited(batch, 4, (c) => readPage(c, parsed.title, deps, http));
  const drafts: { draft: ArticleDraft; state: FeedEntryState }[] = [];
  const fallbacks: { draft: ArticleDraft; state: FeedEntryState; reason: string }[] = [];
  for (const [i, candidate] of batch.entries()) {
    const page = pages[i] as ArticleDraft | string;
    const { entry, state } = candidate;
    const fields = (d: ArticleDraft): ArticleDraft => ({
      ...d,
      origin: state.origin,
      title: entry.title ?? d.title,
      publishedAt: entry.publishedAt ?? d.publishedAt,
    });
    if (typeof page !== 'string') drafts.push({ draft: fields(page), state });
    else if (entry.summary && entry.summary.length >= 40) {
      const text = entry.summary;
      const draft = {
        origin: state.origin,
        title: '',
        source: parsed.title,
        url: entry.link,
        publishedAt: null,
        text,
      };
      fallbacks.push({ draft: fields(draft), state, reason: page });
    }
  }
  const report = emptyIngestReport();
  const source: ArticleSource = { kind: 'feed', input: feed.url };
  const stored = await writeInBatches(deps, drafts, report, tuning, source);
  settled.push(...stored);
  // A teaser never replaces a full text stored before: only where nothing is stored is it kept.
  const fresh: typeof fallbacks = [];
  for (const fallback of fallbacks) {
    if (!(await deps.articles.hasOrigin(fallback.draft.origin))) fresh.push(fallback);
    result.fallbacks.push({
      origin: fallback.draft.origin,
      reason: fresh.at(-1) === fallback ? fallback.reason : `${fallback.reason}; kept the stored article`,
    });
  }
  settled.push(...(await writeInBatches(deps, fresh, report, tuning, source)));
  result.added += report.added;
  result.updated += report.updated;
  return settled;
}

/** Writes in small transactions, yielding to the event loop between them so chat is answered. */
async function writeInBatches(
  deps: PollDeps,
  items: { draft: ArticleDraft; state: FeedEntryState }[],
  report: IngestReport,
  tuning: FeedTuning,
  source: ArticleSource,
): Promise<FeedEntryState[]> {
  const stored: FeedEntryState[] = [];
  for (let from = 0; from < items.length; from += tuning.writeBatch) {
    await deps.pause?.();
    const group = items.slice(from, from + tuning.writeBatch);
    const failedBefore = report.failed.length;
    await ingestBatch(
      deps.articles,
      deps.clock,
      group.map((g) => g.draft),
      report,
      source,
    );
    const failed = new Set(report.failed.slice(failedBefore).map((f) => f.origin));
    stored.push(...group.filter((g) => !failed.has(g.draft.origin)).map((g) => g.state));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return stored;
}

/** An entry's page as a draft, or why it could not be had. */
async function readPage(
  candidate: Candidate,
  outlet: string | null,
  deps: { html: HtmlReader; pause?: () => Promise<void> },
  http: HttpOptions,
): Promise<ArticleDraft | string> {
  const link = candidate.entry.link;
  if (!link) return 'the feed entry has no link';
  if (http.deadline.aborted) return "the feed's time limit passed before its page was fetched";
  try {
    await deps.pause?.();
    const page = await fetchPage(link, http);
    await deps.pause?.();
    return await deps.html.read({
      origin: candidate.state.origin,
      html: page.body,
      pageUrl: page.finalUrl,
      feedOutlet: outlet,
    });
  } catch (error) {
    const message = (error as Error).message;
    return message.startsWith('could not fetch: ')
      ? `could not fetch the page: ${message.slice('could not fetch: '.length)}`
      : `could not read the page: ${message}`;
  }
}

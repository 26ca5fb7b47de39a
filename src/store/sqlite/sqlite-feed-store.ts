/**
 * @module store/sqlite/sqlite-feed-store
 * Subscribed feeds and their entry states on SQLite (migration 8). A poll's lease is one atomic UPDATE
 * (`... WHERE lease free AND due`), so of several processes on one file exactly one polls each feed;
 * the same statement carries over to PostgreSQL (READ COMMITTED re-checks the WHERE).
 */
import type Database from 'better-sqlite3';
import type { FeedEntryState, FeedStore, FeedSubscription } from '../../core/ports.js';
import { lockOf } from './connection-lock.js';

interface FeedRow {
  url: string;
  fetch_url: string;
  title: string | null;
  every_ms: number;
  added_by: string;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  next_poll_at: string | null;
  last_status: string | null;
  last_error: string | null;
  failures: number;
  failing_since: string | null;
  disabled: number;
  created_at: string;
  articles: number;
}

// An entry counts as an article while an article of its origin is stored.
const SELECT = `SELECT f.*, (SELECT count(*) FROM feed_entries e JOIN articles a ON a.origin = e.origin
  WHERE e.feed_url = f.url) AS articles FROM feeds f`;

export function createSqliteFeedStore(db: Database.Database): FeedStore {
  const byUrl = db.prepare<[string], FeedRow>(`${SELECT} WHERE f.url = ?`);
  const all = db.prepare<[], FeedRow>(`${SELECT} ORDER BY f.rowid`);
  const due = db.prepare<[string, number], FeedRow>(
    `${SELECT} WHERE f.disabled = 0 AND (f.next_poll_at IS NULL OR f.next_poll_at <= ?)
     ORDER BY coalesce(f.next_poll_at, ''), f.rowid LIMIT ?`,
  );
  const insert = db.prepare(
    `INSERT INTO feeds (url, fetch_url, every_ms, added_by, created_at) VALUES (@url, @url, @everyMs, @addedBy, @now)
     ON CONFLICT (url) DO UPDATE SET every_ms = @everyMs, disabled = 0,
       failures = CASE WHEN disabled = 1 THEN 0 ELSE failures END,
       failing_since = CASE WHEN disabled = 1 THEN NULL ELSE failing_since END`,
  );
  const removeOne = db.prepare('DELETE FROM feeds WHERE url = ?');
  const claim = db.prepare(
    `UPDATE feeds SET lease_owner = @owner, lease_until = @until
     WHERE url = @url AND disabled = 0 AND (lease_until IS NULL OR lease_until <= @now)
       AND (@force = 1 OR next_poll_at IS NULL OR next_poll_at <= @now)`,
  );
  const record = db.prepare(
    `UPDATE feeds SET last_polled_at = @now, next_poll_at = @nextPollAt, last_status = @status,
       last_error = @error, failures = @failures, failing_since = @failingSince, disabled = @disabled,
       title = coalesce(@title, title), fetch_url = coalesce(@fetchUrl, fetch_url),
       etag = CASE WHEN @keepValidators = 1 THEN etag ELSE @etag END,
       last_modified = CASE WHEN @keepValidators = 1 THEN last_modified ELSE @lastModified END,
       lease_owner = NULL, lease_until = NULL
     WHERE url = @url AND lease_owner = @owner`,
  );
  const putEntry = db.prepare(
    `INSERT INTO feed_entries (feed_url, entry_key, origin, fingerprint) VALUES (?, ?, ?, ?)
     ON CONFLICT (feed_url, entry_key) DO UPDATE SET origin = excluded.origin, fingerprint = excluded.fingerprint`,
  );
  const entries = db.prepare<[string], { entry_key: string; origin: string; fingerprint: string }>(
    'SELECT entry_key, origin, fingerprint FROM feed_entries WHERE feed_url = ?',
  );

  const add = db.transaction((feeds: { url: string; everyMs: number; addedBy: string }[], now: string) =>
    feeds.map((feed) => {
      insert.run({ ...feed, now });
      return toFeed(byUrl.get(feed.url) as FeedRow);
    }),
  );
  const remove = db.transaction((urls: readonly string[]) =>
    urls.reduce((n, url) => n + removeOne.run(url).changes, 0),
  );
  const recordPoll = db.transaction(
    (url: string, owner: string, r: Parameters<FeedStore['recordPoll']>[2], now: string) => {
      const changed = record.run({
        url,
        owner,
        now,
        nextPollAt: r.nextPollAt,
        status: r.status,
        error: r.error,
        failures: r.failures,
        failingSince: r.failingSince,
        disabled: r.disabled ? 1 : 0,
        title: r.title ?? null,
        fetchUrl: r.fetchUrl ?? null,
        // A failed or not-modified poll keeps the validators of the last good response.
        keepValidators: r.etag === undefined && r.lastModified === undefined ? 1 : 0,
        etag: r.etag ?? null,
        lastModified: r.lastModified ?? null,
      }).changes;
      if (changed === 0) return false;
      for (const e of r.entries) putEntry.run(url, e.key, e.origin, e.fingerprint);
      return true;
    },
  );

  const lock = lockOf(db);
  return {
    add: (feeds, now) => lock.run(() => add(feeds, now)),
    remove: (urls) => lock.run(() => remove(urls)),
    list: () => lock.run(() => all.all().map(toFeed)),
    get: (url) =>
      lock.run(() => {
        const row = byUrl.get(url);
        return row ? toFeed(row) : null;
      }),
    listDue: (now, limit) => lock.run(() => due.all(now, limit).map(toFeed)),
    claim: (url, owner, leaseMs, now, force = false) =>
      lock.run(() => {
        const until = new Date(Date.parse(now) + leaseMs).toISOString();
        return claim.run({ url, owner, until, now, force: force ? 1 : 0 }).changes === 1;
      }),
    recordPoll: (url, owner, r, now) => lock.run(() => recordPoll(url, owner, r, now)),
    entryStates: (url) =>
      lock.run(
        () =>
          new Map<string, FeedEntryState>(
            entries
              .all(url)
              .map((row) => [
                row.entry_key,
                { key: row.entry_key, origin: row.origin, fingerprint: row.fingerprint },
              ]),
          ),
      ),
  };
}

function toFeed(row: FeedRow): FeedSubscription {
  return {
    url: row.url,
    fetchUrl: row.fetch_url,
    title: row.title,
    everyMs: row.every_ms,
    addedBy: row.added_by,
    etag: row.etag,
    lastModified: row.last_modified,
    lastPolledAt: row.last_polled_at,
    nextPollAt: row.next_poll_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    failures: row.failures,
    failingSince: row.failing_since,
    disabled: row.disabled === 1,
    articles: row.articles,
    createdAt: row.created_at,
  };
}

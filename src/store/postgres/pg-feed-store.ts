/**
 * @module store/postgres/pg-feed-store
 * Subscribed feeds and their entry states on PostgreSQL (migration 5), the same statements as SQLite's
 * (store/sqlite/sqlite-feed-store.ts). A poll's lease is one atomic UPDATE (`... WHERE lease free AND
 * due`), which READ COMMITTED re-checks after a concurrent update commits: of several processes on one
 * database exactly one polls each feed per interval.
 */
import type { Pool, PoolClient } from 'pg';
import type { FeedEntryState, FeedPollRecord, FeedStore, FeedSubscription } from '../../core/ports.js';
import { inPoolTransaction } from './pg-migrations.js';

interface FeedRow {
  url: string;
  fetch_url: string;
  title: string | null;
  every_ms: string;
  added_by: string;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  next_poll_at: string | null;
  last_status: string | null;
  last_error: string | null;
  failures: number;
  failing_since: string | null;
  disabled: boolean;
  created_at: string;
  articles: number;
}

// An entry counts as an article while an article of its origin is stored.
const SELECT = `SELECT f.url, f.fetch_url, f.title, f.every_ms, f.added_by, f.etag, f.last_modified,
  f.last_polled_at, f.next_poll_at, f.last_status, f.last_error, f.failures, f.failing_since, f.disabled,
  f.created_at, (SELECT count(*)::int FROM feed_entries e JOIN articles a ON a.origin = e.origin
    WHERE e.feed_url = f.url) AS articles FROM feeds f`;

export function createPgFeedStore(pool: Pool): FeedStore {
  const withClient = <T>(work: (client: PoolClient) => Promise<T>): Promise<T> =>
    inPoolTransaction(pool, work);
  const getOn = async (db: Pool | PoolClient, url: string) => {
    const { rows } = await db.query<FeedRow>(`${SELECT} WHERE f.url = $1`, [url]);
    return rows[0] ? toFeed(rows[0]) : null;
  };
  return {
    add: (feeds, now) =>
      withClient(async (client) => {
        const added: FeedSubscription[] = [];
        for (const feed of feeds) {
          await client.query(
            `INSERT INTO feeds (url, fetch_url, every_ms, added_by, created_at) VALUES ($1, $1, $2, $3, $4)
             ON CONFLICT (url) DO UPDATE SET every_ms = excluded.every_ms, disabled = false,
               failures = CASE WHEN feeds.disabled THEN 0 ELSE feeds.failures END,
               failing_since = CASE WHEN feeds.disabled THEN NULL ELSE feeds.failing_since END`,
            [feed.url, feed.everyMs, feed.addedBy, now],
          );
          added.push((await getOn(client, feed.url)) as FeedSubscription);
        }
        return added;
      }),
    async remove(urls) {
      if (urls.length === 0) return 0;
      const { rowCount } = await pool.query('DELETE FROM feeds WHERE url = ANY($1::text[])', [[...urls]]);
      return rowCount ?? 0;
    },
    async list() {
      const { rows } = await pool.query<FeedRow>(`${SELECT} ORDER BY f.seq`);
      return rows.map(toFeed);
    },
    get: (url) => getOn(pool, url),
    async listDue(now, limit) {
      const { rows } = await pool.query<FeedRow>(
        `${SELECT} WHERE NOT f.disabled AND (f.next_poll_at IS NULL OR f.next_poll_at <= $1)
         ORDER BY coalesce(f.next_poll_at, '') COLLATE "C", f.seq LIMIT $2`,
        [now, limit],
      );
      return rows.map(toFeed);
    },
    async claim(url, owner, leaseMs, now, force = false) {
      const until = new Date(Date.parse(now) + leaseMs).toISOString();
      const { rowCount } = await pool.query(
        `UPDATE feeds SET lease_owner = $2, lease_until = $3
         WHERE url = $1 AND NOT disabled AND (lease_until IS NULL OR lease_until <= $4)
           AND ($5 OR next_poll_at IS NULL OR next_poll_at <= $4)`,
        [url, owner, until, now, force],
      );
      return rowCount === 1;
    },
    recordPoll: (url, owner, r: FeedPollRecord, now) =>
      withClient(async (client) => {
        // A failed or not-modified poll keeps the validators of the last good response.
        const keepValidators = r.etag === undefined && r.lastModified === undefined;
        const { rowCount } = await client.query(
          `UPDATE feeds SET last_polled_at = $3, next_poll_at = $4, last_status = $5, last_error = $6,
             failures = $7, failing_since = $8, disabled = $9, title = coalesce($10, title),
             fetch_url = coalesce($11, fetch_url),
             etag = CASE WHEN $12 THEN etag ELSE $13 END,
             last_modified = CASE WHEN $12 THEN last_modified ELSE $14 END,
             lease_owner = NULL, lease_until = NULL
           WHERE url = $1 AND lease_owner = $2`,
          [
            url,
            owner,
            now,
            r.nextPollAt,
            r.status,
            r.error,
            r.failures,
            r.failingSince,
            r.disabled,
            r.title ?? null,
            r.fetchUrl ?? null,
            keepValidators,
            r.etag ?? null,
            r.lastModified ?? null,
          ],
        );
        if (rowCount !== 1) return false;
        if (r.entries.length > 0) {
          await client.query(
            `INSERT INTO feed_entries (feed_url, entry_key, origin, fingerprint)
             SELECT $1, e->>'key', e->>'origin', e->>'fingerprint' FROM jsonb_array_elements($2::jsonb) AS e
             ON CONFLICT (feed_url, entry_key) DO UPDATE SET origin = excluded.origin,
               fingerprint = excluded.fingerprint`,
            [
              url,
              JSON.stringify(
                r.entries.map((e) => ({ key: e.key, origin: e.origin, fingerprint: e.fingerprint })),
              ),
            ],
          );
        }
        return true;
      }),
    async entryStates(url) {
      const { rows } = await pool.query<{ entry_key: string; origin: string; fingerprint: string }>(
        'SELECT entry_key, origin, fingerprint FROM feed_entries WHERE feed_url = $1',
        [url],
      );
      return new Map<string, FeedEntryState>(
        rows.map((row) => [
          row.entry_key,
          { key: row.entry_key, origin: row.origin, fingerprint: row.fingerprint },
        ]),
      );
    },
  };
}

function toFeed(row: FeedRow): FeedSubscription {
  return {
    url: row.url,
    fetchUrl: row.fetch_url,
    title: row.title,
    everyMs: Number(row.every_ms),
    addedBy: row.added_by,
    etag: row.etag,
    lastModified: row.last_modified,
    lastPolledAt: row.last_polled_at,
    nextPollAt: row.next_poll_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    failures: row.failures,
    failingSince: row.failing_since,
    disabled: row.disabled,
    articles: row.articles,
    createdAt: row.created_at,
  };
}

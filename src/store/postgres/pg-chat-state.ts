/**
 * @module store/postgres/pg-chat-state
 * The chat state ports on PostgreSQL (migration 9), shared by every process on one database: event and
 * message marks with an expiry, rate-limit windows, and shared values. Each decision is one statement
 * (an upsert whose conflicting row PostgreSQL locks and re-checks), so two processes never both win, no
 * session state is kept and a transaction-mode pooler (PgBouncer) does not change the outcome.
 */
import type { Pool } from 'pg';
import type { ChatStateStores } from '../../core/ports.js';

/** Expired rows are swept on every this-many writes of a process, so the tables stay small without a timer. */
export const PG_CHAT_SWEEP_EVERY = 500;

// Taken when new, or when the mark held has expired: a concurrent inserter waits for the first one's
// commit, then finds its unexpired mark and updates nothing (rowCount 0).
const MARK = `INSERT INTO chat_seen (key, expires_at) VALUES ($1, $2)
  ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE chat_seen.expires_at <= $3`;

// One row per key holds the hits still in the window. The upsert drops the hits that left the window
// and appends this one only when fewer than the limit remain; `allowed` records which it did, since
// RETURNING sees only the new row. The row lock queues racing processes on one key.
const HIT = `INSERT INTO chat_rate_windows AS w (key, hits, allowed, expires_at)
  VALUES ($1, CASE WHEN $2::int > 0 THEN ARRAY[$4::bigint] ELSE '{}'::bigint[] END, $2::int > 0,
    $4::bigint + $3::bigint)
  ON CONFLICT (key) DO UPDATE SET (hits, allowed, expires_at) = (
    SELECT CASE WHEN cardinality(k.kept) < $2::int THEN k.kept || $4::bigint ELSE k.kept END,
      cardinality(k.kept) < $2::int,
      CASE WHEN cardinality(k.kept) < $2::int THEN greatest(w.expires_at, $4::bigint + $3::bigint)
        ELSE w.expires_at END
    FROM (SELECT ARRAY(SELECT h FROM unnest(w.hits) AS h WHERE h > $4::bigint - $3::bigint ORDER BY h)
      AS kept) AS k)
  RETURNING allowed, (SELECT min(h) FROM unnest(hits) AS h) AS oldest`;

const SWEEPS = [
  'DELETE FROM chat_seen WHERE expires_at <= $1',
  'DELETE FROM chat_rate_windows WHERE expires_at <= $1',
  'DELETE FROM chat_values WHERE expires_at <= $1',
];

export function createPgChatState(pool: Pool): ChatStateStores {
  let writes = 0;
  const sweep = async (now: number) => {
    writes += 1;
    if (writes % PG_CHAT_SWEEP_EVERY !== 0) return;
    for (const statement of SWEEPS) await pool.query(statement, [now]);
  };
  return {
    seen: {
      async firstTime(key, ttlMs, now) {
        const at = Date.parse(now);
        await sweep(at);
        const result = await pool.query(MARK, [key, at + ttlMs, at]);
        return result.rowCount === 1;
      },
    },
    rateLimits: {
      async hit(key, limit, windowMs, now) {
        const at = Date.parse(now);
        await sweep(at);
        const { rows } = await pool.query<{ allowed: boolean; oldest: string | null }>(HIT, [
          key,
          limit,
          windowMs,
          at,
        ]);
        const row = rows[0];
        if (row?.allowed) return { allowed: true, oldestAt: null };
        return { allowed: false, oldestAt: new Date(row?.oldest ? Number(row.oldest) : at).toISOString() };
      },
    },
    shares: {
      async put(id, value, ttlMs, now) {
        const at = Date.parse(now);
        await sweep(at);
        await pool.query(
          `INSERT INTO chat_values (id, value, expires_at) VALUES ($1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
          [id, value, at + ttlMs],
        );
      },
      async get(id, now) {
        const { rows } = await pool.query<{ value: string }>(
          'SELECT value FROM chat_values WHERE id = $1 AND expires_at > $2',
          [id, Date.parse(now)],
        );
        return rows[0]?.value ?? null;
      },
      async delete(id) {
        await pool.query('DELETE FROM chat_values WHERE id = $1', [id]);
      },
    },
  };
}

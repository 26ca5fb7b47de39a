/**
 * @module store/sqlite/sqlite-chat-state
 * The chat state ports in SQLite, shared by every process on one database file: event and message marks
 * with an expiry, rate-limit hits, and shared values. Each decision is one write under SQLite's write
 * lock (an upsert, or an IMMEDIATE transaction), so two processes never both win.
 */
import type Database from 'better-sqlite3';
import type { ChatStateStores } from '../../core/ports.js';
import { lockOf } from './connection-lock.js';

/** Expired rows are swept on every this-many writes, so the tables stay small without a timer. */
const SWEEP_EVERY = 500;

export function createSqliteChatState(db: Database.Database): ChatStateStores {
  const lock = lockOf(db);
  // The mark is taken when it is new or has expired; `changes` says whether this call took it.
  const mark = db.prepare(
    `INSERT INTO chat_seen (key, expires_at) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE chat_seen.expires_at <= ?`,
  );
  const dropHits = db.prepare('DELETE FROM chat_rate_hits WHERE key = ? AND at <= ?');
  const windowHits = db.prepare<[string], { n: number; oldest: number | null }>(
    'SELECT count(*) AS n, min(at) AS oldest FROM chat_rate_hits WHERE key = ?',
  );
  const addHit = db.prepare('INSERT INTO chat_rate_hits (key, at) VALUES (?, ?)');
  const putValue = db.prepare(
    `INSERT INTO chat_values (id, value, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
  );
  const getValue = db.prepare<[string, number], { value: string }>(
    'SELECT value FROM chat_values WHERE id = ? AND expires_at > ?',
  );
  const deleteValue = db.prepare('DELETE FROM chat_values WHERE id = ?');
  const sweepStatements = [
    db.prepare('DELETE FROM chat_seen WHERE expires_at <= ?'),
    db.prepare('DELETE FROM chat_values WHERE expires_at <= ?'),
  ];
  let writes = 0;
  const sweep = (now: number) => {
    writes += 1;
    if (writes % SWEEP_EVERY === 0) for (const statement of sweepStatements) statement.run(now);
  };
  const hit = db.transaction((key: string, limit: number, windowMs: number, now: number) => {
    dropHits.run(key, now - windowMs);
    const { n, oldest } = windowHits.get(key) ?? { n: 0, oldest: null };
    if (n >= limit) return { allowed: false, oldestAt: new Date(oldest ?? now).toISOString() };
    addHit.run(key, now);
    return { allowed: true, oldestAt: null };
  });

  return {
    seen: {
      firstTime: (key, ttlMs, now) =>
        lock.run(() => {
          const at = Date.parse(now);
          sweep(at);
          return mark.run(key, at + ttlMs, at).changes === 1;
        }),
    },
    rateLimits: {
      // IMMEDIATE: the count and the insert happen under the write lock, so racing processes queue.
      hit: (key, limit, windowMs, now) =>
        lock.run(() => hit.immediate(key, limit, windowMs, Date.parse(now))),
    },
    shares: {
      put: (id, value, ttlMs, now) =>
        lock.run(() => {
          const at = Date.parse(now);
          sweep(at);
          putValue.run(id, value, at + ttlMs);
        }),
      get: (id, now) => lock.run(() => getValue.get(id, Date.parse(now))?.value ?? null),
      delete: (id) =>
        lock.run(() => {
          deleteValue.run(id);
        }),
    },
  };
}

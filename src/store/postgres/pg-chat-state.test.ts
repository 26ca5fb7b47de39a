import { describe, expect, it } from 'vitest';
import { describeChatStateContract } from '../contract/chat-state.contract.js';
import { createPgChatState, PG_CHAT_SWEEP_EVERY } from './pg-chat-state.js';
import { pgSkipReason } from './testing/pg-test-database.js';
import { openPgTestStores } from './testing/pg-test-stores.js';

describe.skipIf(pgSkipReason())('PostgreSQL chat state', () => {
  // Each handle is its own pool on one database, as two bot processes are.
  describeChatStateContract('PostgreSQL (two pools on one database)', async () => {
    const stores = await openPgTestStores();
    let first = true;
    return {
      async open() {
        const pool = first ? stores.pool : await stores.connect();
        first = false;
        return createPgChatState(pool);
      },
      dispose: stores.dispose,
    };
  });

  it('sweeps expired marks, rate windows and values, and keeps the live ones', async () => {
    const stores = await openPgTestStores();
    try {
      const state = createPgChatState(stores.pool);
      const t0 = Date.parse('2026-03-02T09:00:00.000Z');
      const iso = (ms: number) => new Date(t0 + ms).toISOString();
      await state.seen.firstTime('old-event', 1_000, iso(0));
      await state.rateLimits.hit('T1:U1', 5, 1_000, iso(0));
      await state.shares.put('old-share', 'x', 1_000, iso(0));
      await state.seen.firstTime('live-event', 3_600_000, iso(0));
      const count = async () =>
        (
          await stores.pool.query<{ n: number }>(
            `SELECT (SELECT count(*) FROM chat_seen) + (SELECT count(*) FROM chat_rate_windows)
               + (SELECT count(*) FROM chat_values) AS n`,
          )
        ).rows[0]?.n;
      expect(Number(await count())).toBe(4);
      // Writes later than every short expiry, on keys that already hold unexpired marks (no new rows),
      // up to the sweep: only the live mark and the window just hit stay.
      for (let i = 4; i < PG_CHAT_SWEEP_EVERY - 1; i++)
        await state.seen.firstTime('live-event', 3_600_000, iso(5_000));
      expect(Number(await count())).toBe(4);
      await state.rateLimits.hit('T1:U2', 5, 60_000, iso(5_000));
      const left = await stores.pool.query(
        `SELECT key FROM chat_seen UNION ALL SELECT key FROM chat_rate_windows
         UNION ALL SELECT id FROM chat_values ORDER BY 1`,
      );
      expect(left.rows.map((r) => r.key)).toEqual(['T1:U2', 'live-event']);
    } finally {
      await stores.dispose();
    }
  });
});

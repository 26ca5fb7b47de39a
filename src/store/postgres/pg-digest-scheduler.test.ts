import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../adapters/log/json-logger.js';
import type { Digest } from '../../core/digest/digest.js';
import type { DigestSink } from '../../core/digest/digest-ports.js';
import { createDigestScheduler, DIGEST_SCHEDULER_DEFAULTS } from '../../core/digest/digest-scheduler.js';
import { fixedClock } from '../../test-support/seeded-briefing.js';
import { createPgDigestRunStore, createPgSubscriptionStore } from './pg-subscription-store.js';
import { pgSkipReason } from './testing/pg-test-database.js';
import { openPgTestStores } from './testing/pg-test-stores.js';

const SLOT = '2026-05-01T08:00:00.000Z';

describe.skipIf(pgSkipReason())('digest scheduler on PostgreSQL', () => {
  it('posts a scheduled digest once from two processes, and a stop waits for the post and leaves no lease', async () => {
    const stores = await openPgTestStores();
    try {
      await stores.subs.upsert(
        {
          platform: 'slack',
          workspaceId: 'T1',
          channelId: 'C1',
          schedule: { label: 'daily 08:00', cron: '0 8 * * *', timezone: 'UTC' },
          topic: null,
          quietWhenEmpty: false,
          createdBy: 'U1',
        },
        '2026-04-30T00:00:00.000Z',
      );
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const delivered: string[] = [];
      const sinkOf = (name: string): DigestSink => ({
        async deliver() {
          delivered.push(name);
          await gate;
        },
        findDelivered: async () => false,
        notifyFailure: async () => {},
      });
      const clock = fixedClock('2026-05-01T08:00:30.000Z');
      const digest: Digest = { window: { from: SLOT, to: SLOT }, topic: null, stories: [], more: 0 };
      // Two processes: each its own pool, scheduler and owner.
      const schedulers = await Promise.all(
        ['a', 'b'].map(async (owner) => {
          const pool = await stores.connect();
          return createDigestScheduler({
            ...DIGEST_SCHEDULER_DEFAULTS,
            subscriptions: createPgSubscriptionStore(pool),
            runs: createPgDigestRunStore(pool),
            sinks: { slack: sinkOf(owner) },
            buildDigest: () => digest,
            clock,
            logger: silentLogger,
            owner,
          });
        }),
      );
      const ticks = schedulers.map((s) => s.tick());
      while (delivered.length === 0) await new Promise((resolve) => setImmediate(resolve));
      const stopped = Promise.all(schedulers.map((s) => s.stop()));
      let stopDone = false;
      void stopped.then(() => {
        stopDone = true;
      });
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
      expect(stopDone).toBe(false);
      release();
      await Promise.all([...ticks, stopped]);
      expect(delivered).toHaveLength(1);
      const sub = (await stores.subs.listAll())[0];
      const run = await stores.runs.get(sub?.id as string, SLOT);
      expect(run).toMatchObject({ status: 'sent', attempts: 1, owner: delivered[0] });
      expect(await stores.runs.listUnfinished(sub?.id as string, '2100-01-01T00:00:00.000Z')).toEqual([]);
    } finally {
      await stores.dispose();
    }
  });
});

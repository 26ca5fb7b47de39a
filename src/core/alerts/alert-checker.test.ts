import { describe, expect, it } from 'vitest';
import { createSqliteAlertStore } from '../../store/sqlite/sqlite-alert-store.js';
import { createSqliteArticleStore, openSqliteDatabase } from '../../store/sqlite/sqlite-article-store.js';
import { fixedClock } from '../../test-support/seeded-briefing.js';
import { createAlertChecker } from './alert-checker.js';
import { checkDeps, createRecordingSink, ingestAt, TARIFF_STORY } from './testing/alert-fixtures.js';

const T0 = '2026-05-04T08:00:00.000Z';
const at = (m: number) => new Date(Date.parse(T0) + m * 60_000).toISOString();

describe('createAlertChecker', () => {
  it('checks after a pass that stored articles, and otherwise once per recheckMs', async () => {
    const db = openSqliteDatabase(':memory:');
    const articles = createSqliteArticleStore(db);
    const alerts = createSqliteAlertStore(db);
    const clock = fixedClock(T0);
    await alerts.add(
      {
        platform: 'slack',
        workspaceId: null,
        channelId: 'C1',
        topic: 'Nexperia',
        quiet: null,
        timezone: 'UTC',
        createdBy: 'cli',
      },
      T0,
    );
    const sink = createRecordingSink();
    let listed = 0;
    const counted = {
      ...alerts,
      list: () => {
        listed += 1;
        return alerts.list();
      },
    };
    const checker = createAlertChecker(
      checkDeps({
        articles,
        alerts: counted,
        clock,
        sinks: { slack: sink },
        tuning: { recheckMs: 5 * 60_000 },
      }),
    );
    // The first pass checks (held stories may be due after a restart).
    await checker.afterPass(false);
    expect(listed).toBe(1);
    await ingestAt(articles, clock, TARIFF_STORY[0] as (typeof TARIFF_STORY)[0], at(1));
    // A pass without news a minute later: not checked yet; the story waits for the next.
    await checker.afterPass(false);
    expect([listed, sink.posts.length]).toEqual([1, 0]);
    // A pass that stored articles: checked at once.
    await checker.afterPass(true);
    expect([listed, sink.posts.length]).toEqual([2, 1]);
    clock.set(at(5));
    await checker.afterPass(false);
    expect(listed).toBe(2);
    clock.set(at(6));
    await checker.afterPass(false);
    expect(listed).toBe(3);
    expect(sink.posts).toHaveLength(1);
  });

  it('shares a check in progress instead of starting a second, and never throws', async () => {
    const db = openSqliteDatabase(':memory:');
    const alerts = createSqliteAlertStore(db);
    let calls = 0;
    const failing = {
      ...alerts,
      list: async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
        throw new Error('database is locked');
      },
    };
    const checker = createAlertChecker(
      checkDeps({
        articles: createSqliteArticleStore(db),
        alerts: failing,
        clock: fixedClock(T0),
        sinks: {},
      }),
    );
    expect(await Promise.all([checker.afterPass(true), checker.afterPass(true)])).toEqual([[], []]);
    expect(calls).toBe(1);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteAlertStore } from '../../store/sqlite/sqlite-alert-store.js';
import { createSqliteArticleStore, openSqliteDatabase } from '../../store/sqlite/sqlite-article-store.js';
import { fixedClock } from '../../test-support/seeded-briefing.js';
import { DeliveryError } from '../errors.js';
import { checkAlerts } from './check-alerts.js';
import {
  checkDeps,
  createRecordingSink,
  ingestAt,
  OTHER_CHIP_STORIES,
  TARIFF_STORY,
} from './testing/alert-fixtures.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Two connections to one SQLite file: two processes on one store. */
function openShared() {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-alerts-'));
  dirs.push(dir);
  const path = join(dir, 'brief.db');
  const open = () => {
    const db = openSqliteDatabase(path);
    return { articles: createSqliteArticleStore(db), alerts: createSqliteAlertStore(db) };
  };
  return { one: open(), two: open() };
}

const T0 = '2026-05-04T08:00:00.000Z';
const min = (m: number) => new Date(Date.parse(T0) + m * 60_000).toISOString();

async function setUp(options: { quiet?: { from: string; to: string }; timezone?: string } = {}) {
  const { one, two } = openShared();
  const clock = fixedClock(T0);
  const { alert } = await one.alerts.add(
    {
      platform: 'slack',
      workspaceId: 'T1',
      channelId: 'C1',
      topic: 'chip',
      quiet: options.quiet ?? null,
      timezone: options.timezone ?? 'UTC',
      createdBy: 'U1',
    },
    T0,
  );
  const sink = createRecordingSink();
  return { one, two, clock, alert, sink };
}

describe('checkAlerts', () => {
  it('posts a story reported by three feeds once, and adds its later outlets in its thread', async () => {
    const { one, clock, sink } = await setUp();
    const deps = checkDeps({ ...one, clock, sinks: { slack: sink } });
    const [wire, daily, tech] = TARIFF_STORY;
    await ingestAt(one.articles, clock, wire!, min(5));
    await ingestAt(one.articles, clock, daily!, min(6));
    await checkAlerts(deps);
    expect(sink.posts).toHaveLength(1);
    expect(sink.posts[0]).toMatchObject({ channelId: 'C1', threadOf: null, view: { topic: 'chip' } });
    expect(sink.posts[0]?.view.headline).toBe(wire!.title);
    expect(sink.posts[0]?.view.sources.map((s) => s.outlet)).toEqual(['Wire', 'Daily']);
    // Nothing new: nothing posted.
    clock.set(min(10));
    await checkAlerts(deps);
    expect(sink.posts).toHaveLength(1);
    await ingestAt(one.articles, clock, tech!, min(20));
    await checkAlerts(deps);
    expect(sink.posts).toHaveLength(2);
    expect(sink.posts[1]).toMatchObject({ threadOf: 'm1' });
    expect(sink.posts[1]?.view.sources.map((s) => s.outlet)).toEqual(['Tech']);
    clock.set(min(30));
    await checkAlerts(deps);
    expect(sink.posts).toHaveLength(2);
  });

  it('does not post stories that were in the feeds before the alert was added', async () => {
    const { one, clock, sink, alert } = await setUp();
    await one.alerts.remove({ id: alert.id });
    await ingestAt(one.articles, clock, TARIFF_STORY[0]!, min(1));
    await one.alerts.add({ ...alert, quiet: null }, min(2));
    await ingestAt(one.articles, clock, TARIFF_STORY[1]!, min(3));
    await ingestAt(one.articles, clock, OTHER_CHIP_STORIES[0]!, min(4));
    await checkAlerts(checkDeps({ ...one, clock, sinks: { slack: sink } }));
    expect(sink.posts.map((p) => p.view.headline)).toEqual([OTHER_CHIP_STORIES[0]!.title]);
  });

  it('holds a story found in quiet hours and posts it once when they end (in the alert zone)', async () => {
    // 22:00-07:00 in New York is 02:00-11:00 UTC in May (EDT).
    const { one, clock, sink } = await setUp({
      quiet: { from: '22:00', to: '07:00' },
      timezone: 'America/New_York',
    });
    const deps = checkDeps({ ...one, clock, sinks: { slack: sink } });
    await ingestAt(one.articles, clock, TARIFF_STORY[0]!, '2026-05-04T09:30:00.000Z');
    await checkAlerts(deps);
    clock.set('2026-05-04T10:59:00.000Z');
    await checkAlerts(deps);
    expect(sink.posts).toHaveLength(0);
    clock.set('2026-05-04T11:00:00.000Z');
    await checkAlerts(deps);
    await checkAlerts(deps);
    expect(sink.posts).toHaveLength(1);
  });

  it("posts at most the channel's cap of new stories a day, and again the next day", async () => {
    const { one, clock, sink } = await setUp();
    const deps = checkDeps({ ...one, clock, sinks: { slack: sink }, tuning: { maxPerChannelPerDay: 2 } });
    for (const [i, d] of [TARIFF_STORY[0]!, ...OTHER_CHIP_STORIES].entries())
      await ingestAt(one.articles, clock, d, min(i + 1));
    await checkAlerts(deps);
    expect(sink.posts).toHaveLength(2);
    await checkAlerts(deps);
    expect(sink.posts).toHaveLength(2);
    // The skipped ones stay skipped; a new story the next day is posted.
    await ingestAt(
      one.articles,
      clock,
      {
        ...OTHER_CHIP_STORIES[0]!,
        origin: 'https://x.example/amd',
        title: 'AMD buys chip startup Untether for $1 billion',
        text: 'AMD agreed on Tuesday to buy the chip startup Untether AI for $1 billion in cash, adding inference accelerators to its data-centre line.',
      },
      '2026-05-05T09:00:00.000Z',
    );
    await checkAlerts(deps);
    expect(sink.posts.map((p) => p.view.headline).at(-1)).toBe(
      'AMD buys chip startup Untether for $1 billion',
    );
    expect(sink.posts).toHaveLength(3);
  });

  it('posts once when two processes check one store at the same time', async () => {
    const { one, two, clock, sink } = await setUp();
    for (const d of TARIFF_STORY) await ingestAt(one.articles, clock, d, min(5));
    await Promise.all([
      checkAlerts(checkDeps({ ...one, clock, sinks: { slack: sink }, owner: 'p1' })),
      checkAlerts(checkDeps({ ...two, clock, sinks: { slack: sink }, owner: 'p2' })),
    ]);
    expect(sink.posts).toHaveLength(1);
    expect(sink.posts[0]?.view.sources).toHaveLength(3);
  });

  it('retries a failed post after its back-off', async () => {
    const { one, clock, sink } = await setUp();
    await ingestAt(one.articles, clock, TARIFF_STORY[0]!, min(1));
    sink.failNext = new DeliveryError('rate limited', true);
    await checkAlerts(checkDeps({ ...one, clock, sinks: { slack: sink } }));
    expect(sink.posts).toHaveLength(0);
    clock.set(min(2));
    await checkAlerts(checkDeps({ ...one, clock, sinks: { slack: sink } }));
    expect(sink.posts).toHaveLength(1);
  });
});

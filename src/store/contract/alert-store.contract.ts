/**
 * @module store/contract/alert-store.contract
 * The AlertStore contract, run against every implementation (SQLite and PostgreSQL call this function):
 * alerts once per channel and topic; a story opened once even from two connections, and an article in
 * one story only; one claim per story; the daily cap shared by a channel's alerts; outcomes recorded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertDraft } from '../../core/alerts/alert.js';
import type { AlertStore } from '../../core/alerts/alert-ports.js';

const T0 = '2026-05-01T08:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

export interface AlertStoreFixture {
  alerts: AlertStore;
  /** The same store through another connection to the same database. */
  reopen(): Promise<AlertStore>;
  dispose(): Promise<void>;
}

export function makeAlertDraft(overrides: Partial<AlertDraft> = {}): AlertDraft {
  return {
    platform: 'slack',
    workspaceId: 'T1',
    channelId: 'C1',
    topic: 'chip tariffs',
    quiet: null,
    timezone: 'UTC',
    createdBy: 'U1',
    ...overrides,
  };
}

export function describeAlertStoreContract(name: string, factory: () => Promise<AlertStoreFixture>): void {
  const fixtures: AlertStoreFixture[] = [];
  const open = async () => {
    const fixture = await factory();
    fixtures.push(fixture);
    return fixture;
  };
  afterEach(async () => {
    for (const fixture of fixtures.splice(0)) await fixture.dispose();
  });

  describe(`AlertStore contract: ${name}`, () => {
    it('keeps one alert per channel and topic, and re-adding one sets its quiet hours', async () => {
      const { alerts } = await open();
      const first = await alerts.add(makeAlertDraft(), T0);
      expect(first.created).toBe(true);
      expect(first.alert).toMatchObject({
        topic: 'chip tariffs',
        channelId: 'C1',
        quiet: null,
        createdAt: T0,
      });
      const again = await alerts.add(
        makeAlertDraft({
          topic: 'Chip  Tariffs',
          quiet: { from: '22:00', to: '07:00' },
          timezone: 'Europe/Berlin',
        }),
        at(60),
      );
      expect(again.created).toBe(false);
      expect(again.alert).toMatchObject({
        id: first.alert.id,
        quiet: { from: '22:00', to: '07:00' },
        timezone: 'Europe/Berlin',
        createdAt: T0,
      });
      await alerts.add(makeAlertDraft({ channelId: 'C2' }), at(120));
      await alerts.add(
        makeAlertDraft({ platform: 'discord', channelId: '42', topic: 'rail strike' }),
        at(180),
      );
      expect((await alerts.list()).map((a) => [a.platform, a.channelId, a.topic])).toEqual([
        ['slack', 'C1', 'chip tariffs'],
        ['slack', 'C2', 'chip tariffs'],
        ['discord', '42', 'rail strike'],
      ]);
      expect((await alerts.listByChannel('slack', 'C2')).map((a) => a.channelId)).toEqual(['C2']);
    });

    it('removes by id, by topic in a channel, and by topic everywhere', async () => {
      const { alerts } = await open();
      const a = (await alerts.add(makeAlertDraft(), T0)).alert;
      await alerts.add(makeAlertDraft({ channelId: 'C2' }), T0);
      await alerts.add(makeAlertDraft({ channelId: 'C3' }), T0);
      await alerts.add(makeAlertDraft({ topic: 'rail strike' }), T0);
      expect(await alerts.remove({ id: a.id })).toBe(1);
      expect(await alerts.remove({ id: a.id })).toBe(0);
      expect(await alerts.remove({ topic: 'CHIP tariffs', platform: 'slack', channelId: 'C2' })).toBe(1);
      expect(await alerts.remove({ topic: 'chip tariffs' })).toBe(1);
      expect((await alerts.list()).map((x) => x.topic)).toEqual(['rail strike']);
    });

    it('opens a story once, even through another connection, and an article joins one story only', async () => {
      const fixture = await open();
      const other = await fixture.reopen();
      const alert = (await fixture.alerts.add(makeAlertDraft(), T0)).alert;
      const [one, two] = await Promise.all([
        fixture.alerts.openStory(alert.id, 'a1', ['a1', 'a2'], at(1)),
        other.openStory(alert.id, 'a1', ['a1', 'a2'], at(1)),
      ]);
      expect([one, two].filter(Boolean)).toHaveLength(1);
      // Another key for a story that shares an article: refused, nothing written.
      expect(await other.openStory(alert.id, 'a0', ['a0', 'a2'], at(2))).toBe(false);
      expect(await fixture.alerts.storiesOf(alert.id, ['a0', 'a1', 'a2', 'zz'])).toEqual(
        new Map([
          ['a1', 'a1'],
          ['a2', 'a1'],
        ]),
      );
      expect(await fixture.alerts.addSources(alert.id, 'a1', ['a2', 'a3'], at(3))).toEqual(['a3']);
      expect(await other.addSources(alert.id, 'a1', ['a3'], at(3))).toEqual([]);
      expect(await other.addSources(alert.id, 'unknown', ['a9'], at(3))).toEqual([]);
    });

    it('lets one caller claim a story while its lease lives, and another take it over after', async () => {
      const fixture = await open();
      const other = await fixture.reopen();
      const alert = (await fixture.alerts.add(makeAlertDraft(), T0)).alert;
      await fixture.alerts.openStory(alert.id, 'a1', ['a1'], at(1));
      expect((await fixture.alerts.dueStories(alert.id, at(2))).map((s) => s.storyKey)).toEqual(['a1']);
      const claims = await Promise.all([
        fixture.alerts.claimStory(alert.id, 'a1', 'p1', 30_000, at(2)),
        other.claimStory(alert.id, 'a1', 'p2', 30_000, at(2)),
      ]);
      const won = claims.filter((c) => c !== null);
      expect(won).toHaveLength(1);
      expect(won[0]).toMatchObject({
        status: 'pending',
        attempts: 1,
        articles: [{ articleId: 'a1', sent: false }],
      });
      const winner = claims[0] ? 'p1' : 'p2';
      expect(await fixture.alerts.dueStories(alert.id, at(10))).toEqual([]);
      expect(await other.renewStory(alert.id, 'a1', winner, 30_000, at(20))).toBe(true);
      expect(await other.renewStory(alert.id, 'a1', 'p3', 30_000, at(20))).toBe(false);
      expect(await other.claimStory(alert.id, 'a1', 'p3', 30_000, at(40))).toBeNull();
      const taken = await other.claimStory(alert.id, 'a1', 'p3', 30_000, at(51));
      expect(taken?.attempts).toBe(2);
      expect(
        await fixture.alerts.recordStory(
          alert.id,
          'a1',
          winner,
          { kind: 'sources-sent', sentArticleIds: [] },
          at(52),
        ),
      ).toBe(false);
    });

    it('records a post: no work is due until a later source comes, which is due until sent', async () => {
      const { alerts } = await open();
      const alert = (await alerts.add(makeAlertDraft(), T0)).alert;
      await alerts.openStory(alert.id, 'a1', ['a1', 'a2'], at(1));
      await alerts.claimStory(alert.id, 'a1', 'p1', 30_000, at(2));
      expect(
        await alerts.recordStory(
          alert.id,
          'a1',
          'p1',
          { kind: 'posted', messageId: 'M1', sentArticleIds: ['a1', 'a2'] },
          at(3),
        ),
      ).toBe(true);
      expect(await alerts.dueStories(alert.id, at(4))).toEqual([]);
      await alerts.addSources(alert.id, 'a1', ['a3'], at(5));
      const [due] = await alerts.dueStories(alert.id, at(6));
      expect(due).toMatchObject({ status: 'posted', messageId: 'M1', postedAt: at(3), attempts: 0 });
      expect(due?.articles).toEqual([
        { articleId: 'a1', sent: true },
        { articleId: 'a2', sent: true },
        { articleId: 'a3', sent: false },
      ]);
      await alerts.claimStory(alert.id, 'a1', 'p1', 30_000, at(7));
      await alerts.recordStory(alert.id, 'a1', 'p1', { kind: 'sources-sent', sentArticleIds: ['a3'] }, at(8));
      expect(await alerts.dueStories(alert.id, at(9))).toEqual([]);
    });

    it('holds a story until its time, backs off a failed try, and stops at a given-up one', async () => {
      const { alerts } = await open();
      const alert = (await alerts.add(makeAlertDraft(), T0)).alert;
      await alerts.openStory(alert.id, 'a1', ['a1'], at(1));
      await alerts.claimStory(alert.id, 'a1', 'p1', 30_000, at(2));
      await alerts.recordStory(alert.id, 'a1', 'p1', { kind: 'held', until: at(100) }, at(3));
      expect(await alerts.dueStories(alert.id, at(99))).toEqual([]);
      expect((await alerts.dueStories(alert.id, at(100)))[0]?.status).toBe('held');
      await alerts.claimStory(alert.id, 'a1', 'p1', 30_000, at(100));
      await alerts.recordStory(
        alert.id,
        'a1',
        'p1',
        { kind: 'failed', error: 'HTTP 503', retryAt: at(200), articleIds: ['a1'] },
        at(101),
      );
      expect(await alerts.claimStory(alert.id, 'a1', 'p1', 30_000, at(150))).toBeNull();
      const retry = await alerts.claimStory(alert.id, 'a1', 'p1', 30_000, at(200));
      expect(retry).toMatchObject({ status: 'held', attempts: 2, lastError: 'HTTP 503' });
      await alerts.recordStory(
        alert.id,
        'a1',
        'p1',
        { kind: 'failed', error: 'channel_not_found', retryAt: null, articleIds: ['a1'] },
        at(201),
      );
      expect(await alerts.dueStories(alert.id, at(10_000))).toEqual([]);
      expect(await alerts.claimStory(alert.id, 'a1', 'p1', 30_000, at(10_000))).toBeNull();
    });

    it("reserves at most the cap of a channel's posts per day, across its alerts and connections", async () => {
      const fixture = await open();
      const other = await fixture.reopen();
      const one = (await fixture.alerts.add(makeAlertDraft(), T0)).alert;
      const two = (await fixture.alerts.add(makeAlertDraft({ topic: 'rail strike' }), T0)).alert;
      const elsewhere = (await fixture.alerts.add(makeAlertDraft({ channelId: 'C9' }), T0)).alert;
      for (const [alert, key] of [
        [one, 's1'],
        [one, 's2'],
        [two, 's3'],
        [elsewhere, 's4'],
      ] as const) {
        await fixture.alerts.openStory(alert.id, key, [`${alert.id}-${key}`], at(1));
        await fixture.alerts.claimStory(alert.id, key, 'p1', 30_000, at(2));
      }
      expect(await fixture.alerts.reserveDay(one.id, 's1', 'p1', '2026-05-01', 2)).toBe(true);
      const race = await Promise.all([
        fixture.alerts.reserveDay(one.id, 's2', 'p1', '2026-05-01', 2),
        other.reserveDay(two.id, 's3', 'p1', '2026-05-01', 2),
      ]);
      expect(race.filter(Boolean)).toHaveLength(1);
      // Reserved before: still reserved (a retry of the same post).
      expect(await fixture.alerts.reserveDay(one.id, 's1', 'p1', '2026-05-01', 2)).toBe(true);
      expect(await fixture.alerts.reserveDay(elsewhere.id, 's4', 'p1', '2026-05-01', 2)).toBe(true);
      // Only the claim's owner reserves.
      expect(await fixture.alerts.reserveDay(elsewhere.id, 's4', 'p2', '2026-05-02', 2)).toBe(false);
    });

    it("removes an alert's stories with it", async () => {
      const { alerts } = await open();
      const alert = (await alerts.add(makeAlertDraft(), T0)).alert;
      await alerts.openStory(alert.id, 'a1', ['a1'], at(1));
      expect(await alerts.remove({ id: alert.id })).toBe(1);
      const again = (await alerts.add(makeAlertDraft(), at(2))).alert;
      expect(await alerts.storiesOf(again.id, ['a1'])).toEqual(new Map());
      expect(await alerts.openStory(again.id, 'a1', ['a1'], at(3))).toBe(true);
    });
  });
}

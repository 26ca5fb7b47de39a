/**
 * @module adapters/slack/alert-sink.test
 * Story alerts end to end on Slack: checkAlerts with the Slack sink over the seeded SQLite database posts
 * through the real Bolt client to the local Slack: a story three feeds report is posted once, its later
 * outlet goes in the post's thread, and a process that dies after Slack took a post is not followed by a
 * second post from the one that takes the story over.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALERT_TUNING, type Alert } from '../../core/alerts/alert.js';
import type { AlertStore } from '../../core/alerts/alert-ports.js';
import { checkAlerts } from '../../core/alerts/check-alerts.js';
import { alertMark } from '../../core/alerts/deliver-alert-story.js';
import { findAlertStories } from '../../core/alerts/find-alert-stories.js';
import { checkDeps, ingestAt, TARIFF_STORY } from '../../core/alerts/testing/alert-fixtures.js';
import { createSqliteAlertStore } from '../../store/sqlite/sqlite-alert-store.js';
import { createSlackAlertSink } from './alert-sink.js';
import { allText } from './testing/inspect.js';
import { type Harness, startHarness } from './testing/slack-harness.js';
import { CHANNEL } from './testing/slack-payloads.js';

const T0 = '2026-03-02T10:00:00.000Z';
const min = (m: number) => new Date(Date.parse(T0) + m * 60_000).toISOString();
const [WIRE, DAILY, TECH] = TARIFF_STORY as [
  (typeof TARIFF_STORY)[0],
  (typeof TARIFF_STORY)[0],
  (typeof TARIFF_STORY)[0],
];

describe('Slack alert sink', () => {
  let h: Harness;
  let alerts: AlertStore;
  let alert: Alert;
  afterEach(async () => {
    await h.close();
  });

  const start = async () => {
    h = await startHarness('http');
    alerts = createSqliteAlertStore(h.seeded.db);
    h.seeded.clock.set(T0);
    ({ alert } = await alerts.add(
      {
        platform: 'slack',
        workspaceId: 'T0001',
        channelId: CHANNEL,
        topic: 'Nexperia',
        quiet: null,
        timezone: 'UTC',
        createdBy: 'cli',
      },
      T0,
    ));
  };
  const check = (owner = 'p1') =>
    checkAlerts(
      checkDeps({
        articles: h.seeded.store,
        alerts,
        sinks: { slack: createSlackAlertSink(h.handle) },
        clock: h.seeded.clock,
        owner,
      }),
    );

  it('posts a story three feeds report once, and its later outlet as a reply in its thread', async () => {
    await start();
    await ingestAt(h.seeded.store, h.seeded.clock, WIRE, min(5));
    await ingestAt(h.seeded.store, h.seeded.clock, DAILY, min(6));
    await check();
    await check();
    const [story, ...others] = h.posts();
    expect(others).toHaveLength(0);
    expect(story?.args).toMatchObject({
      channel: CHANNEL,
      metadata: { event_type: 'briefbot_alert', event_payload: { part: 1, parts: 1 } },
    });
    expect(story?.args.thread_ts).toBeUndefined();
    const text = allText(story?.args ?? {});
    expect(text).toContain(`New story on “Nexperia”: *${WIRE.title}*`);
    expect(text).toContain(`<${WIRE.url}|${WIRE.title}> — Wire`);
    expect(text).toContain(`<${DAILY.url}|${DAILY.title}> — Daily`);
    expect(text).not.toContain('Tech');

    await ingestAt(h.seeded.store, h.seeded.clock, TECH, min(20));
    await check();
    await check();
    const posts = h.posts();
    expect(posts).toHaveLength(2);
    const storyTs = [...h.fake.messages.values()].find((m) => m.threadTs === undefined)?.ts;
    expect(posts[1]?.args.thread_ts).toBe(storyTs);
    const reply = allText(posts[1]?.args ?? {});
    expect(reply).toContain('Also reported by one more outlet');
    expect(reply).toContain('— Tech');
    expect(reply).not.toContain('— Wire');
    h.seeded.clock.set(min(40));
    await check();
    expect(h.posts()).toHaveLength(2);
  });

  it('does not post again when a process died after Slack took its post: the next one finds it', async () => {
    await start();
    for (const d of TARIFF_STORY.slice(0, 2)) await ingestAt(h.seeded.store, h.seeded.clock, d, min(5));
    // The first process opens the story, claims it and posts, and dies before recording the post.
    await findAlertStories({ articles: h.seeded.store, alerts }, alert, h.seeded.clock.now(), ALERT_TUNING);
    const [due] = await alerts.dueStories(alert.id, min(5));
    const claimed = await alerts.claimStory(
      alert.id,
      due?.storyKey ?? '',
      'dead',
      ALERT_TUNING.leaseMs,
      min(5),
    );
    if (!claimed) throw new Error('not claimed');
    const sink = createSlackAlertSink(h.handle);
    await sink.postStory(
      alert,
      { topic: 'Nexperia', headline: WIRE.title, sources: [], more: 0 },
      alertMark(claimed),
    );
    expect(h.posts()).toHaveLength(1);
    // While its lease lives, nobody else posts; after it, the other process finds the post.
    await check('p2');
    expect(h.posts()).toHaveLength(1);
    h.seeded.clock.set(new Date(Date.parse(min(5)) + ALERT_TUNING.leaseMs + 1000).toISOString());
    await check('p2');
    expect(h.posts()).toHaveLength(1);
    expect(h.fake.calls.some((c) => c.method === 'conversations.history')).toBe(true);
    const [story] = await alerts.dueStories(alert.id, h.seeded.clock.now().toISOString());
    expect(story).toBeUndefined();

    // The later outlet: the same for the thread reply, found with conversations.replies.
    await ingestAt(h.seeded.store, h.seeded.clock, TECH, min(20));
    await findAlertStories({ articles: h.seeded.store, alerts }, alert, h.seeded.clock.now(), ALERT_TUNING);
    const again = await alerts.claimStory(alert.id, claimed.storyKey, 'dead', ALERT_TUNING.leaseMs, min(20));
    if (!again || !again.messageId) throw new Error('not claimed');
    const unsent = again.articles.filter((a) => !a.sent).map((a) => a.articleId);
    await sink.postSources(
      alert,
      again.messageId,
      { topic: 'Nexperia', headline: WIRE.title, sources: [], more: 0 },
      alertMark(again, unsent[0]),
    );
    expect(h.posts()).toHaveLength(2);
    h.seeded.clock.set(new Date(Date.parse(min(20)) + ALERT_TUNING.leaseMs + 1000).toISOString());
    await check('p2');
    expect(h.posts()).toHaveLength(2);
    expect(h.fake.calls.some((c) => c.method === 'conversations.replies')).toBe(true);
    expect(await alerts.dueStories(alert.id, h.seeded.clock.now().toISOString())).toEqual([]);
  });
});

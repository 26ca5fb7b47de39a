/**
 * End-to-end: story alerts on Discord. checkAlerts with the Discord sink over the seeded SQLite database
 * posts through the real discord.js client to the fake Discord: a story three feeds report is posted once
 * (with its mark: an enforced nonce and a marker line), its later outlet as a reply to that post, and a
 * process that dies after Discord took a post is not followed by a second post from the one taking over.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALERT_TUNING, type Alert } from '../../core/alerts/alert.js';
import type { AlertStore } from '../../core/alerts/alert-ports.js';
import { checkAlerts } from '../../core/alerts/check-alerts.js';
import { alertMark } from '../../core/alerts/deliver-alert-story.js';
import { findAlertStories } from '../../core/alerts/find-alert-stories.js';
import { checkDeps, ingestAt, TARIFF_STORY } from '../../core/alerts/testing/alert-fixtures.js';
import { createSqliteAlertStore } from '../../store/sqlite/sqlite-alert-store.js';
import { createDiscordAlertSink } from './alert-sink.js';
import { markLine, markNonce } from './digest-sink-marks.js';
import { type GuildHarness, type PostedMessage, startGuildHarness } from './testing/guild-harness.js';

const T0 = '2026-03-02T10:00:00.000Z';
const min = (m: number) => new Date(Date.parse(T0) + m * 60_000).toISOString();
type Draft = (typeof TARIFF_STORY)[0];
const [WIRE, DAILY, TECH] = TARIFF_STORY as [Draft, Draft, Draft];

describe('discord alert sink', () => {
  let h: GuildHarness;
  let alerts: AlertStore;
  let alert: Alert;
  let topic = 0;

  beforeAll(async () => {
    h = await startGuildHarness();
    alerts = createSqliteAlertStore(h.seeded.db);
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    // Each test its own channel's alert: the same story is new to each.
    for (const a of await alerts.list()) await alerts.remove({ id: a.id });
    h.seeded.clock.set(T0);
    topic += 1;
    ({ alert } = await alerts.add(
      {
        platform: 'discord',
        workspaceId: h.guild.id,
        channelId: topic === 1 ? h.channel.id : h.thread.id,
        topic: 'Nexperia',
        quiet: null,
        timezone: 'UTC',
        createdBy: h.user.id,
      },
      T0,
    ));
  });

  const check = (owner = 'p1') =>
    checkAlerts(
      checkDeps({
        articles: h.seeded.store,
        alerts,
        sinks: { discord: createDiscordAlertSink(h.bot) },
        clock: h.seeded.clock,
        owner,
      }),
    );
  const postsTo = (channelId: string) =>
    h.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
  // Articles are stored once for the whole file: later tests find them in the store already.
  const ingest = async (d: Draft, at: string) => {
    const known = (
      await h.seeded.store.listArticlesBetween('2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z', 5000)
    ).some((a) => a.url === d.url);
    if (!known) await ingestAt(h.seeded.store, h.seeded.clock, d, at);
    else h.seeded.clock.set(at);
  };

  it('posts a story three feeds report once, and its later outlet as a reply to that post', async () => {
    await ingest(WIRE, min(5));
    await ingest(DAILY, min(6));
    await check();
    await check();
    const posts = postsTo(h.channel.id);
    expect(posts).toHaveLength(1);
    const body = posts[0]?.body as {
      content: string;
      nonce: string;
      enforce_nonce: boolean;
      allowed_mentions: unknown;
    };
    expect(body.content).toMatch(
      /^🚨 New story on “Nexperia”: \*\*Netherlands bans Nexperia chip exports to China\*\*\n/,
    );
    expect(body.content).toContain(`• [${WIRE.title}](${WIRE.url}) — Wire`);
    expect(body.content).toContain(`— Daily`);
    expect(body.content).not.toContain('— Tech');
    expect(body.content).toMatch(/\n-# alert [0-9a-f]{12}$/);
    expect(body.enforce_nonce).toBe(true);
    expect(body.allowed_mentions).toEqual({ parse: [] });

    await ingest(TECH, min(20));
    await check();
    await check();
    const after = postsTo(h.channel.id);
    expect(after).toHaveLength(2);
    const story = h.fake.channelPosts(h.channel.id).at(-2) as PostedMessage;
    const reply = after[1]?.body as { content: string; message_reference?: { message_id: string } };
    expect(reply.message_reference?.message_id).toBe(story.id);
    expect(reply.content).toMatch(/^➕ Also reported by one more outlet:\n• \[.*\]\(.*\) — Tech\n-# alert /);
    h.seeded.clock.set(min(40));
    await check();
    expect(postsTo(h.channel.id)).toHaveLength(2);
  });

  it('does not post again when a process died after Discord took its post: the next one finds it', async () => {
    await ingest(WIRE, min(5));
    await ingest(DAILY, min(6));
    await findAlertStories({ articles: h.seeded.store, alerts }, alert, h.seeded.clock.now(), ALERT_TUNING);
    const [due] = await alerts.dueStories(alert.id, min(6));
    const claimed = await alerts.claimStory(
      alert.id,
      due?.storyKey ?? '',
      'dead',
      ALERT_TUNING.leaseMs,
      min(6),
    );
    if (!claimed) throw new Error('not claimed');
    const mark = alertMark(claimed);
    await createDiscordAlertSink(h.bot).postStory(
      alert,
      { topic: 'Nexperia', headline: WIRE.title, sources: [], more: 0 },
      mark,
    );
    expect(postsTo(alert.channelId)).toHaveLength(1);
    await check('p2');
    expect(postsTo(alert.channelId)).toHaveLength(1);
    // Past the dead owner's lease, and past the few minutes Discord remembers a nonce: the marker line finds it.
    h.seeded.clock.set(new Date(Date.parse(min(6)) + ALERT_TUNING.leaseMs + 1000).toISOString());
    h.fake.state.nonces.clear();
    await check('p2');
    const posts = postsTo(alert.channelId);
    expect(posts).toHaveLength(1);
    expect((posts[0]?.body as { content: string }).content.endsWith(markLine(mark))).toBe(true);
    expect((posts[0]?.body as { nonce: string }).nonce).toBe(markNonce(mark, 0));
    expect(
      h.fake.requests.some((r) => r.method === 'GET' && r.path === `/channels/${alert.channelId}/messages`),
    ).toBe(true);
    expect(await alerts.dueStories(alert.id, h.seeded.clock.now().toISOString())).toEqual([]);
  });
});

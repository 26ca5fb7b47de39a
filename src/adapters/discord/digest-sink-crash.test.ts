/**
 * @module adapters/discord/digest-sink-crash.test
 * kill -9 around a scheduled digest, through the real discord.js client against the fake Discord: the
 * process dies after Discord accepted the post but before the run was recorded (the restarted scheduler
 * finds the digest's marker line among the bot's recent messages and posts nothing), or before Discord
 * got it (it goes out within 60 s); the same nonce sent again is answered with the first message.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../core/digest/build-digest.js';
import type { DigestRunStore, DigestSink, SubscriptionStore } from '../../core/digest/digest-ports.js';
import {
  createDigestScheduler,
  DIGEST_SCHEDULER_DEFAULTS,
  type DigestSchedulerOptions,
} from '../../core/digest/digest-scheduler.js';
import { digestRunMark } from '../../core/digest/post-once.js';
import type { Subscription } from '../../core/digest/subscription.js';
import {
  createSqliteDigestRunStore,
  createSqliteSubscriptionStore,
} from '../../store/sqlite/sqlite-subscription-store.js';
import { createProcessDeath } from '../../test-support/process-death.js';
import { createDiscordDigestSink } from './digest-sink.js';
import { type GuildHarness, startGuildHarness } from './testing/guild-harness.js';

const SLOT = '2026-03-02T09:00:00.000Z';
const CRASH = '2026-03-02T09:00:20.000Z';
const at = (seconds: number) => new Date(Date.parse(CRASH) + seconds * 1000).toISOString();

describe('Discord digests after a crash', () => {
  let h: GuildHarness;
  let subscriptions: SubscriptionStore;
  let runs: DigestRunStore;

  beforeAll(async () => {
    h = await startGuildHarness();
    subscriptions = createSqliteSubscriptionStore(h.seeded.db);
    runs = createSqliteDigestRunStore(h.seeded.db);
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(async () => {
    for (const sub of await subscriptions.listAll())
      await subscriptions.remove({ platform: 'discord', channelId: sub.channelId });
    h.fake.state.messages.delete(h.channel.id);
  });

  const sink = () =>
    createDiscordDigestSink(h.bot, {
      conversations: h.seeded.conversations,
      clock: h.seeded.clock,
      logger: h.logger,
    });
  const scheduler = (overrides: Partial<DigestSchedulerOptions>) =>
    createDigestScheduler({
      subscriptions,
      runs,
      sinks: { discord: sink() },
      buildDigest: (request) => buildDigest(h.seeded.store, request),
      clock: h.seeded.clock,
      logger: h.logger,
      owner: 'restarted',
      graceMs: 2 * 60 * 60_000,
      maxAttempts: 4,
      backoffMs: 60_000,
      leaseMs: DIGEST_SCHEDULER_DEFAULTS.leaseMs,
      timers: { setInterval: () => null, clearInterval: () => {} },
      ...overrides,
    });

  async function subscribe(): Promise<Subscription> {
    const draft = {
      platform: 'discord' as const,
      workspaceId: h.guild.id,
      channelId: h.channel.id,
      schedule: { label: 'daily 09:00', cron: '0 9 * * *', timezone: 'UTC' },
      topic: null,
      quietWhenEmpty: false,
      createdBy: h.user.id,
    };
    const { subscription } = await subscriptions.upsert(draft, '2026-03-01T12:00:00.000Z');
    h.seeded.clock.set(CRASH);
    return subscription;
  }

  /** A first instance whose process dies after Discord accepted the post, or before it got it. */
  function dyingInstance(dieAt: 'after Discord accepted' | 'before Discord got it') {
    const death = createProcessDeath();
    const real = sink();
    const dying: DigestSink = {
      ...real,
      async deliver(sub, digest, options) {
        if (dieAt === 'after Discord accepted') await real.deliver(sub, digest, options);
        death.die();
        return death.hang();
      },
    };
    void scheduler({ owner: 'first', runs: death.freeze(runs), sinks: { discord: dying } }).tick();
    return death.died;
  }

  const posts = () => h.fake.channelPosts(h.channel.id);

  it('does not post again when the process died after Discord accepted the post', async () => {
    const sub = await subscribe();
    await dyingInstance('after Discord accepted');
    expect(posts()).toHaveLength(1);
    expect(await runs.get(sub.id, SLOT)).toMatchObject({ status: 'running', owner: 'first' });

    const restarted = scheduler({});
    h.seeded.clock.set(at(45));
    await restarted.tick();
    expect(await runs.get(sub.id, SLOT)).toMatchObject({ status: 'sent', owner: 'restarted', attempts: 2 });
    expect(
      h.fake.requests.some((r) => r.method === 'GET' && r.path === `/channels/${h.channel.id}/messages`),
    ).toBe(true);
    h.seeded.clock.set(at(600));
    await restarted.tick();
    expect(posts()).toHaveLength(1);
  });

  it('posts within 60 s when the process died before Discord got the post', async () => {
    const sub = await subscribe();
    await dyingInstance('before Discord got it');
    expect(posts()).toHaveLength(0);

    const restarted = scheduler({});
    h.seeded.clock.set(at(45));
    await restarted.tick();
    expect(posts()).toHaveLength(1);
    expect(await runs.get(sub.id, SLOT)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('gets the first message back when the same digest is sent again within minutes (enforce_nonce)', async () => {
    const sub = await subscribe();
    const digest = await buildDigest(h.seeded.store, { since: '2026-03-01T09:00:00.000Z', until: SLOT });
    const mark = digestRunMark(sub.id, SLOT);
    const before = h.fake.requests.length;
    await sink().deliver(sub, digest, { emptyText: 'Nothing new.', mark });
    await sink().deliver(sub, digest, { emptyText: 'Nothing new.', mark });
    expect(posts()).toHaveLength(1);
    const sent = h.fake.requests
      .slice(before)
      .filter((r) => r.method === 'POST' && r.path === `/channels/${h.channel.id}/messages`);
    expect(sent).toHaveLength(2);
    expect(sent.map((r) => (r.body as { nonce?: string }).nonce)).toEqual([
      sent[0]?.body.nonce,
      sent[0]?.body.nonce,
    ]);
  });
});

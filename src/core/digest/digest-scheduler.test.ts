import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSqliteDatabase } from '../../store/sqlite/sqlite-article-store.js';
import {
  createSqliteDigestRunStore,
  createSqliteSubscriptionStore,
} from '../../store/sqlite/sqlite-subscription-store.js';
import { DeliveryError } from '../errors.js';
import type { Clock, Logger } from '../ports.js';
import type { Digest, DigestRequest, Story } from './digest.js';
import type { DeliverOptions, DigestSink, SubscriptionDraft } from './digest-ports.js';
import { createDigestScheduler, type DigestSchedulerOptions } from './digest-scheduler.js';
import type { PostMark } from './post-once.js';
import type { Subscription } from './subscription.js';

const MINUTE = 60_000;

class FakeClock implements Clock {
  constructor(private t: number) {}
  now = () => new Date(this.t);
  set = (iso: string) => {
    this.t = Date.parse(iso);
  };
  advance = (ms: number) => {
    this.t += ms;
  };
}

/** Records what was posted; throws the queued errors first, one per delivery. */
class FakeSink implements DigestSink {
  deliveries: { channelId: string; request: Digest['window']; stories: number; options: DeliverOptions }[] =
    [];
  notices: string[] = [];
  errors: Error[] = [];
  /** Holds each delivery until released (a slow post). */
  gate: Promise<void> | null = null;
  /** The marks of the posts in the channel, as the platform would show them. */
  marks: string[] = [];
  async deliver(sub: Subscription, digest: Digest, options: DeliverOptions) {
    const error = this.errors.shift();
    if (error) throw error;
    if (this.gate) await this.gate;
    this.marks.push(options.mark.id);
    this.deliveries.push({
      channelId: sub.channelId,
      request: digest.window,
      stories: digest.stories.length,
      options,
    });
  }
  async findDelivered(_sub: Subscription, mark: PostMark) {
    return this.marks.includes(mark.id);
  }
  async notifyFailure(_sub: Subscription, message: string) {
    this.notices.push(message);
  }
  untils = () => this.deliveries.map((d) => d.request.to);
}

class RecordingLogger implements Logger {
  entries: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  private log =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      this.entries.push({ level, message, fields });
    };
  debug = this.log('debug');
  info = this.log('info');
  warn = this.log('warn');
  error = this.log('error');
  count = (message: string) => this.entries.filter((e) => e.message === message).length;
}

function makeStory(overrides: Partial<Story> = {}): Story {
  return {
    id: 'a1',
    headline: 'Chip export rules tightened',
    summary: 'New rules apply from Monday.',
    facts: [{ text: 'New rules apply from Monday.', citations: [1] }],
    citations: [],
    articleIds: ['a1'],
    outlets: ['Reuters'],
    unknownOutlets: 0,
    disagreement: null,
    updated: false,
    newOutlets: [],
    latestAt: '2026-05-01T00:00:00.000Z',
    ...overrides,
  };
}

const dbs: Database.Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  vi.useRealTimers();
});

/** A database, a clock at `start`, one subscription, and a factory for schedulers over them. */
function setup(
  start: string,
  draft: Partial<SubscriptionDraft> = {},
  options: { path?: string; createdAt?: string } = {},
) {
  const db = openSqliteDatabase(options.path ?? ':memory:');
  dbs.push(db);
  const subscriptions = createSqliteSubscriptionStore(db);
  const runs = createSqliteDigestRunStore(db);
  const clock = new FakeClock(Date.parse(start));
  const logger = new RecordingLogger();
  const requests: DigestRequest[] = [];
  let stories = [makeStory()];
  const buildDigest = (request: DigestRequest): Digest => {
    requests.push(request);
    return {
      window: { from: request.since, to: request.until },
      topic: request.topic ?? null,
      stories,
      more: 0,
    };
  };
  const subscribe = (overrides: Partial<SubscriptionDraft> = {}) =>
    subscriptions.upsert(
      {
        platform: 'slack',
        workspaceId: 'T1',
        channelId: 'C1',
        schedule: { label: 'daily 08:00', cron: '0 8 * * *', timezone: 'UTC' },
        topic: null,
        quietWhenEmpty: false,
        createdBy: 'U1',
        ...draft,
        ...overrides,
      },
      options.createdAt ?? new Date(Date.parse(start) - 3 * 24 * 60 * MINUTE).toISOString(),
    );
  const scheduler = (sink: FakeSink, overrides: Partial<DigestSchedulerOptions> = {}) =>
    createDigestScheduler({
      subscriptions,
      runs,
      sinks: { slack: sink },
      buildDigest,
      clock,
      logger,
      owner: 'a',
      graceMs: 120 * MINUTE,
      maxAttempts: 3,
      backoffMs: MINUTE,
      leaseMs: 5 * MINUTE,
      ...overrides,
    });
  const setStories = (next: Story[]) => {
    stories = next;
  };
  return { db, subscriptions, runs, clock, logger, requests, subscribe, scheduler, setStories };
}

/** Ticks every `stepMinutes` from the clock's time until `end`. */
async function tickUntil(tick: () => Promise<unknown>, clock: FakeClock, end: string, stepMinutes = 10) {
  while (clock.now().getTime() <= Date.parse(end)) {
    await tick();
    clock.advance(stepMinutes * MINUTE);
  }
}

describe('createDigestScheduler', () => {
  it('posts 08:00 Asia/Kolkata at 02:30 UTC, once, with the window since the last digest', async () => {
    const env = setup(
      '2026-05-01T02:00:00Z',
      { schedule: { label: 'daily 08:00', cron: '0 8 * * *', timezone: 'Asia/Kolkata' } },
      { createdAt: '2026-04-30T12:00:00.000Z' },
    );
    await env.subscribe();
    const sink = new FakeSink();
    const scheduler = env.scheduler(sink);
    await tickUntil(scheduler.tick, env.clock, '2026-05-02T03:00:00Z', 1);
    expect(sink.untils()).toEqual(['2026-05-01T02:30:00.000Z', '2026-05-02T02:30:00.000Z']);
    expect(env.requests.map((r) => r.since)).toEqual([
      '2026-04-30T02:30:00.000Z',
      '2026-05-01T02:30:00.000Z',
    ]);
  });

  it('posts a daily 02:30 America/New_York at 03:00 EDT on the spring-forward day, once', async () => {
    const env = setup('2026-03-07T00:00:00Z', {
      schedule: { label: 'daily 02:30', cron: '30 2 * * *', timezone: 'America/New_York' },
    });
    await env.subscribe();
    const sink = new FakeSink();
    await tickUntil(env.scheduler(sink).tick, env.clock, '2026-03-09T12:00:00Z');
    expect(sink.untils()).toEqual([
      '2026-03-07T07:30:00.000Z', // 02:30 EST
      '2026-03-08T07:00:00.000Z', // 02:30 does not exist: 03:00 EDT, the first minute after the gap
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
    ]);
  });

  it('posts a daily 01:30 America/New_York once on the fall-back day, at the first 01:30', async () => {
    const env = setup('2026-10-31T00:00:00Z', {
      schedule: { label: 'daily 01:30', cron: '30 1 * * *', timezone: 'America/New_York' },
    });
    await env.subscribe();
    const sink = new FakeSink();
    await tickUntil(env.scheduler(sink).tick, env.clock, '2026-11-02T12:00:00Z');
    expect(sink.untils()).toEqual([
      '2026-10-31T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z', // 01:30 EDT; 01:30 EST (06:30Z) an hour later does not post again
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('sends nothing twice after a restart, and takes over a run whose owner died once its lease passes', async () => {
    const env = setup('2026-05-01T08:00:00Z');
    const { subscription } = await env.subscribe();
    const sink = new FakeSink();
    await env.scheduler(sink, { owner: 'first' }).tick();
    const restarted = env.scheduler(sink, { owner: 'second' });
    await tickUntil(restarted.tick, env.clock, '2026-05-01T10:00:00Z');
    expect(sink.untils()).toEqual(['2026-05-01T08:00:00.000Z']);

    env.clock.set('2026-05-02T08:00:00Z');
    await env.runs.claim(
      subscription.id,
      '2026-05-02T08:00:00.000Z',
      'crashed',
      5 * MINUTE,
      env.clock.now().toISOString(),
    );
    env.clock.advance(4 * MINUTE);
    await restarted.tick();
    expect(sink.deliveries).toHaveLength(1);
    env.clock.advance(MINUTE);
    await tickUntil(restarted.tick, env.clock, '2026-05-02T09:00:00Z');
    expect(sink.untils()).toEqual(['2026-05-01T08:00:00.000Z', '2026-05-02T08:00:00.000Z']);
  });

  it('keeps a slow post from being taken over while its owner renews the lease', async () => {
    const env = setup('2026-05-01T08:00:00Z');
    const { subscription } = await env.subscribe();
    const beats: (() => void)[] = [];
    const timers = { setInterval: (fn: () => void) => beats.push(fn), clearInterval: () => {} };
    const sink = new FakeSink();
    let release = () => {};
    sink.gate = new Promise((resolve) => {
      release = resolve;
    });
    const first = env.scheduler(sink, { owner: 'first', leaseMs: 30_000, timers });
    const slow = first.tick();
    await vi.waitFor(() => expect(beats).toHaveLength(1));
    const otherSink = new FakeSink();
    const other = env.scheduler(otherSink, { owner: 'other', leaseMs: 30_000, timers: { ...timers } });
    for (let s = 10; s <= 120; s += 10) {
      env.clock.advance(10_000);
      beats[0]?.();
      await other.tick();
    }
    expect(otherSink.deliveries).toHaveLength(0);
    release();
    await slow;
    expect(sink.deliveries).toHaveLength(1);
    expect(await env.runs.get(subscription.id, '2026-05-01T08:00:00.000Z')).toMatchObject({
      status: 'sent',
      owner: 'first',
      attempts: 1,
    });
  });

  it('does not post when its lease passed to another instance while it was stalled', async () => {
    const env = setup('2026-05-01T08:00:00Z');
    const { subscription } = await env.subscribe();
    const noTimers = { setInterval: () => null, clearInterval: () => {} };
    const sink = new FakeSink();
    let release = () => {};
    let stalled = true;
    const slowBuild = env.scheduler(sink, {
      owner: 'stalled',
      leaseMs: 30_000,
      timers: noTimers,
      buildDigest: async (request) => {
        if (stalled) {
          stalled = false;
          await new Promise<void>((resolve) => {
            release = resolve;
          });
        }
        return {
          window: { from: request.since, to: request.until },
          topic: null,
          stories: [makeStory()],
          more: 0,
        };
      },
    });
    const paused = slowBuild.tick();
    env.clock.advance(45_000);
    await env.scheduler(sink, { owner: 'other', leaseMs: 30_000, timers: noTimers }).tick();
    expect(sink.deliveries).toHaveLength(1);
    release();
    await paused;
    expect(sink.deliveries).toHaveLength(1);
    expect(env.logger.count('digest: not posted, the run passed to another instance')).toBe(1);
    expect(await env.runs.get(subscription.id, '2026-05-01T08:00:00.000Z')).toMatchObject({
      status: 'sent',
      owner: 'other',
    });
  });

  it('records a run whose post is already in the channel as sent, without posting it again', async () => {
    const env = setup('2026-05-01T08:00:00Z');
    const { subscription } = await env.subscribe();
    const slot = '2026-05-01T08:00:00.000Z';
    const sink = new FakeSink();
    await env.runs.claim(subscription.id, slot, 'crashed', 30_000, env.clock.now().toISOString());
    sink.marks.push(`${subscription.id}@${slot}`);
    env.clock.advance(31_000);
    await env.scheduler(sink, { owner: 'restarted', leaseMs: 30_000 }).tick();
    expect(sink.deliveries).toHaveLength(0);
    expect(await env.runs.get(subscription.id, slot)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await env.runs.lastSent(subscription.id)).toBe(slot);
  });

  it('does not post a run abandoned by a crashed owner once it is older than the grace window', async () => {
    const env = setup('2026-05-01T08:00:00Z');
    const { subscription } = await env.subscribe();
    const slot = '2026-05-01T08:00:00.000Z';
    await env.runs.claim(subscription.id, slot, 'crashed', 5 * MINUTE, env.clock.now().toISOString());
    env.clock.set('2026-05-01T17:00:00Z');
    const sink = new FakeSink();
    const restarted = env.scheduler(sink, { owner: 'restarted' });
    await tickUntil(restarted.tick, env.clock, '2026-05-01T18:00:00Z');
    expect(sink.deliveries).toEqual([]);
    expect(await env.runs.get(subscription.id, slot)).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('more than 120 minutes late'),
    });
    expect(sink.notices).toEqual([expect.stringContaining('The next digest will include its news.')]);
    env.clock.set('2026-05-02T08:00:00Z');
    await restarted.tick();
    expect(sink.untils()).toEqual(['2026-05-02T08:00:00.000Z']);
    expect(env.requests.at(-1)?.since).toBe('2026-05-01T08:00:00.000Z');
    expect(await env.subscriptions.listAll()).toHaveLength(1);
  });

  it('still retries a failed post whose back-off outlasts a short grace window', async () => {
    const env = setup('2026-05-01T08:00:00Z');
    await env.subscribe();
    const sink = new FakeSink();
    sink.errors.push(new DeliveryError('rate limited', true));
    const scheduler = env.scheduler(sink, { graceMs: MINUTE, backoffMs: 3 * MINUTE });
    await tickUntil(scheduler.tick, env.clock, '2026-05-01T08:10:00Z', 0.5);
    expect(sink.untils()).toEqual(['2026-05-01T08:00:00.000Z']);
  });

  it('catches up a run missed within the grace window exactly once', async () => {
    const env = setup('2026-05-01T09:30:00Z');
    await env.subscribe();
    const sink = new FakeSink();
    await tickUntil(env.scheduler(sink).tick, env.clock, '2026-05-01T12:00:00Z');
    expect(sink.untils()).toEqual(['2026-05-01T08:00:00.000Z']);
  });

  it('skips and logs (once) a run missed by more than the grace window', async () => {
    const env = setup('2026-05-01T10:01:00Z');
    await env.subscribe();
    const sink = new FakeSink();
    await tickUntil(env.scheduler(sink).tick, env.clock, '2026-05-01T12:00:00Z');
    expect(sink.deliveries).toEqual([]);
    expect(env.logger.count('digest: missed run skipped')).toBe(1);
  });

  it('does not catch up a time from before the subscription existed', async () => {
    const env = setup('2026-05-01T09:00:00Z', {}, { createdAt: '2026-05-01T08:30:00.000Z' });
    await env.subscribe();
    const sink = new FakeSink();
    await tickUntil(env.scheduler(sink).tick, env.clock, '2026-05-02T08:00:00Z');
    expect(sink.untils()).toEqual(['2026-05-02T08:00:00.000Z']);
  });

  it('posts one digest per scheduled time with two schedulers on one database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-sched-'));
    try {
      const path = join(dir, 'brief.db');
      const a = setup('2026-05-01T07:00:00Z', {}, { path });
      await a.subscribe({
        schedule: { label: 'cron 0 8,20 * * *', cron: '0 8,20 * * *', timezone: 'Europe/Berlin' },
      });
      const b = setup('2026-05-01T07:00:00Z', {}, { path });
      const sinkA = new FakeSink();
      const sinkB = new FakeSink();
      const one = a.scheduler(sinkA, { owner: 'a' });
      const two = b.scheduler(sinkB, { owner: 'b', clock: a.clock });
      await tickUntil(() => Promise.all([one.tick(), two.tick()]), a.clock, '2026-05-03T05:00:00Z', 5);
      const posted = [...sinkA.untils(), ...sinkB.untils()].sort();
      expect(posted).toEqual([
        '2026-05-01T06:00:00.000Z',
        '2026-05-01T18:00:00.000Z',
        '2026-05-02T06:00:00.000Z',
        '2026-05-02T18:00:00.000Z',
      ]);
    } finally {
      for (const db of dbs.splice(0)) db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('retries a failed post with back-off and records it as sent only once it goes through', async () => {
    const env = setup('2026-05-01T08:00:00Z');
    const { subscription } = await env.subscribe();
    const sink = new FakeSink();
    sink.errors.push(new DeliveryError('rate limited', true), new DeliveryError('502 from Slack', true));
    const scheduler = env.scheduler(sink);
    await scheduler.tick();
    expect(await env.runs.lastSent(subscription.id)).toBeNull();
    await tickUntil(scheduler.tick, env.clock, '2026-05-01T08:02:30Z', 0.5); // 2nd try at 08:01
    expect(sink.deliveries).toHaveLength(0);
    expect(sink.errors).toHaveLength(0);
    await tickUntil(scheduler.tick, env.clock, '2026-05-01T08:10:00Z', 0.5); // 3rd try at 08:03
    expect(sink.untils()).toEqual(['2026-05-01T08:00:00.000Z']);
    expect(await env.runs.get(subscription.id, '2026-05-01T08:00:00.000Z')).toMatchObject({
      status: 'sent',
      attempts: 3,
    });
    expect(sink.notices).toEqual([]);
  });

  it('gives up after maxAttempts: marks it failed, logs the code and cause, and tells the channel', async () => {
    const env = setup('2026-05-01T08:00:00Z');
    const { subscription } = await env.subscribe();
    const sink = new FakeSink();
    const cause = new Error('socket hang up');
    for (let i = 0; i < 5; i++) sink.errors.push(new DeliveryError('Slack did not answer', true, { cause }));
    await tickUntil(env.scheduler(sink).tick, env.clock, '2026-05-01T09:00:00Z', 0.5);
    expect(sink.errors).toHaveLength(2); // three tries
    expect(await env.runs.get(subscription.id, '2026-05-01T08:00:00.000Z')).toMatchObject({
      status: 'failed',
      attempts: 3,
    });
    expect(await env.runs.lastSent(subscription.id)).toBeNull();
    expect(sink.notices).toHaveLength(1);
    expect(sink.notices[0]).toContain('after 3 tries: Slack did not answer');
    const logged = env.logger.entries.find((e) => e.message === 'digest: post failed, giving up');
    expect(logged?.fields).toMatchObject({ code: 'delivery', cause });
  });

  it('gives up at once on an error that retrying cannot fix', async () => {
    const env = setup('2026-05-01T08:00:00Z');
    await env.subscribe();
    const sink = new FakeSink();
    sink.errors.push(new DeliveryError('channel_not_found', false));
    await tickUntil(env.scheduler(sink).tick, env.clock, '2026-05-01T09:00:00Z', 0.5);
    expect(sink.notices).toEqual([expect.stringContaining('after 1 try: channel_not_found')]);
  });

  it('stops a subscription whose channel is gone after three scheduled digests in a row, and says so', async () => {
    const env = setup('2026-05-01T07:00:00Z');
    await env.subscribe();
    const sink = new FakeSink();
    for (let i = 0; i < 5; i++) sink.errors.push(new DeliveryError('channel_not_found', false));
    await tickUntil(env.scheduler(sink).tick, env.clock, '2026-05-04T12:00:00Z', 30);
    expect(sink.notices).toHaveLength(3);
    expect(sink.notices[1]).toContain('The next digest will include its news.');
    expect(sink.notices[2]).toContain('3 scheduled digests in a row, so I have stopped this subscription');
    expect(await env.subscriptions.listAll()).toEqual([]);
    expect(sink.errors).toHaveLength(2); // nothing tried on the 4th
    expect(env.logger.entries.map((e) => e.message)).toContain(
      'digest: subscription stopped after repeated failures',
    );
  });

  it('keeps a subscription whose failures are not all in a row, or could pass on a retry', async () => {
    const env = setup('2026-05-01T07:00:00Z');
    await env.subscribe();
    const sink = new FakeSink();
    const scheduler = env.scheduler(sink, { maxAttempts: 1 });
    sink.errors.push(
      new DeliveryError('channel_not_found', false),
      new DeliveryError('not_in_channel', false),
    );
    await tickUntil(scheduler.tick, env.clock, '2026-05-02T12:00:00Z', 30);
    await tickUntil(scheduler.tick, env.clock, '2026-05-03T12:00:00Z', 30); // posted
    // Three failures in a row again, but the last two could pass on a retry (a rate limit).
    sink.errors.push(
      new DeliveryError('channel_not_found', false),
      new DeliveryError('rate limited', true),
      new DeliveryError('rate limited', true),
    );
    await tickUntil(scheduler.tick, env.clock, '2026-05-06T12:00:00Z', 30);
    expect(sink.deliveries).toHaveLength(1);
    expect(sink.notices).toHaveLength(5);
    expect(sink.notices.join('\n')).not.toContain('stopped');
    expect(await env.subscriptions.listAll()).toHaveLength(1);
  });

  it('stays quiet when nothing is new for a quiet subscription, and says so otherwise', async () => {
    const env = setup('2026-05-01T08:00:00Z');
    const quiet = await env.subscribe({ quietWhenEmpty: true, topic: 'AI' });
    await env.subscribe({ channelId: 'C2' });
    env.setStories([]);
    const sink = new FakeSink();
    await env.scheduler(sink, { emptyText: 'Nothing new.' }).tick();
    expect(sink.deliveries).toEqual([
      {
        channelId: 'C2',
        request: expect.anything(),
        stories: 0,
        options: { emptyText: 'Nothing new.', mark: expect.objectContaining({ kind: 'digest' }) },
      },
    ]);
    expect(await env.runs.lastSent(quiet.subscription.id)).toBe('2026-05-01T08:00:00.000Z');
  });

  it('drops a run still retrying when the next scheduled time comes, and says so', async () => {
    const env = setup('2026-05-01T08:00:00Z', {
      schedule: { label: 'cron */15 * * * *', cron: '*/15 * * * *', timezone: 'UTC' },
    });
    await env.subscribe();
    const sink = new FakeSink();
    sink.errors.push(new DeliveryError('rate limited', true), new DeliveryError('rate limited', true));
    await tickUntil(
      env.scheduler(sink, { backoffMs: 10 * MINUTE, maxAttempts: 4 }).tick,
      env.clock,
      '2026-05-01T08:40:00Z',
      0.5,
    );
    expect(sink.untils()).toEqual(['2026-05-01T08:15:00.000Z', '2026-05-01T08:30:00.000Z']);
    expect(sink.notices).toEqual([expect.stringContaining('the next scheduled time came first')]);
  });

  it('leaves a platform without a sink here to another instance', async () => {
    const env = setup('2026-05-01T08:00:00Z');
    const { subscription } = await env.subscribe({ platform: 'discord' });
    await tickUntil(env.scheduler(new FakeSink()).tick, env.clock, '2026-05-01T08:30:00Z');
    expect(await env.runs.get(subscription.id, '2026-05-01T08:00:00.000Z')).toBeNull();
    expect(env.logger.count('digest: no sink here for platform')).toBe(1);
  });

  it('on stop, finishes the post in progress and leaves the subscriptions not reached yet unclaimed', async () => {
    const env = setup('2026-05-01T08:00:30Z');
    const first = (await env.subscribe({ channelId: 'C1' })).subscription;
    const second = (await env.subscribe({ channelId: 'C2' })).subscription;
    const sink = new FakeSink();
    let release!: () => void;
    sink.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const scheduler = env.scheduler(sink);
    const pass = scheduler.tick();
    while ((await env.runs.get(first.id, '2026-05-01T08:00:00.000Z')) === null)
      await new Promise((resolve) => setImmediate(resolve));
    const stopped = scheduler.stop();
    release();
    await Promise.all([pass, stopped]);
    expect(sink.deliveries.map((d) => d.channelId)).toEqual(['C1']);
    expect(await env.runs.get(first.id, '2026-05-01T08:00:00.000Z')).toMatchObject({ status: 'sent' });
    // Left due: another instance (or this one after a restart) claims and posts it.
    expect(await env.runs.get(second.id, '2026-05-01T08:00:00.000Z')).toBeNull();
  });

  it('ticks on start and every tickMs until stopped', async () => {
    vi.useFakeTimers();
    const env = setup('2026-05-01T07:59:00Z');
    await env.subscribe();
    const sink = new FakeSink();
    const scheduler = env.scheduler(sink, { tickMs: 30_000 });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(sink.deliveries).toHaveLength(0);
    env.clock.set('2026-05-01T08:00:10Z');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sink.deliveries).toHaveLength(1);
    await scheduler.stop();
    env.clock.set('2026-05-02T08:00:10Z');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sink.deliveries).toHaveLength(1);
  });
});

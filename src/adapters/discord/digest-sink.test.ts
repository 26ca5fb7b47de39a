/**
 * End-to-end: the digest scheduler posting through the Discord sink, over the seeded database, to the
 * fake Discord via the real discord.js client: one post per scheduled time, follow-ups on the digest,
 * failures retried or not as Discord's answer says, the subscriber told by direct message, no pings.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordAPIError, HTTPError } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../core/digest/build-digest.js';
import type { DigestRunStore, SubscriptionStore } from '../../core/digest/digest-ports.js';
import { createDigestScheduler, type DigestScheduler } from '../../core/digest/digest-scheduler.js';
import { digestRunMark } from '../../core/digest/post-once.js';
import type { Subscription } from '../../core/digest/subscription.js';
import { DeliveryError } from '../../core/errors.js';
import { ingestInputs } from '../../ingest/ingest-inputs.js';
import {
  createSqliteDigestRunStore,
  createSqliteSubscriptionStore,
} from '../../store/sqlite/sqlite-subscription-store.js';
import { createSeededBriefing } from '../../test-support/seeded-briefing.js';
import { createDiscordDigestSink, type DiscordPoster } from './digest-sink.js';
import { markLine, markNonce } from './digest-sink-marks.js';
import { toDeliveryError } from './discord-errors.js';
import { createMemoryLogger } from './testing/bot-harness.js';
import { makeThread, snowflake } from './testing/discord-payloads.js';
import { type GuildHarness, type PostedMessage, startGuildHarness } from './testing/guild-harness.js';

const NOW = '2026-03-02T09:00:00.000Z';
const SLOT = NOW;
const RATE_LIMITED = {
  status: 429,
  body: { message: 'You are being rate limited.', retry_after: 0.3, global: false },
  headers: {
    'retry-after': '0.3',
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset-after': '0.3',
    'x-ratelimit-bucket': 'digest-channel-messages',
    'x-ratelimit-scope': 'user',
  },
};

describe('discord digest sink', () => {
  let h: GuildHarness;
  let subscriptions: SubscriptionStore;
  let runs: DigestRunStore;
  let scheduler: DigestScheduler;

  beforeAll(async () => {
    h = await startGuildHarness();
    subscriptions = createSqliteSubscriptionStore(h.seeded.db);
    runs = createSqliteDigestRunStore(h.seeded.db);
    scheduler = createDigestScheduler({
      subscriptions,
      runs,
      sinks: {
        discord: createDiscordDigestSink(h.bot, {
          conversations: h.seeded.conversations,
          clock: h.seeded.clock,
          logger: h.logger,
        }),
      },
      buildDigest: (request) => buildDigest(h.seeded.store, request),
      clock: h.seeded.clock,
      logger: h.logger,
      owner: 'test-instance',
      graceMs: 2 * 60 * 60_000,
      maxAttempts: 4,
      backoffMs: 60_000,
      leaseMs: 5 * 60_000,
    });
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(async () => {
    expect(h.fake.mentionViolations).toEqual([]);
    for (const sub of await subscriptions.listAll()) {
      await subscriptions.remove({ platform: 'discord', channelId: sub.channelId });
    }
    h.seeded.clock.set(NOW);
  });

  /** A daily 09:00 UTC digest, subscribed the day before. */
  const subscribe = async (channelId: string): Promise<Subscription> => {
    const draft = {
      platform: 'discord' as const,
      workspaceId: h.guild.id,
      channelId,
      schedule: { label: 'daily 09:00', cron: '0 9 * * *', timezone: 'UTC' },
      topic: null,
      quietWhenEmpty: false,
      createdBy: h.user.id,
    };
    return (await subscriptions.upsert(draft, '2026-03-01T12:00:00.000Z')).subscription;
  };
  const postsTo = (channelId: string) =>
    h.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);

  it('posts the scheduled digest once, and answers a reply to it with the digest as context', async () => {
    const sub = await subscribe(h.channel.id);
    await scheduler.tick();
    await scheduler.tick();
    const posts = postsTo(h.channel.id);
    expect(posts).toHaveLength(1);
    const body = posts[0]?.body as {
      content: string;
      embeds: { title: string }[];
      allowed_mentions: unknown;
    };
    expect(body.content).toBe(
      `📰 **News digest: 1 story since 2026-03-01 09:00 UTC**\n${markLine(digestRunMark(sub.id, SLOT))}`,
    );
    expect(body.content).toMatch(/\n-# digest [0-9a-f]{12}$/);
    expect(posts[0]?.body).toMatchObject({
      nonce: markNonce(digestRunMark(sub.id, SLOT), 0),
      enforce_nonce: true,
    });
    expect(body.embeds[0]?.title).toMatch(/^1\. OpenAI Signs \$38 Billion AWS Deal/);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(await runs.get(sub.id, SLOT)).toMatchObject({ status: 'sent', attempts: 1 });

    const digest = h.fake.channelPosts(h.channel.id).at(-1) as PostedMessage;
    const question = h.say(h.channel.id, h.mention('How many years does the deal run?'), { replyTo: digest });
    await h.replyTo(question.id);
    const context = [
      {
        question: expect.stringMatching(/^Today's digest: OpenAI Signs \$38 Billion AWS Deal/),
        answer: expect.stringMatching(
          /^1\. OpenAI Signs \$38 Billion AWS Deal.*\nOpenAI has made a significant move to diversify its cloud computing presence\. The company/,
        ),
      },
    ];
    expect(h.briefing.asked.at(-1)).toMatchObject({
      question: 'How many years does the deal run?',
      options: { history: context },
    });

    // A thread started from the digest message has the message's id: it continues the same conversation.
    const thread = makeThread(h.guild.id, h.channel.id, { id: digest.id, name: 'digest talk' });
    h.guild.threads.push(thread);
    h.fake.gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true }, h.guild.id);
    const inThread = h.say(thread.id, h.mention('Who supplies the chips?'));
    await h.replyTo(inThread.id);
    expect(h.briefing.asked.at(-1)).toMatchObject({
      question: 'Who supplies the chips?',
      options: {
        history: [...context, expect.objectContaining({ question: 'How many years does the deal run?' })],
      },
    });
  });

  it('does not retry an Unknown Channel, marks the run failed and tells the subscriber by direct message', async () => {
    const gone = snowflake();
    const sub = await subscribe(gone);
    await scheduler.tick();
    expect(await runs.get(sub.id, SLOT)).toMatchObject({ status: 'failed', attempts: 1 });
    const dm = await h.fake.waitForRequest((r) => r.method === 'POST' && r.path === '/users/@me/channels');
    expect(dm.body).toEqual({ recipient_id: h.user.id });
    const dmChannel = [...h.fake.state.dmChannels.values()].find((c) => c.recipients[0]?.id === h.user.id);
    const notice = await h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/channels/${dmChannel?.id}/messages`,
    );
    expect(notice.body.content).toBe(
      `About the digest you set up in <#${gone}>: I couldn't post the digest for Mon 2 Mar 09:00 ` +
        '(daily at 09:00 UTC (next: Tue 3 Mar 09:00)) after 1 try: the channel no longer exists ' +
        '(Discord: Unknown Channel). The next digest will include its news.',
    );

    const lookups = () => h.fake.requests.filter((r) => r.path === `/channels/${gone}`).length;
    const before = lookups();
    h.seeded.clock.set('2026-03-02T09:10:00.000Z');
    await scheduler.tick();
    expect(lookups()).toBe(before);
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({
        message: 'digest: post failed, giving up',
        fields: expect.objectContaining({
          code: 'delivery',
          error: 'the channel no longer exists (Discord: Unknown Channel)',
        }),
      }),
    );
  });

  it('logs when the subscriber cannot be told either', async () => {
    h.fake.override('POST', /^\/users\/@me\/channels$/, {
      status: 403,
      body: { code: 50007, message: 'Cannot send messages to this user' },
    });
    await subscribe(snowflake());
    await scheduler.tick();
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'discord digest: could not tell the subscriber it failed',
        fields: expect.objectContaining({ code: 'delivery', userId: h.user.id, discordCode: 50007 }),
      }),
    );
  });

  it('only logs a failed digest that no person subscribed to (DIGEST_CHANNELS)', async () => {
    const sub = await subscribe(snowflake());
    await subscriptions.upsert({ ...sub, createdBy: 'config' }, '2026-03-01T12:00:00.000Z');
    const dms = () => h.fake.requests.filter((r) => r.path === '/users/@me/channels').length;
    const before = dms();
    await scheduler.tick();
    expect(dms()).toBe(before);
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({
        message: 'digest: failed, and no subscriber to tell (DIGEST_CHANNELS)',
        fields: expect.objectContaining({
          subscriptionId: sub.id,
          message: expect.stringMatching(/Unknown Channel/),
        }),
      }),
    );
  });

  it('waits out a 429 and posts; retries a run Discord kept failing with 5xx at the next attempt', async () => {
    h.fake.override('POST', new RegExp(`^/channels/${h.channel.id}/messages$`), RATE_LIMITED);
    const first = await subscribe(h.channel.id);
    const before = postsTo(h.channel.id).length;
    await scheduler.tick();
    expect(
      postsTo(h.channel.id)
        .slice(before)
        .map((r) => r.status),
    ).toEqual([429, 200]);
    expect(await runs.get(first.id, SLOT)).toMatchObject({ status: 'sent', attempts: 1 });

    await subscriptions.remove({ platform: 'discord', channelId: h.channel.id });
    const second = await subscribe(h.channel.id);
    h.fake.override('POST', new RegExp(`^/channels/${h.channel.id}/messages$`), { status: 503 }, 4);
    await scheduler.tick();
    expect(await runs.get(second.id, SLOT)).toMatchObject({ status: 'retrying', attempts: 1 });
    h.seeded.clock.set('2026-03-02T09:01:00.000Z');
    await scheduler.tick();
    expect(await runs.get(second.id, SLOT)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(
      postsTo(h.channel.id)
        .slice(before + 2)
        .map((r) => r.status),
    ).toEqual([503, 503, 503, 503, 200]);
  });

  it('never pings from an article that says @everyone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-digest-'));
    try {
      writeFileSync(
        join(dir, 'ping.json'),
        JSON.stringify({
          title: '@everyone Zeppelin airline resumes transatlantic flights',
          url: 'https://example.com/zeppelin',
          source: 'Skyward',
          text: '@everyone @here the zeppelin airline Luftschiff resumes transatlantic flights from Friends Field. Luftschiff said the zeppelin flights carry forty passengers each way. <@&123456789> Tickets for the zeppelin crossing cost 2,000 euros.',
        }),
      );
      await ingestInputs([dir], { store: h.seeded.store, clock: h.seeded.clock, root: dir });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const before = postsTo(h.channel.id).length;
    await subscribe(h.channel.id);
    await scheduler.tick();
    const [post] = postsTo(h.channel.id).slice(before);
    const text = JSON.stringify(post?.body.embeds);
    expect(text).toContain('@everyone Zeppelin airline');
    expect(text).toContain('"url":"https://example.com/zeppelin"');
    expect(post?.body.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('toDeliveryError', () => {
  const refusal = (status: number, code: number, message: string) =>
    new DiscordAPIError({ code, message }, code, status, 'POST', '/channels/1/messages', {});

  it('retries what may pass (rate limits, 5xx, the network) and not a channel closed to the bot', () => {
    const retryable = (error: unknown) => {
      const mapped = toDeliveryError(error);
      expect(mapped).toBeInstanceOf(DeliveryError);
      return (mapped as DeliveryError).retryable;
    };
    expect(retryable(refusal(404, 10003, 'Unknown Channel'))).toBe(false);
    expect(retryable(refusal(403, 50001, 'Missing Access'))).toBe(false);
    expect(retryable(refusal(403, 50013, 'Missing Permissions'))).toBe(false);
    expect(retryable(refusal(400, 50035, 'Invalid Form Body'))).toBe(false);
    expect(retryable(refusal(429, 0, 'You are being rate limited.'))).toBe(true);
    expect(retryable(refusal(502, 0, 'Bad Gateway'))).toBe(true);
    expect(retryable(new HTTPError(503, 'Service Unavailable', 'POST', '/channels/1/messages', {}))).toBe(
      true,
    );
    expect(retryable(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }))).toBe(true);
    expect(toDeliveryError(refusal(403, 50013, 'Missing Permissions')).message).toMatch(
      /missing a permission in that channel .* Send Messages and Embed Links/,
    );
  });
});

describe('createDiscordDigestSink, when Discord fails midway', () => {
  it('keeps a partly posted digest as posted (a retry would repeat it) and logs the rest', async () => {
    const seeded = await createSeededBriefing();
    const logger = createMemoryLogger();
    const posted: string[] = [];
    const poster: DiscordPoster = {
      post: async (channelId) => {
        if (posted.length > 0) throw new HTTPError(503, 'Service Unavailable', 'POST', '/channels', {});
        posted.push(channelId);
        return { id: '111111111111', place: { guildId: '222222222222', channelId, threadParentId: null } };
      },
      sendDirect: async () => {
        throw new Error('not used');
      },
      findMarked: async () => [],
    };
    const sink = createDiscordDigestSink(poster, {
      conversations: seeded.conversations,
      clock: seeded.clock,
      logger,
    });
    const digest = await buildDigest(seeded.store, { since: '2026-03-01T09:00:00.000Z', until: NOW });
    const long = {
      ...digest,
      stories: Array.from({ length: 4 }, () => ({ ...digest.stories[0], summary: 'Deal. '.repeat(700) })),
    } as typeof digest;
    const sub = { id: 's1', channelId: '333333333333', workspaceId: '222222222222' } as Subscription;
    const mark = digestRunMark(sub.id, NOW);
    await expect(sink.deliver(sub, long, { emptyText: 'Nothing new.', mark })).resolves.toBeUndefined();
    expect(posted).toEqual(['333333333333']);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        message: 'discord digest: only part of it was posted',
        fields: expect.objectContaining({ posted: 1 }),
      }),
    );
    expect(await seeded.conversations.hasConversation('discord:222222222222:333333333333:111111111111')).toBe(
      true,
    );
    seeded.close();
  });
});

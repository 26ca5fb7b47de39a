/**
 * @module adapters/slack/digest-sink.test
 * Scheduled digests end to end: the core scheduler with the Slack sink over the seeded database posts
 * through the real Bolt client to the local Slack; follow-ups in the digest's thread; failures and retries.
 */
import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import type { AskOptions, Briefing } from '../../core/briefing.js';
import { ensureConfiguredSubscriptions } from '../../core/digest/configured-subscriptions.js';
import { DeliveryError } from '../../core/errors.js';
import { digestDeliveryError } from './digest-sink.js';
import { toDeliveryError } from './slack-errors.js';
import { conversationKey } from './slack-runtime.js';
import {
  type DigestHarness,
  makeDigest,
  makeStory,
  makeWellSourcedStories,
  startDigestHarness,
} from './testing/digest-fixtures.js';
import { TEAM_ID } from './testing/fake-slack-server.js';
import { allText } from './testing/inspect.js';
import type { SlackMode } from './testing/slack-harness.js';
import { CHANNEL, messageEvent, USER } from './testing/slack-payloads.js';

/** Something Slack would turn into a notification. */
const PING = /<[!@]|(^|[\s"(>*_])@(channel|here|everyone|[A-Z0-9]{6,})\b/;
/** 08:00 in Berlin (CET) on the day after the seed articles arrive. */
const SLOT = '2026-03-03T07:00:00.000Z';

/** The seeded briefing, recording the options of every question asked. */
function recordingAsks(asked: AskOptions[]) {
  return (seeded: Briefing): Briefing => ({
    ...seeded,
    ask: (question, options) => {
      asked.push(options ?? {});
      return seeded.ask(question, options);
    },
  });
}

describe.each<SlackMode>(['http', 'socket'])('Slack digest sink (%s mode)', (mode) => {
  let h: DigestHarness;
  afterEach(async () => {
    await h.close();
  });

  /** Subscribes this channel through `/brief`, then moves the clock to the first scheduled time. */
  async function subscribeAndWait(spec = 'daily 08:00 tz Europe/Berlin topic AWS') {
    const { responseId } = await h.command(`subscribe ${spec}`);
    await h.fake.waitForResponse('the confirmation', (r) => r.id === responseId);
    const [subscription] = await h.subscriptions.listAll();
    if (!subscription) throw new Error('not subscribed');
    h.seeded.clock.set('2026-03-03T07:00:20.000Z');
    return subscription;
  }

  it('posts the scheduled digest once, and answers a follow-up in its thread with the digest as context', async () => {
    const asked: AskOptions[] = [];
    h = await startDigestHarness(mode, { briefing: recordingAsks(asked) });
    const subscription = await subscribeAndWait();
    const scheduler = h.scheduler();
    await scheduler.tick();
    await scheduler.tick();
    h.seeded.clock.set('2026-03-03T07:20:00.000Z');
    await scheduler.tick();

    const posts = h.posts();
    expect(posts).toHaveLength(1);
    const [digest] = posts;
    expect(digest?.args.channel).toBe(CHANNEL);
    expect(digest?.args.thread_ts).toBeUndefined();
    const text = allText(digest?.args ?? {});
    expect(text).toContain('News digest on \\"AWS\\": 1 story since');
    expect(text).toContain('OpenAI Signs $38 Billion AWS Deal');
    expect(text).toContain('5 sources: AIInsightsNews, Amazon, GeekWire, 2 unnamed');
    expect(text).toContain(':warning: Sources disagree');
    expect(await h.runs.get(subscription.id, SLOT)).toMatchObject({ status: 'sent', attempts: 1 });

    const digestTs = '1800000000.000001'; // the fake Slack's ts of the first message
    const followUp = messageEvent({ text: 'how big is the deal?', thread_ts: digestTs });
    await h.deliver(followUp);
    await h.logger.waitFor(
      'the follow-up answer',
      (e) => e.message === 'slack answer posted' && e.fields.ts === followUp.event.ts,
    );
    expect(asked[0]?.history).toEqual([
      expect.objectContaining({
        question: expect.stringMatching(/^Today's digest: OpenAI Signs \$38 Billion AWS Deal/),
        answer: expect.stringMatching(
          /^1\. OpenAI Signs \$38 Billion AWS Deal.*\nOpenAI has made a significant move/,
        ),
      }),
    ]);
    const answer = h.posts().find((p) => p.args.thread_ts === digestTs);
    expect(answer?.args.channel).toBe(CHANNEL);
    expect(allText(answer?.args ?? {})).toContain('38 billion');
  });

  it('gives up at once on channel_not_found, marks the run failed and DMs the subscriber', async () => {
    h = await startDigestHarness(mode);
    const subscription = await subscribeAndWait();
    h.fake.script('chat.postMessage', { body: { ok: false, error: 'channel_not_found' } });
    const scheduler = h.scheduler();
    await scheduler.tick();

    expect(await h.runs.get(subscription.id, SLOT)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: expect.stringContaining('channel_not_found'),
    });
    const [attempt, dm] = h.posts();
    expect(attempt?.args.channel).toBe(CHANNEL);
    expect(dm?.args.channel).toBe(USER);
    const notice = allText(dm?.args ?? {});
    expect(notice).toContain(`The digest about “AWS” for <#${CHANNEL}> did not go out.`);
    expect(notice).toContain('after 1 try: Slack refused the digest (channel_not_found)');
    expect(notice).toContain('the channel no longer exists');
    const logged = h.logger.entries.find((e) => e.message === 'digest: post failed, giving up');
    expect(logged?.fields.code).toBe('delivery');

    h.seeded.clock.set('2026-03-03T07:30:00.000Z');
    await scheduler.tick();
    expect(h.posts()).toHaveLength(2);
  });

  it('logs it when even the DM to the subscriber fails', async () => {
    h = await startDigestHarness(mode);
    const subscription = await subscribeAndWait();
    h.fake.script(
      'chat.postMessage',
      { body: { ok: false, error: 'not_in_channel' } },
      { body: { ok: false, error: 'user_not_found' } },
    );
    await h.scheduler().tick();
    const logged = await h.logger.waitFor(
      'the undelivered notice',
      (e) => e.message === 'slack digest failure not reported to the subscriber',
    );
    expect(logged.fields).toMatchObject({ code: 'delivery', subscriptionId: subscription.id, user: USER });
    expect(String(logged.fields.message)).toContain('invite me with /invite @Briefbot');
  });

  it('answers in the thread of a DIGEST_CHANNELS digest, and logs its failures instead of DMing "config"', async () => {
    const asked: AskOptions[] = [];
    h = await startDigestHarness(mode, { briefing: recordingAsks(asked) });
    const configured = { channels: [`slack:${CHANNEL}`], cron: '0 8 * * *', timezone: 'Europe/Berlin' };
    await ensureConfiguredSubscriptions(h.subscriptions, configured, h.seeded.clock.now());
    h.seeded.clock.set('2026-03-03T07:00:20.000Z');
    await h.scheduler().tick();
    const [digest] = h.posts();
    expect(digest?.args.channel).toBe(CHANNEL);

    const followUp = messageEvent({ text: 'how big is the deal?', thread_ts: '1800000000.000001' });
    await h.deliver(followUp);
    await h.logger.waitFor(
      'the follow-up answer',
      (e) => e.message === 'slack answer posted' && e.fields.ts === followUp.event.ts,
    );
    expect(asked[0]?.history?.[0]?.question).toMatch(/^Today's digest: /);

    h.fake.script('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    h.seeded.clock.set('2026-03-04T07:00:20.000Z');
    await h.scheduler().tick();
    const logged = await h.logger.waitFor(
      'the operator notice',
      (e) => e.message === 'digest: failed, and no subscriber to tell (DIGEST_CHANNELS)',
    );
    expect(String(logged.fields.message)).toContain('not_in_channel');
    expect(h.posts().filter((p) => p.args.channel === 'config')).toEqual([]);
  });

  it('rides out a 429 inside the Web API client and posts the digest once', async () => {
    h = await startDigestHarness(mode);
    const subscription = await subscribeAndWait();
    h.fake.script('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '0' },
      body: { ok: false, error: 'ratelimited' },
    });
    await h.scheduler().tick();
    expect(h.posts()).toHaveLength(2);
    expect(await h.runs.get(subscription.id, SLOT)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('retries later when Slack keeps answering 429, and posts once it accepts', async () => {
    h = await startDigestHarness(mode);
    const subscription = await subscribeAndWait();
    const limited = {
      status: 429,
      headers: { 'retry-after': '0' },
      body: { ok: false, error: 'ratelimited' },
    };
    h.fake.script('chat.postMessage', limited, limited, limited); // the client's three tries
    const scheduler = h.scheduler();
    await scheduler.tick();
    expect(await h.runs.get(subscription.id, SLOT)).toMatchObject({
      status: 'retrying',
      lastError: 'Slack rate-limited the digest',
    });
    h.seeded.clock.set('2026-03-03T07:01:30.000Z');
    await scheduler.tick();
    expect(await h.runs.get(subscription.id, SLOT)).toMatchObject({ status: 'sent', attempts: 2 });
    const posts = h.posts();
    expect(posts).toHaveLength(4);
    expect(posts.every((p) => p.args.channel === CHANNEL)).toBe(true);
  });

  it('posts the empty text when nothing is new, and remembers no thread for it', async () => {
    h = await startDigestHarness(mode);
    await subscribeAndWait('daily 08:00 tz Europe/Berlin topic volcanoes');
    await h.scheduler({ emptyText: 'Nothing new since the last digest.' }).tick();
    const [post] = h.posts();
    expect(post?.args.text).toBe('Nothing new since the last digest.');
    expect(
      await h.seeded.conversations.hasConversation(conversationKey(TEAM_ID, CHANNEL, String(post?.args.ts))),
    ).toBe(false);
  });

  it('neutralises mentions from articles in a scheduled digest', async () => {
    const hostile = makeStory({
      headline: '<!channel> @here OpenAI deal',
      summary: '<!everyone> read this <@U999ABC> [1]',
      outlets: ['@channel'],
    });
    h = await startDigestHarness(mode, {
      buildDigest: (request) =>
        makeDigest({ window: { from: request.since, to: request.until }, stories: [hostile] }),
    });
    await subscribeAndWait('daily 08:00 tz Europe/Berlin');
    await h.scheduler().tick();
    const [post] = h.posts();
    expect(allText(post?.args ?? {})).toContain('OpenAI deal');
    expect(allText(post?.args ?? {})).not.toMatch(PING);
  });

  it('posts a digest of many well-sourced stories in several messages that Slack accepts', async () => {
    const stories = makeWellSourcedStories();
    h = await startDigestHarness(mode, {
      buildDigest: (request) => makeDigest({ window: { from: request.since, to: request.until }, stories }),
    });
    const subscription = await subscribeAndWait('daily 08:00 tz Europe/Berlin');
    await h.scheduler().tick();
    expect(await h.runs.get(subscription.id, SLOT)).toMatchObject({ status: 'sent', attempts: 1 });
    const posts = h.posts();
    expect(posts.length).toBeGreaterThan(1);
    const text = posts.map((p) => allText(p.args)).join('\n');
    for (let i = 1; i <= 5; i++) expect(text).toContain(`Story ${i}`);
  });
});

describe('digestDeliveryError', () => {
  const platformError = (reason: string) =>
    toDeliveryError(
      Object.assign(new Error(`An API error occurred: ${reason}`), {
        code: webApi.ErrorCode.PlatformError,
        data: { ok: false, error: reason },
      }),
      'chat.postMessage',
    );

  it('does not retry refusals that trying again cannot fix', () => {
    for (const reason of [
      'channel_not_found',
      'not_in_channel',
      'is_archived',
      'account_inactive',
      'invalid_auth',
      'missing_scope',
    ]) {
      const error = digestDeliveryError(platformError(reason));
      expect(error).toBeInstanceOf(DeliveryError);
      expect(error).toMatchObject({ retryable: false, message: expect.stringContaining(reason) });
    }
  });

  it('retries rate limits, Slack-side errors, 5xx and network failures', () => {
    for (const reason of ['ratelimited', 'internal_error', 'service_unavailable']) {
      expect(digestDeliveryError(platformError(reason))).toMatchObject({ retryable: true });
    }
    const http = Object.assign(new Error('HTTP 502'), { code: webApi.ErrorCode.HTTPError, statusCode: 502 });
    const network = Object.assign(new Error('socket hang up'), { code: webApi.ErrorCode.RequestError });
    expect(digestDeliveryError(toDeliveryError(http, 'chat.postMessage'))).toMatchObject({ retryable: true });
    expect(digestDeliveryError(toDeliveryError(network, 'chat.postMessage'))).toMatchObject({
      retryable: true,
    });
  });
});

/**
 * @module adapters/slack/slack-http.test
 * HTTP-mode specifics (signatures, url_verification, /healthz), SlackHandle.post, and start-up configuration errors.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BriefError, ConfigError } from '../../core/errors.js';
import {
  createMemoryConversationStore,
  createMemoryFeedbackStore,
} from '../../store/memory/memory-conversation-store.js';
import { fixedClock } from '../../test-support/seeded-briefing.js';
import { silentLogger } from '../log/json-logger.js';
import { FEEDBACK_UP } from './render-answer.js';
import { RESTARTING_LINE } from './slash-router.js';
import { startSlack } from './start-slack.js';
import { startFakeSlack } from './testing/fake-slack-server.js';
import { buttons } from './testing/inspect.js';
import { postEvent, signedPost } from './testing/signed-request.js';
import { type Harness, SIGNING_SECRET, startHarness } from './testing/slack-harness.js';
import { buttonClick, mentionEvent } from './testing/slack-payloads.js';

describe('Slack over HTTP', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('rejects a badly signed event with 401 and posts nothing for it', async () => {
    h = await startHarness('http');
    const forged = mentionEvent({ text: 'How big is the AWS deal?' });
    const response = await postEvent(`${h.origin}/slack/events`, SIGNING_SECRET, forged, {
      signWith: 'not-the-secret',
    });
    expect(response.status).toBe(401);
    const genuine = mentionEvent({ text: 'How big is the AWS deal?' });
    await h.deliver(genuine);
    await h.logger.waitFor('the genuine answer', (e) => e.message === 'slack answer posted');
    expect(h.posts().map((p) => p.args.thread_ts)).toEqual([genuine.event.ts]);
    expect(h.fake.calls.some((c) => c.args.timestamp === forged.event.ts)).toBe(false);
  });

  it('refuses correctly signed bodies that are not JSON objects with 400, and keeps serving', async () => {
    h = await startHarness('http');
    const url = `${h.origin}/slack/events`;
    const json = 'application/json';
    const form = 'application/x-www-form-urlencoded';
    const statuses = [
      (await signedPost(url, SIGNING_SECRET, 'null', json, {})).status,
      (await signedPost(url, SIGNING_SECRET, '[]', json, {})).status,
      (await signedPost(url, SIGNING_SECRET, '3', json, {})).status,
      (await signedPost(url, SIGNING_SECRET, '"text"', json, {})).status,
      (await signedPost(url, SIGNING_SECRET, 'payload=null', form, {})).status,
      (await signedPost(url, SIGNING_SECRET, '{"type":"event_callback","event":null}', json, {})).status,
    ];
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400]);
    const genuine = mentionEvent({ text: 'How big is the AWS deal?' });
    await h.deliver(genuine);
    await h.logger.waitFor('the answer after them', (e) => e.message === 'slack answer posted');
    expect(h.posts().map((p) => p.args.thread_ts)).toEqual([genuine.event.ts]);
  });

  it('refuses signed requests stamped more than five minutes from now, in the future as in the past', async () => {
    h = await startHarness('http');
    const url = `${h.origin}/slack/events`;
    const future = mentionEvent({ text: 'How big is the AWS deal?' });
    const stale = mentionEvent({ text: 'How big is the AWS deal?' });
    expect((await postEvent(url, SIGNING_SECRET, future, { skewSeconds: 600 })).status).toBe(401);
    expect((await postEvent(url, SIGNING_SECRET, stale, { skewSeconds: -600 })).status).toBe(401);
    const early = mentionEvent({ text: 'How big is the AWS deal?' });
    expect((await postEvent(url, SIGNING_SECRET, early, { skewSeconds: 240 })).status).toBe(200);
    await h.logger.waitFor('the in-window answer', (e) => e.message === 'slack answer posted');
    expect(h.posts().map((p) => p.args.thread_ts)).toEqual([early.event.ts]);
  });

  it('listens on HOST only when it is set, and on all interfaces when not', async () => {
    // 127.0.0.2 is another address of this machine's loopback (Linux routes all of 127/8 there).
    const health = (host: string, port: number | undefined) =>
      fetch(`http://${host}:${port}/healthz`).then(
        (r) => r.status,
        (e: Error) => (e.cause as { code?: string }).code,
      );
    h = await startHarness('http', { config: { HOST: '127.0.0.1' } });
    expect(await health('127.0.0.1', h.handle.port)).toBe(200);
    expect(await health('127.0.0.2', h.handle.port)).toBe('ECONNREFUSED');
    await h.close();
    h = await startHarness('http');
    expect(await health('127.0.0.2', h.handle.port)).toBe(200);
  });

  it('refuses new events with 503 while it drains, finishes the answer in flight, then closes', async () => {
    h = await startHarness('http');
    let release!: () => void;
    h.fake.script('chat.postMessage', { until: new Promise<void>((resolve) => (release = resolve)) });
    const inFlight = mentionEvent({ text: 'How big is the AWS deal?' });
    await h.deliver(inFlight);
    await h.fake.waitForCall('👀 on the question', (c) => c.method === 'reactions.add');
    const stopped = h.handle.stop();
    const late = mentionEvent({ text: 'When will the capacity be deployed?' });
    const refused = await postEvent(`${h.origin}/slack/events`, SIGNING_SECRET, late);
    // Slack retries any non-2xx delivery unless told not to: the event goes to another instance.
    expect(refused.status).toBe(503);
    expect(refused.headers.get('x-slack-no-retry')).toBeNull();
    expect(refused.headers.get('connection')).toBe('close');
    const health = await fetch(`${h.origin}/healthz`);
    expect({ status: health.status, body: await health.json() }).toEqual({
      status: 503,
      body: { ok: false, error: 'shutting down' },
    });
    release();
    await stopped;
    expect(h.posts().map((p) => p.args.thread_ts)).toEqual([inFlight.event.ts]);
    expect(h.fake.calls.some((c) => c.args.timestamp === late.event.ts)).toBe(false);
    await expect(fetch(`${h.origin}/healthz`)).rejects.toThrow();
  });

  it('answers a slash command that arrives while it drains, and closes only once it is answered', async () => {
    const gates = new Map<string, { open: Promise<void>; release: () => void }>();
    for (const word of ['AWS', 'capacity']) {
      let release!: () => void;
      const open = new Promise<void>((resolve) => (release = resolve));
      gates.set(word, { open, release });
    }
    const gate = (word: string) => gates.get(word) as { open: Promise<void>; release: () => void };
    h = await startHarness('http', {
      briefing: (seeded) => ({
        ...seeded,
        ask: async (question, options) => {
          await (question.includes('AWS') ? gate('AWS') : gate('capacity')).open;
          return seeded.ask(question, options);
        },
      }),
    });
    const first = await h.command('ask When will the capacity be deployed?');
    let stoppedAt: number | undefined;
    const stopped = h.handle.stop().then(() => {
      stoppedAt = performance.now();
    });
    // Slack does not retry a command, and the balancer still sends them here: it is taken, not refused.
    const late = await h.command('ask How big is the AWS deal?');
    expect(late.ackText).toBe(':mag: Reading the articles…');
    gate('capacity').release();
    await h.fake.waitForResponse('the first command answered', (r) => r.id === first.responseId);
    // What was in flight at SIGTERM is done; the command taken since is not, and is waited for.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stoppedAt).toBeUndefined();
    gate('AWS').release();
    const answer = await h.fake.waitForResponse('the late command answered', (r) => r.id === late.responseId);
    expect(JSON.stringify(answer.body)).toMatch(/38 billion/);
    await stopped;
    expect(answer.at).toBeLessThan(stoppedAt ?? 0);
    await expect(fetch(`${h.origin}/healthz`)).rejects.toThrow();
  });

  it('counts and thanks a 👍 click that arrives while it drains (Slack does not retry clicks)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    h = await startHarness('http', {
      briefing: (seeded) => ({
        ...seeded,
        ask: async (question, options) => {
          if (question.includes('capacity')) await gate;
          return seeded.ask(question, options);
        },
      }),
    });
    await h.deliver(mentionEvent({ text: 'How big is the AWS deal?' }));
    const answer = await h.fake.waitForCall('the answer', (c) => c.method === 'chat.postMessage');
    const up = buttons(answer.args).find((b) => b.action_id === FEEDBACK_UP);
    // A command still being answered keeps the drain open.
    await h.command('ask When will the capacity be deployed?');
    const stopped = h.handle.stop();
    await h.click(
      buttonClick({
        actionId: FEEDBACK_UP,
        value: up?.value ?? '',
        responseUrl: h.fake.responseUrl('vote-drain'),
        message: {
          ts: '1800000000.000009',
          text: String(answer.args.text),
          blocks: answer.args.blocks as unknown[],
        },
      }),
    );
    const thanks = await h.fake.waitForResponse('the thank-you', (r) => r.id === 'vote-drain');
    expect(String(thanks.body.text)).toContain('👍 1 · 👎 0');
    release();
    await stopped;
  });

  it('tells the person to run a slash command again when the drain gives up on it, and nothing after', async () => {
    let releaseCommand!: () => void;
    const commandGate = new Promise<void>((resolve) => (releaseCommand = resolve));
    let answered!: () => void;
    const askDone = new Promise<void>((resolve) => (answered = resolve));
    h = await startHarness('http', {
      deps: { drainTimeoutMs: 200 },
      briefing: (seeded) => ({
        ...seeded,
        ask: async (question, options) => {
          await commandGate;
          const answer = await seeded.ask(question, options);
          answered();
          return answer;
        },
      }),
    });
    const { responseId } = await h.command('ask How big is the AWS deal?');
    await h.handle.stop();
    const told = await h.fake.waitForResponse('the restart line', (r) => r.id === responseId);
    expect(told.body).toMatchObject({ response_type: 'ephemeral', text: RESTARTING_LINE });
    // The answer comes too late: it is dropped, not posted after the person was told to ask again.
    releaseCommand();
    await askDone;
    await h.logger.waitFor('the late reply dropped', (e) => /reply dropped/.test(e.message));
    expect(h.fake.responses.filter((r) => r.id === responseId)).toEqual([told]);
  });

  it('answers /healthz 503 with the reason when the database does not answer within the limit', async () => {
    let limitGiven = 0;
    h = await startHarness('http', {
      deps: {
        healthTimeoutMs: 200,
        health: (timeoutMs) => {
          limitGiven = timeoutMs;
          return new Promise<void>(() => {});
        },
      },
    });
    const started = performance.now();
    const health = await fetch(`${h.origin}/healthz`);
    expect({ status: health.status, body: await health.json() }).toEqual({
      status: 503,
      body: { ok: false, error: 'database: no answer within 200 ms' },
    });
    expect(limitGiven).toBe(200);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('answers url_verification and serves /healthz', async () => {
    h = await startHarness('http');
    const challenge = await postEvent(`${h.origin}/slack/events`, SIGNING_SECRET, {
      type: 'url_verification',
      challenge: 'abc123',
      token: 't',
    });
    expect(await challenge.json()).toEqual({ challenge: 'abc123' });
    const health = await fetch(`${h.origin}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
  });
});

describe('SlackHandle.post', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
  });

  it('posts a reply at the top level of a channel, escaped', async () => {
    h = await startHarness('http');
    const posted = await h.handle.post('C0DIGEST', 'Morning digest for <!channel> & friends');
    expect(posted).toEqual(['1800000000.000001']);
    const [post] = h.posts();
    expect(post?.args.channel).toBe('C0DIGEST');
    expect(post?.args.thread_ts).toBeUndefined();
    expect(String(post?.args.text)).toBe('Morning digest for &lt;!channel&gt; &amp; friends');
  });

  it('throws a DeliveryError when Slack refuses', async () => {
    h = await startHarness('http');
    h.fake.script('chat.postMessage', { body: { ok: false, error: 'channel_not_found' } });
    await expect(h.handle.post('C0NONE', 'hello')).rejects.toMatchObject({
      code: 'delivery',
      message: expect.stringContaining('channel_not_found'),
    });
  });
});

describe('startSlack configuration', () => {
  const base = {
    briefing: {
      ask: async () => Promise.reject(new Error('unused')),
      search: async () => ({ query: '', results: [] }),
      sources: async () => ({
        articles: 0,
        passages: 0,
        outlets: [],
        publishedRange: null,
        lastIngestedAt: null,
      }),
      stories: {
        news: async () => Promise.reject(new Error('unused')),
        findStory: async () => null,
        examples: async () => [],
      },
    },
    conversations: createMemoryConversationStore(),
    feedback: createMemoryFeedbackStore(),
    clock: fixedClock(),
    logger: silentLogger,
  };
  const config = {
    SLACK_BOT_TOKEN: 'xoxb-test',
    PORT: 0,
    BRIEF_MAX_QUESTION_CHARS: 500,
    BRIEF_RATE_LIMIT_PER_MINUTE: 10,
  };

  it('needs a signing secret for HTTP mode', async () => {
    await expect(startSlack({ ...base, config })).rejects.toBeInstanceOf(ConfigError);
  });

  it('fails clearly when Slack refuses the bot token', async () => {
    const fake = await startFakeSlack();
    fake.script('auth.test', { body: { ok: false, error: 'invalid_auth' } });
    try {
      const start = startSlack({
        ...base,
        config: { ...config, SLACK_SIGNING_SECRET: 's', SLACK_API_URL: fake.apiUrl.slice(0, -1) },
      });
      await expect(start).rejects.toThrow(BriefError);
      await expect(start).rejects.toThrow(/SLACK_BOT_TOKEN.*invalid_auth/);
    } finally {
      await fake.close();
    }
  });
});

/**
 * @module adapters/slack/slack-failures.test
 * Failures through the real Bolt app in both modes: Web API 429/500, refusals, core errors, limits; never silent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LlmError } from '../../core/errors.js';
import { FAILED_REACTION } from './answer-conversation.js';
import { allText } from './testing/inspect.js';
import { type Harness, type SlackMode, startHarness } from './testing/slack-harness.js';
import { mentionEvent } from './testing/slack-payloads.js';

describe.each<SlackMode>(['http', 'socket'])('Slack failures (%s mode)', (mode) => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const answered = (ts: string) =>
    h.logger.waitFor(`the answer to ${ts}`, (e) => e.message === 'slack answer posted' && e.fields.ts === ts);
  const failed = (ts: string) =>
    h.logger.waitFor(
      `the failure of ${ts}`,
      (e) => e.message === 'slack question failed' && e.fields.ts === ts,
    );
  const successfulPosts = () => h.posts().slice(h.posts().length - 1);

  it('retries chat.postMessage after a 429 with Retry-After, and posts the answer once', async () => {
    h = await startHarness(mode);
    h.fake.script('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '0' },
      body: { ok: false, error: 'ratelimited' },
    });
    const ask = mentionEvent({ text: 'How big is the AWS deal?' });
    await h.deliver(ask);
    await answered(ask.event.ts);
    expect(h.posts()).toHaveLength(2);
    expect(allText(successfulPosts()[0]?.args ?? {})).toContain('38 billion');
  });

  it('retries chat.postMessage after a 500, and posts the answer once', async () => {
    h = await startHarness(mode);
    h.fake.script('chat.postMessage', { status: 500, body: { ok: false } });
    const ask = mentionEvent({ text: 'How big is the AWS deal?' });
    await h.deliver(ask);
    await answered(ask.event.ts);
    expect(h.posts()).toHaveLength(2);
    expect(allText(successfulPosts()[0]?.args ?? {})).toContain('38 billion');
  });

  it('reports a delivery that keeps failing in the thread, logs it, and keeps answering', async () => {
    h = await startHarness(mode);
    h.fake.script('chat.postMessage', { status: 500 }, { status: 500 }, { status: 500 });
    const ask = mentionEvent({ text: 'How big is the AWS deal?' });
    await h.deliver(ask);
    const failure = await failed(ask.event.ts);
    expect(failure.level).toBe('error');
    expect(failure.fields.code).toBe('delivery');
    const report = await h.fake.waitForCall(
      'the failure report',
      (c) => c.method === 'chat.postMessage' && allText(c.args).includes('Slack did not accept'),
    );
    expect(report.args.thread_ts).toBe(ask.event.ts);

    const next = mentionEvent({ text: 'How big is the AWS deal?' });
    await h.deliver(next);
    await answered(next.event.ts);
  });

  it('falls back to a ⚠️ reaction when even the failure report cannot be posted', async () => {
    h = await startHarness(mode);
    h.fake.script(
      'chat.postMessage',
      { body: { ok: false, error: 'not_in_channel' } },
      { body: { ok: false, error: 'not_in_channel' } },
    );
    const ask = mentionEvent({ text: 'How big is the AWS deal?' });
    await h.deliver(ask);
    const warning = await h.fake.waitForCall(
      'the ⚠️ reaction',
      (c) => c.method === 'reactions.add' && c.args.name === FAILED_REACTION,
    );
    expect(warning.args.timestamp).toBe(ask.event.ts);
    // A platform refusal (ok: false) is not retried: one attempt at the answer, one at the report.
    expect(h.posts()).toHaveLength(2);
    const failure = await failed(ask.event.ts);
    expect(String((failure.fields.cause as Error).message)).toContain('not_in_channel');
  });

  it('tells the person when the core fails', async () => {
    h = await startHarness(mode, {
      briefing: (seeded) => ({
        ...seeded,
        ask: async () => {
          throw new LlmError('upstream 503', true);
        },
      }),
    });
    const ask = mentionEvent({ text: 'How big is the AWS deal?' });
    await h.deliver(ask);
    expect((await failed(ask.event.ts)).fields.code).toBe('llm');
    const report = await h.fake.waitForCall('the failure report', (c) => c.method === 'chat.postMessage');
    expect(allText(report.args)).toContain('language model is not answering');
  });

  it('limits questions per person per minute with a friendly message', async () => {
    h = await startHarness(mode, { config: { BRIEF_RATE_LIMIT_PER_MINUTE: 1 } });
    const first = mentionEvent({ text: 'How big is the AWS deal?' });
    const second = mentionEvent({ text: 'And the chips?' });
    const otherPerson = mentionEvent({ text: 'And the chips?', user: 'U0002' });
    await h.deliver(first);
    await answered(first.event.ts);
    await h.deliver(second);
    await failed(second.event.ts);
    await h.deliver(otherPerson);
    await answered(otherPerson.event.ts);
    const refusal = h.posts().find((p) => p.args.thread_ts === second.event.ts);
    expect(allText(refusal?.args ?? {})).toMatch(
      /asking faster than I can read\. Please try again in \d+ seconds?/,
    );
  });

  it('refuses a question over the length limit with a clear message', async () => {
    h = await startHarness(mode, { config: { BRIEF_MAX_QUESTION_CHARS: 30 } });
    const ask = mentionEvent({ text: 'How big is the AWS deal, and what does it mean for Nvidia?' });
    await h.deliver(ask);
    const failure = await failed(ask.event.ts);
    expect(failure.level).toBe('info');
    const report = await h.fake.waitForCall('the refusal', (c) => c.method === 'chat.postMessage');
    expect(allText(report.args)).toContain('please keep it under 30 characters');
  });
});

/**
 * @module adapters/slack/slack-feedback.test
 * The 👍/👎 buttons through the real Bolt app in both modes: votes stored, counted and shown.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FEEDBACK_DOWN, FEEDBACK_UP } from './render-answer.js';
import { buttons } from './testing/inspect.js';
import { type Harness, type SlackMode, startHarness } from './testing/slack-harness.js';
import { buttonClick, mentionEvent } from './testing/slack-payloads.js';

describe.each<SlackMode>(['http', 'socket'])('Slack feedback (%s mode)', (mode) => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('stores 👍/👎 clicks per answer and person, thanks the clicker and shows the counts', async () => {
    h = await startHarness(mode);
    const ask = mentionEvent({ text: 'How big is the AWS deal?' });
    await h.deliver(ask);
    const answer = await h.fake.waitForCall('the answer', (c) => c.method === 'chat.postMessage');
    const up = buttons(answer.args).find((b) => b.action_id === FEEDBACK_UP);
    const answerId = up?.value ?? '';
    const message = {
      ts: '1800000000.000001',
      text: String(answer.args.text),
      blocks: answer.args.blocks as unknown[],
    };

    await h.click(
      buttonClick({
        actionId: FEEDBACK_UP,
        value: answerId,
        responseUrl: h.fake.responseUrl('vote-1'),
        message,
      }),
    );
    const thanks = await h.fake.waitForResponse('the thank-you', (r) => r.id === 'vote-1');
    expect(thanks.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(thanks.body.text)).toContain('👍 1 · 👎 0');
    const update = await h.fake.waitForCall('the counts on the buttons', (c) => c.method === 'chat.update');
    expect(update.args).toMatchObject({ channel: 'C0001', ts: message.ts });
    expect(buttons(update.args).map((b) => b.text)).toEqual(['👍 1', '👎']);

    await h.click(
      buttonClick({
        actionId: FEEDBACK_UP,
        value: answerId,
        responseUrl: h.fake.responseUrl('vote-2'),
        user: 'U0002',
      }),
    );
    await h.fake.waitForResponse('the second thank-you', (r) => r.id === 'vote-2');
    await h.click(
      buttonClick({ actionId: FEEDBACK_DOWN, value: answerId, responseUrl: h.fake.responseUrl('vote-3') }),
    );
    const changed = await h.fake.waitForResponse('the changed vote', (r) => r.id === 'vote-3');
    expect(String(changed.body.text)).toContain('👍 1 · 👎 1');
    expect(await h.seeded.feedback.tally(answerId)).toEqual({ up: 1, down: 1 });
  });

  it('explains when the answer voted on is unknown', async () => {
    h = await startHarness(mode);
    await h.click(
      buttonClick({
        actionId: FEEDBACK_UP,
        value: 'no-such-answer',
        responseUrl: h.fake.responseUrl('vote-x'),
      }),
    );
    const reply = await h.fake.waitForResponse('the explanation', (r) => r.id === 'vote-x');
    expect(String(reply.body.text)).toContain('no longer known');
  });
});

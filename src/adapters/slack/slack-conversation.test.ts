/**
 * @module adapters/slack/slack-conversation.test
 * The conversation use case through the real Bolt app (HTTP mode): a pronoun follow-up in a thread and
 * in a DM, a briefing shown as a compact digest, small talk as plain text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Briefing } from '../../core/briefing.js';
import { allText, buttons } from './testing/inspect.js';
import { type Harness, startHarness } from './testing/slack-harness.js';
import { mentionEvent, messageEvent } from './testing/slack-payloads.js';

describe('Slack conversation', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const answered = (ts: string) =>
    h.logger.waitFor(`the answer to ${ts}`, (e) => e.message === 'slack answer posted' && e.fields.ts === ts);

  async function recording() {
    const asked: string[] = [];
    h = await startHarness('http', {
      briefing: (seeded): Briefing => ({
        ...seeded,
        ask: (question, options) => {
          asked.push(question);
          return seeded.ask(question, options);
        },
      }),
    });
    return asked;
  }

  it('answers "what did he say?" in a thread about the person the answer before it named', async () => {
    const asked = await recording();
    const first = mentionEvent({ text: 'Who is the CEO of AWS?' });
    await h.deliver(first);
    await answered(first.event.ts);
    const followUp = messageEvent({ text: 'and what did he say?', thread_ts: first.event.ts });
    await h.deliver(followUp);
    await answered(followUp.event.ts);
    expect(asked).toEqual(['Who is the CEO of AWS?', 'and what did Matt Garman say?']);
    const reply = h.posts().filter((p) => p.args.thread_ts === first.event.ts)[1];
    expect(allText(reply?.args ?? {})).toMatch(/Matt Garman.*\[1\]/);
    expect(allText(reply?.args ?? {})).not.toMatch(/nothing to look up/i);
  });

  it('asks who is meant by "he" in a DM with nothing before it, and resolves it once there is', async () => {
    const asked = await recording();
    const lonely = messageEvent({ text: 'what did he say', channel_type: 'im' });
    await h.deliver(lonely);
    await answered(lonely.event.ts);
    expect(asked).toEqual([]);
    expect(allText(h.posts()[0]?.args ?? {})).toContain('Who do you mean by “he”?');
    expect(buttons(h.posts()[0]?.args ?? {})).toEqual([]);
    const who = messageEvent({ text: 'who is dave brown', channel_type: 'im' });
    await h.deliver(who);
    await answered(who.event.ts);
    const again = messageEvent({ text: 'what did he confirm', channel_type: 'im' });
    await h.deliver(again);
    await answered(again.event.ts);
    expect(asked).toEqual(['who is dave brown', 'what did Dave Brown confirm']);
  });

  it('shows a briefing as a compact digest: a line per story, outlets and date, numbered sources, votes', async () => {
    h = await startHarness('http');
    const ask = mentionEvent({ text: 'whats new' });
    await h.deliver(ask);
    await answered(ask.event.ts);
    const [post] = h.posts();
    const text = allText(post?.args ?? {});
    expect(text).toContain(':newspaper: *The top story from the last 3 days:*');
    expect(text).toMatch(/\*1\. OpenAI Signs \$38 Billion AWS Deal/);
    expect(text).toMatch(/5 articles: .*GeekWire.* · 27 Feb 2026/);
    expect(text).toMatch(/\*Sources\*\\n\*\[1\]\* /);
    expect(buttons(post?.args ?? {}).map((b) => b.text)).toEqual(['👍', '👎']);
  });

  it('answers a greeting with examples and no sources or buttons', async () => {
    h = await startHarness('http');
    const hi = mentionEvent({ text: 'hey' });
    await h.deliver(hi);
    await answered(hi.event.ts);
    const [post] = h.posts();
    expect(allText(post?.args ?? {})).toMatch(/^Hi! I brief you on the news in 5 articles/);
    expect(allText(post?.args ?? {})).not.toContain('Sources');
    expect(buttons(post?.args ?? {})).toEqual([]);
  });
});

/**
 * @module adapters/slack/slack-asking.test
 * Asking through the real Bolt app in both modes: mentions, DMs, thread follow-ups, dedupe, safety, long answers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AskOptions, Briefing } from '../../core/briefing.js';
import { makeAnswer, makeCitation } from '../../test-support/make-answer.js';
import { WORKING_REACTION } from './answer-conversation.js';
import { BOT_USER_ID } from './testing/fake-slack-server.js';
import { allText } from './testing/inspect.js';
import { type Harness, type SlackMode, startHarness } from './testing/slack-harness.js';
import { CHANNEL, DM_CHANNEL, mentionEvent, messageEvent, newTs } from './testing/slack-payloads.js';

/** Something Slack would turn into a notification. */
const PING = /<[!@#]|(^|[\s"(>])@(channel|here|everyone|[A-Z0-9]{6,})\b/;

describe.each<SlackMode>(['http', 'socket'])('Slack asking (%s mode)', (mode) => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const answered = (ts: string) =>
    h.logger.waitFor(`the answer to ${ts}`, (e) => e.message === 'slack answer posted' && e.fields.ts === ts);
  const repliesIn = (thread: string) => h.posts().filter((p) => p.args.thread_ts === thread);

  it('answers a mention in the thread of the asking message, with citations, showing 👀 meanwhile', async () => {
    h = await startHarness(mode);
    const ask = mentionEvent({ text: 'How big is the AWS deal?' });
    await h.deliver(ask);
    await answered(ask.event.ts);
    const [post] = repliesIn(ask.event.ts);
    expect(post?.args.channel).toBe(CHANNEL);
    expect(allText(post?.args ?? {})).toMatch(/\$38 billion.*\[1\]/);
    expect(allText(post?.args ?? {})).toContain('*Sources*');
    await h.fake.waitForCall('👀 to be removed', (c) => c.method === 'reactions.remove');
    const reactions = h.fake.calls.filter((c) => c.method.startsWith('reactions.'));
    expect(reactions.map((c) => [c.method, c.args.name, c.args.timestamp])).toEqual([
      ['reactions.add', WORKING_REACTION, ask.event.ts],
      ['reactions.remove', WORKING_REACTION, ask.event.ts],
    ]);
    const added = reactions[0]?.at ?? Number.POSITIVE_INFINITY;
    expect(added).toBeLessThan(post?.at ?? 0);
  });

  it('answers a DM in the DM', async () => {
    h = await startHarness(mode);
    const dm = messageEvent({ text: 'How big is the AWS deal?', channel_type: 'im' });
    await h.deliver(dm);
    await answered(dm.event.ts);
    const [post] = h.posts();
    expect(post?.args.channel).toBe(DM_CHANNEL);
    expect(post?.args.thread_ts).toBeUndefined();
    expect(allText(post?.args ?? {})).toContain('38 billion');
  });

  /** A harness whose briefing records every question and the history it was given. */
  async function recordingHarness() {
    const asked: { question: string; history: AskOptions['history'] }[] = [];
    h = await startHarness(mode, {
      briefing: (seeded): Briefing => ({
        ...seeded,
        ask: (question, options) => {
          asked.push({ question, history: options?.history });
          return seeded.ask(question, options);
        },
      }),
    });
    return asked;
  }

  it('continues a DM in a thread of it, and forgets DM turns older than half an hour', async () => {
    const asked = await recordingHarness();
    const first = messageEvent({ text: 'How big is the AWS deal?', channel_type: 'im' });
    await h.deliver(first);
    await answered(first.event.ts);
    const firstTurn = [
      expect.objectContaining({
        question: 'How big is the AWS deal?',
        answer: expect.stringContaining('38 billion'),
      }),
    ];

    const inThread = messageEvent({ text: 'and when?', channel_type: 'im', thread_ts: first.event.ts });
    await h.deliver(inThread);
    await answered(inThread.event.ts);
    expect(asked[1]?.history).toEqual(firstTurn);
    expect(h.posts().at(-1)?.args.thread_ts).toBe(first.event.ts);

    h.seeded.clock.set('2026-03-02T09:20:00.000Z');
    const soon = messageEvent({ text: 'and the CEO?', channel_type: 'im' });
    await h.deliver(soon);
    await answered(soon.event.ts);
    expect(asked[2]?.history).toEqual(firstTurn);

    h.seeded.clock.set('2026-03-02T10:00:00.000Z');
    const later = messageEvent({ text: 'What did Nvidia announce?', channel_type: 'im' });
    await h.deliver(later);
    await answered(later.event.ts);
    expect(asked[3]?.history).toBeUndefined();
  });

  it('does not answer a mention again when its message is edited, even hours later', async () => {
    h = await startHarness(mode);
    const ask = mentionEvent({ text: 'How big is the AWS deal?' });
    await h.deliver(ask);
    await answered(ask.event.ts);
    h.seeded.clock.set('2026-03-02T12:00:00.000Z');
    const edited = mentionEvent({ text: 'How big is the AWS deal, really?', ts: ask.event.ts });
    await h.deliver({ ...edited, event: { ...edited.event, edited: { user: 'U0001', ts: newTs() } } });
    await h.logger.waitFor(
      'the edit to be skipped',
      (e) => e.message === 'slack event skipped' && e.fields.reason === 'edited',
    );
    expect(h.posts()).toHaveLength(1);
  });

  it('answers a follow-up in its thread without a mention, with the earlier turn as context', async () => {
    const asked: { question: string; options: AskOptions | undefined }[] = [];
    h = await startHarness(mode, {
      briefing: (seeded): Briefing => ({
        ...seeded,
        ask: (question, options) => {
          asked.push({ question, options });
          return seeded.ask(question, options);
        },
      }),
    });
    const first = mentionEvent({ text: 'How big is the AWS deal?' });
    await h.deliver(first);
    await answered(first.event.ts);
    const followUp = messageEvent({ text: 'and when will it be deployed?', thread_ts: first.event.ts });
    await h.deliver(followUp);
    await answered(followUp.event.ts);

    // "it" is read as the deal the thread is about.
    expect(asked[1]?.question).toBe('and when will the AWS deal be deployed?');
    expect(asked[1]?.options?.history).toEqual([
      expect.objectContaining({
        question: 'How big is the AWS deal?',
        answer: expect.stringContaining('38 billion'),
      }),
    ]);
    const replies = repliesIn(first.event.ts);
    expect(replies).toHaveLength(2);
    expect(allText(replies[1]?.args ?? {})).toMatch(/deployed before the end of 2026/);
  });

  it('ignores thread replies where it has not answered, replies addressed to others, and bots', async () => {
    h = await startHarness(mode);
    const first = mentionEvent({ text: 'How big is the AWS deal?' });
    await h.deliver(first);
    await answered(first.event.ts);
    const skipped = (reason: string, ts: string) =>
      h.logger.waitFor(
        `${reason} skip`,
        (e) => e.message === 'slack event skipped' && e.fields.reason === reason && e.fields.ts === ts,
      );

    const toBob = messageEvent({ text: '<@U0BOB> what do you think?', thread_ts: first.event.ts });
    const otherBot = messageEvent({
      text: 'How big is the deal?',
      thread_ts: first.event.ts,
      bot_id: 'B0THER',
      subtype: 'bot_message',
    });
    const botMention = mentionEvent({ text: 'How big is the deal?', bot_id: 'B0THER' });
    const ownMessage = messageEvent({ text: 'I am the bot', thread_ts: first.event.ts, user: BOT_USER_ID });
    const elsewhere = messageEvent({ text: 'How big is the deal?', thread_ts: newTs() });
    for (const event of [toBob, otherBot, botMention, ownMessage, elsewhere]) await h.deliver(event);
    await skipped('addressed to someone else', toBob.event.ts);
    await skipped('not a person', otherBot.event.ts);
    await skipped('not a person', botMention.event.ts);
    // The bot's own message and an unknown thread are dropped silently; a later question proves the queue moved on.
    const sentinel = mentionEvent({ text: 'Who is the CEO of OpenAI?' });
    await h.deliver(sentinel);
    await answered(sentinel.event.ts);
    expect(h.posts().map((p) => p.args.thread_ts)).toEqual([first.event.ts, sentinel.event.ts]);
  });

  it('answers a retried event once', async () => {
    h = await startHarness(mode);
    const ask = mentionEvent({ text: 'How big is the AWS deal?' });
    await h.deliver(ask);
    await h.deliver(ask, { retryNum: 1 });
    await h.logger.waitFor(
      'the retry to be skipped',
      (e) => e.fields.reason === 'duplicate' && e.fields.eventId === ask.event_id,
    );
    await answered(ask.event.ts);
    expect(h.posts()).toHaveLength(1);
  });

  it('answers a mention delivered as both app_mention and message once', async () => {
    h = await startHarness(mode);
    const first = mentionEvent({ text: 'How big is the AWS deal?' });
    await h.deliver(first);
    await answered(first.event.ts);
    const ts = newTs();
    await h.deliver(mentionEvent({ text: 'and when will it be deployed?', ts, thread_ts: first.event.ts }));
    await h.deliver(
      messageEvent({
        text: `<@${BOT_USER_ID}> and when will it be deployed?`,
        ts,
        thread_ts: first.event.ts,
      }),
    );
    await h.logger.waitFor(
      'the second delivery to be skipped',
      (e) => e.fields.reason === 'duplicate' && e.fields.ts === ts,
    );
    await answered(ts);
    expect(repliesIn(first.event.ts)).toHaveLength(2);
  });

  it('neutralises mass mentions from articles and questions', async () => {
    h = await startHarness(mode, {
      briefing: (seeded) => ({
        ...seeded,
        ask: async (question) =>
          makeAnswer({
            question,
            answer: `<!channel> @here Big news for <@U999ABC> and <!subteam^S1|@editors> about ${question} [1]`,
            citations: [
              makeCitation({
                title: '@everyone <!here> AT&T <b>deal</b>',
                source: '@channel',
                quote: '<!everyone> read this',
              }),
            ],
          }),
      }),
    });
    const ask = mentionEvent({ text: '<!channel> how big is the deal?' });
    await h.deliver(ask);
    await answered(ask.event.ts);
    const text = allText(h.posts()[0]?.args ?? {});
    expect(text).toContain('AT&amp;T &lt;b&gt;deal&lt;/b&gt;');
    expect(text).not.toMatch(PING);
    expect(text.replace(/\u2060/g, '')).toMatch(/@channel how big is the deal/);
  });

  it('splits an answer longer than Slack allows into several messages in the thread', async () => {
    const citations = Array.from({ length: 60 }, (_, i) =>
      makeCitation({ n: i + 1, quote: `Quote ${i + 1}. ${'More words. '.repeat(300)}` }),
    );
    h = await startHarness(mode, {
      briefing: (seeded) => ({
        ...seeded,
        ask: async () =>
          makeAnswer({ answer: 'AWS will deploy the chips before 2027. [1] '.repeat(300), citations }),
      }),
    });
    const ask = mentionEvent({ text: 'Tell me everything' });
    await h.deliver(ask);
    await answered(ask.event.ts);
    const replies = repliesIn(ask.event.ts);
    expect(replies.length).toBeGreaterThan(1);
    for (const reply of replies) {
      const blocks = reply.args.blocks as { text?: { text: string } }[];
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const block of blocks) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    }
    const all = replies.map((r) => JSON.stringify(r.args.blocks)).join('');
    expect(all.match(/AWS will deploy the chips before 2027/g)?.length).toBe(300);
    expect(all).toContain('*[60]*');
  });
});

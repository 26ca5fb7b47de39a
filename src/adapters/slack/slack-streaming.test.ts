/**
 * @module adapters/slack/slack-streaming.test
 * Streaming through the real Bolt app and the local Slack: a model's partial text shows as a paced
 * draft in the thread, and the verified answer (or the fallback, or the failure line) replaces it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BriefError } from '../../core/errors.js';
import { jsonReply } from '../../llm/testing/fake-openai-server.js';
import {
  FABRICATED,
  longScriptedAnswer,
  modelBriefing,
  type SteppingClock,
  type StreamingModel,
  scriptedAnswer,
  startStreamingModel,
  steppingClock,
} from '../../test-support/model-briefing.js';
import { DRAFT_INTERVAL_MS } from './draft-reply.js';
import { DRAFT_MARK } from './render-draft.js';
import type { PostedMessage } from './testing/fake-slack-server.js';
import { allText, buttons } from './testing/inspect.js';
import { type Harness, type HarnessOptions, type SlackMode, startHarness } from './testing/slack-harness.js';
import { mentionEvent } from './testing/slack-payloads.js';

/** Something Slack would turn into a notification. */
const PING = /<[!@#]|(^|[\s"(>])@(channel|here|everyone|[A-Z0-9]{6,})\b/;
const QUESTION = 'How big is the AWS deal?';

/** The quoted words of each numbered source, unescaped. */
function quotesIn(blocks: unknown[]): string[] {
  return (blocks as { text?: { text: string } }[])
    .map((b) => /^\*\[\d+\]\*[^\n]*\n[^\n]*\n> ([\s\S]*)$/.exec(b.text?.text ?? '')?.[1])
    .filter((q): q is string => q !== undefined)
    .map((q) => q.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' '));
}

describe.each<SlackMode>(['http', 'socket'])('Slack streaming (%s mode)', (mode) => {
  let h: Harness;
  let model: StreamingModel | undefined;
  let clock: SteppingClock;
  let progress: string[];
  afterEach(async () => {
    await h.close();
    await model?.close();
    model = undefined;
  });

  /** The bot on the local Slack, its core answering through the fake model (10 ms between stream events). */
  async function startWithModel(options: HarnessOptions = {}) {
    model = await startStreamingModel(10);
    const started = model;
    progress = [];
    clock = steppingClock(100);
    h = await startHarness(mode, {
      clock,
      briefing: (_plain, seeded) => modelBriefing(seeded, started, progress),
      ...options,
    });
    return started;
  }

  /** Asks in a channel; resolves with the bot's messages in the thread once the answer is posted. */
  async function ask(): Promise<PostedMessage[]> {
    const event = mentionEvent({ text: QUESTION });
    await h.deliver(event);
    await h.logger.waitFor(
      'the answer',
      (e) =>
        (e.message === 'slack answer posted' || e.message === 'slack question failed') &&
        e.fields.ts === event.event.ts,
    );
    return [...h.fake.messages.values()].filter((m) => m.threadTs === event.event.ts);
  }

  const isDraft = (version: { text: string }) => version.text.startsWith(DRAFT_MARK);

  it('shows the partial text as a paced draft, then replaces it with the verified answer only', async () => {
    (await startWithModel()).fake.onChat((r) => jsonReply(scriptedAnswer(r)));
    const before = clock.elapsedMs();
    const thread = await ask();
    const elapsed = clock.elapsedMs() - before;

    expect(thread).toHaveLength(1);
    const [answer] = thread as [PostedMessage];
    const drafts = answer.versions.slice(0, -1);
    const final = answer.versions.at(-1) ?? { text: '', blocks: [] };
    // A draft showed the first verified sentence before the answer, and no draft showed anything the
    // answer does not say (the fabricated sentence is never verified, so never drafted).
    expect(drafts.length).toBeGreaterThanOrEqual(1);
    expect(drafts.every(isDraft)).toBe(true);
    expect(drafts[0]?.text).toMatch(/^✍️ The deal is valued at \$38 billion\./);
    const said = final.text.replace(/ \[\d+\]/g, '');
    for (const draft of drafts) expect(said).toContain(draft.text.replace(/^✍️ | …$/gu, ''));
    for (const draft of drafts) expect(allText(draft)).not.toMatch(/\[\d+\]|passage|quote|Sources/);
    // Paced by the adapter itself: the core passed on every verified sentence (interval 0).
    expect(drafts.length).toBeLessThanOrEqual(progress.length);
    expect(progress).toHaveLength(2);
    expect(drafts.length).toBeLessThanOrEqual(1 + Math.floor(elapsed / DRAFT_INTERVAL_MS));
    const posted = h.logger.entries.find((e) => e.message === 'slack answer posted');
    expect(posted?.fields.drafts).toBe(drafts.length);

    const text = allText(final);
    expect(isDraft(final)).toBe(false);
    expect(text).not.toContain(DRAFT_MARK);
    expect(final.text).toBe(
      'The deal is valued at $38 billion. [1] OpenAI will use EC2 UltraServers built with Nvidia GPUs for training. [2]',
    );
    expect(text).not.toContain(FABRICATED);
    expect(text).not.toMatch(/buy OpenAI|acquire OpenAI/);
    // Every [n] in the answer is a numbered source, and every source is used.
    const markers = new Set([...final.text.matchAll(/\[(\d+)\]/g)].map((m) => m[1]));
    const sources = new Set([...text.matchAll(/\*\[(\d+)\]\*/g)].map((m) => m[1]));
    expect([...sources].sort()).toEqual([...markers].sort());
    // Each source quotes an article's own words, not the model's.
    const articles = (await h.seeded.store.listArticles()).map((a) => a.text.replace(/\s+/g, ' '));
    const quotes = quotesIn(final.blocks);
    expect(quotes).toHaveLength(2);
    for (const quote of quotes) expect(articles.some((a) => a.includes(quote))).toBe(true);
    expect(quotes.join(' ')).toMatch(/\$38 billion[\s\S]*EC2 UltraServers/);
    expect(buttons(final).map((b) => b.action_id)).toEqual(['brief_feedback_up', 'brief_feedback_down']);
  });

  it('ends with the extractive answer, not a stale draft, when the model breaks off mid-answer', async () => {
    (await startWithModel()).fake.onChat((r) => {
      const whole = JSON.stringify(scriptedAnswer(r));
      return { content: whole.slice(0, whole.indexOf('Nvidia')), finishReason: 'length' };
    });
    const [answer] = (await ask()) as [PostedMessage];
    expect(answer.versions.slice(0, -1).length).toBeGreaterThanOrEqual(1);
    expect(answer.versions.slice(0, -1).every(isDraft)).toBe(true);
    const final = answer.versions.at(-1) ?? { text: '', blocks: [] };
    expect(isDraft(final)).toBe(false);
    expect(allText(final)).toMatch(/could not be read/);
    expect(allText(final)).toMatch(/\$38 billion.*\[1\]/);
    expect(allText(final)).toContain('*Sources*');
  });
});

describe('Slack streaming, edge cases', () => {
  let h: Harness;
  let model: StreamingModel | undefined;
  afterEach(async () => {
    await h.close();
    await model?.close();
    model = undefined;
  });

  const answered = () => h.logger.waitFor('the answer', (e) => e.message === 'slack answer posted');

  it('applies the final answer after a draft update still in flight, never the other way round', async () => {
    const started = await startStreamingModel(10);
    model = started;
    started.fake.onChat((r) => jsonReply(longScriptedAnswer(r)));
    h = await startHarness('http', {
      // Drafts are whole verified sentences, a few per answer: a faster clock lets more than one show.
      clock: steppingClock(700),
      briefing: (_plain, seeded) => modelBriefing(seeded, started, []),
    });
    // The first draft update takes a second to land: longer than the rest of the stream.
    h.fake.script('chat.update', { delayMs: 1_000 });
    const event = mentionEvent({ text: QUESTION });
    await h.deliver(event);
    await answered();
    const [answer] = [...h.fake.messages.values()];
    const updates = h.fake.calls.filter((c) => c.method === 'chat.update');
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(String(updates.at(-2)?.args.text)).toMatch(/^✍️/);
    expect(answer?.text).toMatch(/^The deal is valued at \$38 billion\. \[1\]/);
    expect(answer?.versions.at(-1)?.text).toBe(answer?.text);
    expect(allText({ text: answer?.text, blocks: answer?.blocks })).not.toContain(DRAFT_MARK);
  });

  it('replaces the draft with the short error line when answering fails after a draft', async () => {
    h = await startHarness('http', {
      briefing: (seeded) => ({
        ...seeded,
        ask: async (_question, options) => {
          options?.onProgress?.('Partial words for <!channel> and @everyone about the deal');
          throw new BriefError('store', 'database is locked');
        },
      }),
    });
    const event = mentionEvent({ text: QUESTION });
    await h.deliver(event);
    await h.logger.waitFor('the failure', (e) => e.message === 'slack question failed');
    await h.fake.waitForCall('the 👀 removed', (c) => c.method === 'reactions.remove');
    const thread = [...h.fake.messages.values()].filter((m) => m.threadTs === event.event.ts);
    expect(thread).toHaveLength(1);
    const [draft, final] = thread[0]?.versions ?? [];
    expect(draft?.text).toMatch(/^✍️ Partial words/);
    expect(allText(draft ?? { text: '' })).not.toMatch(PING);
    expect(final?.text).toMatch(/cannot read my article store/);
    expect(thread[0]?.versions).toHaveLength(2);
  });

  it('posts the answer at once, with no draft, when the core streams nothing (no model)', async () => {
    h = await startHarness('http');
    const event = mentionEvent({ text: QUESTION });
    await h.deliver(event);
    await answered();
    expect(h.fake.calls.filter((c) => c.method.startsWith('chat.')).map((c) => c.method)).toEqual([
      'chat.postMessage',
    ]);
    expect(allText(h.posts()[0]?.args ?? {})).toMatch(/\$38 billion.*\[1\]/);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../adapters/log/json-logger.js';
import { createSeededBriefing, type SeededBriefing } from '../../test-support/seeded-briefing.js';
import type { AskOptions, Briefing } from '../briefing.js';
import { createRateLimiter } from '../rate-limiter.js';
import { type ConversationDeps, createConversation, type ReplyHandle } from './converse.js';
import type { ConversationReply } from './reply.js';

let seeded: SeededBriefing;
beforeEach(async () => {
  seeded = await createSeededBriefing();
});
afterEach(() => seeded.close());

/** A reply handle that records the order of the steps it sees. */
function recordingHandle(options: { refuse?: boolean } = {}) {
  const steps: string[] = [];
  const sent: ConversationReply[] = [];
  const handle: ReplyHandle = {
    working: () => {
      steps.push('working');
    },
    progress: () => {
      steps.push('progress');
    },
    send: async (reply) => {
      steps.push(`send:${reply.kind}`);
      if (options.refuse) throw new Error('platform refused');
      sent.push(reply);
    },
    fail: async (error) => {
      steps.push(`fail:${error.code}:${error.message}`);
    },
  };
  return { handle, steps, sent };
}

function conversationOver(overrides: Partial<ConversationDeps> = {}) {
  return createConversation({
    briefing: seeded.briefing,
    conversations: seeded.conversations,
    feedback: seeded.feedback,
    clock: seeded.clock,
    logger: silentLogger,
    maxQuestionChars: 200,
    ...overrides,
  });
}

describe('createConversation', () => {
  it('answers, records the answer for feedback, delivers, then remembers the turn with its context', async () => {
    const conversation = conversationOver();
    const { handle, steps, sent } = recordingHandle();
    const outcome = await conversation.converse(
      { text: 'Who is the CEO of AWS?', asker: 'u1', conversation: 'k' },
      handle,
    );
    expect(outcome.ok).toBe(true);
    expect(steps).toEqual(['working', 'send:answer']);
    expect(sent[0]?.answer.answer).toContain('Matt Garman');
    expect(sent[0]?.answerId).toMatch(/[0-9a-f-]{36}/);
    const [turn] = await seeded.conversations.recentTurns('k', 6);
    expect(turn?.context).toMatchObject({ kind: 'answer', subject: 'the CEO of AWS' });
    expect(turn?.context?.people[0]).toEqual({ name: 'Matt Garman', gender: 'male' });
  });

  it('resolves a pronoun from the turn before, and asks who is meant when nothing ties to it', async () => {
    const conversation = conversationOver();
    const { handle, sent } = recordingHandle();
    await conversation.converse({ text: 'what did he say?', asker: 'u1', conversation: 'k' }, handle);
    expect(sent[0]).toMatchObject({ kind: 'clarify', answerId: null });
    expect(sent[0]?.answer.answer).toMatch(/Who do you mean by “he”\?/);
    expect(sent[0]?.answer.answer).not.toMatch(/nothing to look up/i);
    await conversation.converse({ text: 'Who is the CEO of AWS?', asker: 'u1', conversation: 'k' }, handle);
    await conversation.converse({ text: 'and what did he say?', asker: 'u1', conversation: 'k' }, handle);
    expect(sent[2]).toMatchObject({ kind: 'answer', resolvedQuestion: 'and what did Matt Garman say?' });
    expect(sent[2]?.answer.question).toBe('and what did he say?');
    expect(sent[2]?.answer.answer).toMatch(/Garman/);
  });

  it('answers a question without counting the store, and still says an empty one has nothing indexed', async () => {
    let counted = 0;
    const counting = (articles: number): Briefing => ({
      ...seeded.briefing,
      sources: async () => {
        counted += 1;
        return { ...(await seeded.briefing.sources()), articles };
      },
    });
    const { handle, sent } = recordingHandle();
    await conversationOver({ briefing: counting(5) }).converse(
      { text: 'How big is the AWS deal?', asker: 'u1', conversation: 'k' },
      handle,
    );
    expect(sent[0]?.answer.answer).toMatch(/38 billion/);
    expect(counted).toBe(0);
    // A follow-up nothing ties to would be asked about, unless there is nothing to ask about at all.
    const empty = counting(0);
    await conversationOver({ briefing: empty }).converse(
      { text: 'what did she say?', asker: 'u2', conversation: 'k2' },
      handle,
    );
    expect(sent[1]).toMatchObject({ kind: 'answer' });
    expect(counted).toBe(1);
  });

  it('refuses a question over the limit and a person over the rate, before any work, in the platform’s words', async () => {
    const limiter = createRateLimiter(seeded.clock, 1, 60_000);
    const conversation = conversationOver({ limit: { limiter, message: (s) => `slow down (${s} s)` } });
    const first = recordingHandle();
    await conversation.converse({ text: 'x'.repeat(201), asker: 'u1', conversation: 'k' }, first.handle);
    expect(first.steps).toEqual([expect.stringMatching(/^fail:bad_request:.*under 200 characters/)]);
    await conversation.converse({ text: 'hi', asker: 'u1', conversation: 'k' }, first.handle);
    const second = recordingHandle();
    const outcome = await conversation.converse(
      { text: 'hi', asker: 'u1', conversation: 'k' },
      second.handle,
    );
    expect(second.steps).toEqual(['fail:rate_limited:slow down (60 s)']);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('does not remember a turn whose reply the platform refused, and reports the failure', async () => {
    const conversation = conversationOver();
    const { handle, steps } = recordingHandle({ refuse: true });
    await conversation.converse({ text: 'How big is the AWS deal?', asker: 'u1', conversation: 'k' }, handle);
    expect(steps).toEqual(['working', 'send:answer', 'fail:internal:platform refused']);
    expect(await seeded.conversations.recentTurns('k', 6)).toEqual([]);
  });

  it('reads a parent conversation before its own turns, and only turns since `since`', async () => {
    const asked: AskOptions[] = [];
    const briefing: Briefing = {
      ...seeded.briefing,
      ask: (question, options = {}) => {
        asked.push(options);
        return seeded.briefing.ask(question, options);
      },
    };
    const conversation = conversationOver({ briefing });
    const { handle } = recordingHandle();
    await conversation.converse(
      { text: 'How big is the AWS deal?', asker: 'u1', conversation: 'parent' },
      handle,
    );
    await conversation.converse(
      {
        text: 'and when will it be deployed?',
        asker: 'u1',
        conversation: 'thread',
        context: { parentKey: 'parent' },
      },
      handle,
    );
    expect(asked[1]?.history?.map((t) => t.question)).toEqual(['How big is the AWS deal?']);
    seeded.clock.set('2026-03-02T10:00:00.000Z');
    await conversation.converse(
      {
        text: 'who is dave brown',
        asker: 'u1',
        conversation: 'parent',
        context: { since: '2026-03-02T09:30:00.000Z' },
      },
      handle,
    );
    expect(asked[2]?.history).toBeUndefined();
  });

  it('gives small talk no citations and no answer id, with examples from the articles', async () => {
    const conversation = conversationOver();
    const { handle, sent } = recordingHandle();
    await conversation.converse({ text: 'hello', asker: 'u1', conversation: 'k' }, handle);
    expect(sent[0]).toMatchObject({ kind: 'chat', answerId: null });
    expect(sent[0]?.answer.citations).toEqual([]);
    expect(sent[0]?.examples.length).toBeGreaterThanOrEqual(2);
    expect(sent[0]?.answer.answer).not.toMatch(/don't say|couldn't find/i);
  });
});

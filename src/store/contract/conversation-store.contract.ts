/**
 * @module store/contract/conversation-store.contract
 * The ConversationStore and FeedbackStore contract, run against every implementation: thread turns
 * oldest first within a limit and a since-time, and one vote per person per answer, the last one kept.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../core/answer.js';
import { BadRequestError } from '../../core/errors.js';
import type { ConversationStore, FeedbackStore } from '../../core/ports.js';

export interface ConversationStoresFixture {
  conversations: ConversationStore;
  feedback: FeedbackStore;
  dispose(): Promise<void>;
}

const answer = (text: string): Answer =>
  ({
    question: 'How big is the deal?',
    answer: text,
    abstained: false,
    mode: 'extractive',
    citations: [],
  }) as unknown as Answer;

export function describeConversationStoresContract(
  name: string,
  factory: () => Promise<ConversationStoresFixture>,
): void {
  describe(`ConversationStore contract: ${name}`, () => {
    it('returns the latest turns of one conversation, oldest first, within a limit and a since-time', async () => {
      const { conversations, dispose } = await factory();
      expect(await conversations.hasConversation('k')).toBe(false);
      expect(await conversations.recentTurns('k', 5)).toEqual([]);
      for (let i = 1; i <= 4; i++) {
        await conversations.appendTurn(
          'k',
          { question: `q${i}`, answer: `a${i}` },
          `2026-01-0${i}T00:00:00.000Z`,
        );
      }
      await conversations.appendTurn('other', { question: 'x', answer: 'y' }, '2026-01-09T00:00:00.000Z');
      expect(await conversations.hasConversation('k')).toBe(true);
      expect((await conversations.recentTurns('k', 2)).map((t) => t.question)).toEqual(['q3', 'q4']);
      expect(await conversations.recentTurns('k', 10, '2026-01-03T00:00:00.000Z')).toEqual([
        { question: 'q3', answer: 'a3' },
        { question: 'q4', answer: 'a4' },
      ]);
      expect((await conversations.recentTurns('other', 10)).map((t) => t.answer)).toEqual(['y']);
      await dispose();
    });
  });

  describe(`FeedbackStore contract: ${name}`, () => {
    it('counts one vote per person per answer, the last click winning', async () => {
      const { feedback, dispose } = await factory();
      const id = await feedback.recordAnswer(
        answer('$8 billion [1]'),
        'slack:T:C:1',
        '2026-01-01T00:00:00.000Z',
      );
      const other = await feedback.recordAnswer(answer('No idea'), 'slack:T:C:2', '2026-01-01T00:00:00.000Z');
      expect(id).not.toBe(other);
      expect(await feedback.tally(id)).toEqual({ up: 0, down: 0 });
      expect(await feedback.recordVote(id, 'U1', 'up', '2026-01-01T00:01:00.000Z')).toEqual({
        up: 1,
        down: 0,
      });
      expect(await feedback.recordVote(id, 'U2', 'down', '2026-01-01T00:02:00.000Z')).toEqual({
        up: 1,
        down: 1,
      });
      expect(await feedback.recordVote(id, 'U1', 'down', '2026-01-01T00:03:00.000Z')).toEqual({
        up: 0,
        down: 2,
      });
      expect(await feedback.tally(other)).toEqual({ up: 0, down: 0 });
      await dispose();
    });

    it('refuses a vote on an unknown answer with a message for the person', async () => {
      const { feedback, dispose } = await factory();
      await expect(
        feedback.recordVote('nope', 'U1', 'up', '2026-01-01T00:00:00.000Z'),
      ).rejects.toBeInstanceOf(BadRequestError);
      await dispose();
    });
  });
}

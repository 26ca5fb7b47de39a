/**
 * @module store/memory/memory-conversation-store
 * Thread memory and answer feedback in memory (the ConversationStore and FeedbackStore ports), with
 * the contract of the SQLite stores; async like bolt-js's MemoryStore, so callers never change.
 */
import { randomUUID } from 'node:crypto';
import type { ConversationTurn } from '../../core/answer.js';
import { BadRequestError } from '../../core/errors.js';
import type { ConversationKey, ConversationStore, FeedbackStore, Vote } from '../../core/ports.js';

export function createMemoryConversationStore(): ConversationStore {
  const turns = new Map<ConversationKey, { turn: ConversationTurn; at: string }[]>();
  return {
    async recentTurns(key, limit, since = '') {
      const kept = (turns.get(key) ?? []).filter((t) => t.at >= since);
      return kept.slice(Math.max(0, kept.length - limit)).map(({ turn }) => ({ ...turn }));
    },
    async appendTurn(key, turn, now) {
      const list = turns.get(key) ?? [];
      list.push({ turn: { question: turn.question, answer: turn.answer }, at: now });
      turns.set(key, list);
    },
    async hasConversation(key) {
      return (turns.get(key)?.length ?? 0) > 0;
    },
  };
}

export function createMemoryFeedbackStore(): FeedbackStore {
  const answers = new Set<string>();
  const votes = new Map<string, Map<string, Vote>>();
  const tally = (answerId: string) => {
    let up = 0;
    let down = 0;
    for (const vote of votes.get(answerId)?.values() ?? []) {
      if (vote === 'up') up++;
      else down++;
    }
    return { up, down };
  };
  return {
    async recordAnswer() {
      const id = randomUUID();
      answers.add(id);
      return id;
    },
    async recordVote(answerId, userId, vote) {
      if (!answers.has(answerId))
        throw new BadRequestError('That answer is no longer known, so the vote was not counted.');
      const byUser = votes.get(answerId) ?? new Map<string, Vote>();
      byUser.set(userId, vote);
      votes.set(answerId, byUser);
      return tally(answerId);
    },
    async tally(answerId) {
      return tally(answerId);
    },
  };
}

/**
 * @module store/postgres/pg-conversation-store
 * Thread memory and answer feedback on PostgreSQL: the same tables and statements as SQLite's
 * (store/sqlite/sqlite-conversation-store.ts), shared by every process on the database.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { serialiseTurnContext, storedTurn } from '../../core/conversation/turn-context.js';
import { BadRequestError } from '../../core/errors.js';
import type { ConversationStore, FeedbackStore } from '../../core/ports.js';

export function createPgConversationStore(pool: Pool): ConversationStore {
  return {
    async recentTurns(key, limit, since = '') {
      const { rows } = await pool.query<{ question: string; answer: string; context: string | null }>(
        `SELECT question, answer, context FROM (
           SELECT id, question, answer, context FROM conversation_turns
           WHERE conversation_key = $1 AND created_at >= $2 ORDER BY id DESC LIMIT $3
         ) AS latest ORDER BY id`,
        [key, since, limit],
      );
      return rows.map((row) => storedTurn(row.question, row.answer, row.context));
    },
    async appendTurn(key, turn, now) {
      await pool.query(
        `INSERT INTO conversation_turns (conversation_key, question, answer, context, created_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [key, turn.question, turn.answer, serialiseTurnContext(turn), now],
      );
    },
    async hasConversation(key) {
      const { rowCount } = await pool.query(
        'SELECT 1 FROM conversation_turns WHERE conversation_key = $1 LIMIT 1',
        [key],
      );
      return rowCount === 1;
    },
  };
}

export function createPgFeedbackStore(pool: Pool): FeedbackStore {
  const count = async (answerId: string) => {
    const { rows } = await pool.query<{ up: number; down: number }>(
      `SELECT count(*) FILTER (WHERE vote = 'up')::int AS up, count(*) FILTER (WHERE vote = 'down')::int AS down
       FROM feedback_votes WHERE answer_id = $1`,
      [answerId],
    );
    return { up: rows[0]?.up ?? 0, down: rows[0]?.down ?? 0 };
  };
  return {
    async recordAnswer(answer, where, now) {
      const id = randomUUID();
      await pool.query(
        `INSERT INTO answers (id, conversation_key, question, answer, abstained, mode, citations, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          id,
          where,
          answer.question,
          answer.answer,
          answer.abstained,
          answer.mode,
          JSON.stringify(answer.citations),
          now,
        ],
      );
      return id;
    },
    async recordVote(answerId, userId, vote, now) {
      // One statement: the vote is written only if the answer is known (no race with a delete).
      const { rowCount } = await pool.query(
        `INSERT INTO feedback_votes (answer_id, user_id, vote, voted_at)
         SELECT id, $2, $3, $4 FROM answers WHERE id = $1
         ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at`,
        [answerId, userId, vote, now],
      );
      if (rowCount !== 1)
        throw new BadRequestError('That answer is no longer known, so the vote was not counted.');
      return count(answerId);
    },
    tally: count,
  };
}

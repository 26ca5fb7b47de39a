/**
 * @module store/sqlite/sqlite-conversation-store
 * Thread memory in SQLite: the turns of each conversation, so follow-ups work across restarts; and the
 * answers as posted with their votes. Calls run under the connection's lock (connection-lock.ts).
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { serialiseTurnContext, storedTurn } from '../../core/conversation/turn-context.js';
import { BadRequestError } from '../../core/errors.js';
import type { ConversationStore, FeedbackStore, Vote } from '../../core/ports.js';
import { lockOf } from './connection-lock.js';

export function createSqliteConversationStore(db: Database.Database): ConversationStore {
  const recent = db.prepare<
    [string, string, number],
    { question: string; answer: string; context: string | null }
  >(
    `SELECT question, answer, context FROM (
       SELECT id, question, answer, context FROM conversation_turns
       WHERE conversation_key = ? AND created_at >= ? ORDER BY id DESC LIMIT ?
     ) ORDER BY id`,
  );
  const append = db.prepare(
    `INSERT INTO conversation_turns (conversation_key, question, answer, context, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const exists = db.prepare<[string], { one: number }>(
    'SELECT 1 AS one FROM conversation_turns WHERE conversation_key = ? LIMIT 1',
  );
  const lock = lockOf(db);
  return {
    recentTurns: (key, limit, since = '') =>
      lock.run(() =>
        recent.all(key, since, limit).map((row) => storedTurn(row.question, row.answer, row.context)),
      ),
    appendTurn: (key, turn, now) =>
      lock.run(() => {
        append.run(key, turn.question, turn.answer, serialiseTurnContext(turn), now);
      }),
    hasConversation: (key) => lock.run(() => exists.get(key) !== undefined),
  };
}

export function createSqliteFeedbackStore(db: Database.Database): FeedbackStore {
  const insertAnswer = db.prepare(
    `INSERT INTO answers (id, conversation_key, question, answer, abstained, mode, citations, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const answerExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM answers WHERE id = ?');
  const upsertVote = db.prepare(
    `INSERT INTO feedback_votes (answer_id, user_id, vote, voted_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at`,
  );
  const tally = db.prepare<[string], { up: number; down: number }>(
    `SELECT COALESCE(SUM(vote = 'up'), 0) AS up, COALESCE(SUM(vote = 'down'), 0) AS down
     FROM feedback_votes WHERE answer_id = ?`,
  );
  const count = (answerId: string) => {
    const row = tally.get(answerId);
    return { up: row?.up ?? 0, down: row?.down ?? 0 };
  };
  const lock = lockOf(db);
  return {
    recordAnswer: (answer, where, now) =>
      lock.run(() => {
        const id = randomUUID();
        insertAnswer.run(
          id,
          where,
          answer.question,
          answer.answer,
          answer.abstained ? 1 : 0,
          answer.mode,
          JSON.stringify(answer.citations),
          now,
        );
        return id;
      }),
    recordVote: (answerId, userId, vote: Vote, now) =>
      lock.run(() => {
        if (!answerExists.get(answerId))
          throw new BadRequestError('That answer is no longer known, so the vote was not counted.');
        upsertVote.run(answerId, userId, vote, now);
        return count(answerId);
      }),
    tally: (answerId) => lock.run(() => count(answerId)),
  };
}

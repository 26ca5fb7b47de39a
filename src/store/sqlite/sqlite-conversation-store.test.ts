import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { TurnContext } from '../../core/answer.js';
import { describeConversationStoresContract } from '../contract/conversation-store.contract.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { openSqliteDatabase } from './sqlite-article-store.js';
import { createSqliteConversationStore, createSqliteFeedbackStore } from './sqlite-conversation-store.js';

const CONTEXT: TurnContext = {
  kind: 'briefing',
  subject: 'the AWS deal',
  people: [{ name: 'Matt Garman', gender: 'male' }],
  organisations: ['AWS'],
  briefing: { topic: null, days: 3, shown: ['s1'] },
};

describe('SQLite conversation store', async () => {
  it('keeps a turn’s context with it, and reads turns without one as before', async () => {
    const db = openSqliteDatabase(':memory:');
    const store = createSqliteConversationStore(db);
    await store.appendTurn('k', { question: 'q1', answer: 'a1' }, '2026-03-02T09:00:00.000Z');
    await store.appendTurn(
      'k',
      { question: 'q2', answer: 'a2', context: CONTEXT },
      '2026-03-02T09:01:00.000Z',
    );
    expect(await store.recentTurns('k', 6)).toEqual([
      { question: 'q1', answer: 'a1' },
      { question: 'q2', answer: 'a2', context: CONTEXT },
    ]);
    db.close();
  });

  it('ignores a stored context that is not one (hand-edited, from a newer version) instead of failing', async () => {
    const db = openSqliteDatabase(':memory:');
    db.prepare(
      `INSERT INTO conversation_turns (conversation_key, question, answer, context, created_at)
       VALUES ('k', 'q', 'a', ?, '2026-03-02T09:00:00.000Z')`,
    ).run('{"kind":"poem"}');
    db.prepare(
      `INSERT INTO conversation_turns (conversation_key, question, answer, context, created_at)
       VALUES ('k', 'q', 'a', 'not json', '2026-03-02T09:00:00.000Z')`,
    ).run();
    expect(await createSqliteConversationStore(db).recentTurns('k', 6)).toEqual([
      { question: 'q', answer: 'a' },
      { question: 'q', answer: 'a' },
    ]);
    db.close();
  });

  it('adds the context column to a database of the previous version, keeping its turns', async () => {
    const db = new Database(':memory:');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 6),
    );
    db.prepare(
      `INSERT INTO conversation_turns (conversation_key, question, answer, created_at)
       VALUES ('k', 'old question', 'old answer', '2026-03-01T09:00:00.000Z')`,
    ).run();
    expect(
      migrate(
        db,
        MIGRATIONS.filter((m) => m.version <= 6),
      ),
    ).toBe(1);
    const store = createSqliteConversationStore(db);
    await store.appendTurn(
      'k',
      { question: 'new', answer: 'a', context: CONTEXT },
      '2026-03-02T09:00:00.000Z',
    );
    expect(await store.recentTurns('k', 6)).toEqual([
      { question: 'old question', answer: 'old answer' },
      { question: 'new', answer: 'a', context: CONTEXT },
    ]);
    db.close();
  });
});

describeConversationStoresContract('SQLite', async () => {
  const db = openSqliteDatabase(':memory:');
  return {
    conversations: createSqliteConversationStore(db),
    feedback: createSqliteFeedbackStore(db),
    dispose: async () => {
      db.close();
    },
  };
});

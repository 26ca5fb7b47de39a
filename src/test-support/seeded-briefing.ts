/**
 * @module test-support/seeded-briefing
 * A Briefing over an in-memory SQLite store holding the five bundled seed articles, for end-to-end
 * tests of adapters. The clock is fixed unless one is passed.
 */
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../adapters/log/json-logger.js';
import type { Briefing } from '../core/briefing.js';
import { type BriefingDeps, createBriefing } from '../core/create-briefing.js';
import type { ArticleStore, Clock, ConversationStore, FeedbackStore } from '../core/ports.js';
import { ingestInputs } from '../ingest/ingest-inputs.js';
import { createSqliteArticleStore, openSqliteDatabase } from '../store/sqlite/sqlite-article-store.js';
import {
  createSqliteConversationStore,
  createSqliteFeedbackStore,
} from '../store/sqlite/sqlite-conversation-store.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

export function fixedClock(iso = '2026-03-02T09:00:00.000Z'): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set(next: string) {
      now = new Date(next);
    },
  };
}

export interface SeededBriefing {
  briefing: Briefing;
  store: ArticleStore;
  conversations: ConversationStore;
  feedback: FeedbackStore;
  clock: ReturnType<typeof fixedClock>;
  db: ReturnType<typeof openSqliteDatabase>;
  close(): void;
}

export async function createSeededBriefing(
  clock = fixedClock(),
  options: Pick<BriefingDeps, 'loadReader'> = {},
): Promise<SeededBriefing> {
  const db = openSqliteDatabase(':memory:');
  const store = createSqliteArticleStore(db);
  await ingestInputs([SEEDS_DIR], { store, clock, root: PROJECT_ROOT });
  return {
    briefing: createBriefing({ store, clock, logger: silentLogger, ...options }),
    store,
    conversations: createSqliteConversationStore(db),
    feedback: createSqliteFeedbackStore(db),
    clock,
    db,
    close: () => db.close(),
  };
}

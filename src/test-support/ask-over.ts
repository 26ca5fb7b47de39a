/**
 * @module test-support/ask-over
 * The reader tests' one setup: a briefing over a few drafts in an in-memory SQLite store at a fixed time.
 */
import { silentLogger } from '../adapters/log/json-logger.js';
import type { Answer } from '../core/answer.js';
import type { ArticleDraft } from '../core/article.js';
import { createBriefing } from '../core/create-briefing.js';
import { emptyIngestReport, ingestDrafts } from '../core/ingest-articles.js';
import { createSqliteArticleStore, openSqliteDatabase } from '../store/sqlite/sqlite-article-store.js';
import { fixedClock } from './seeded-briefing.js';

/** Ingests `drafts` (once, at `now`) and returns a function that asks the briefing a question. */
export function askOver(drafts: ArticleDraft[], now: string): (question: string) => Promise<Answer> {
  const store = createSqliteArticleStore(openSqliteDatabase(':memory:'));
  const clock = fixedClock(now);
  const stored = store.inTransaction((tx) => ingestDrafts(tx, clock, drafts, emptyIngestReport()));
  const briefing = createBriefing({ store, clock, logger: silentLogger });
  return async (question) => {
    await stored;
    return briefing.ask(question);
  };
}

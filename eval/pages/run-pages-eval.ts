/**
 * @module eval/pages/run-pages-eval
 * The saved-pages evaluation: the pages are served on 127.0.0.1 and ingested by URL into a fresh data
 * folder through `brief ingest`'s code (`ingestInputs` into the SQLite store), then every question is
 * asked through the briefing `brief ask` builds. Each answer is scored: the expected answer stated
 * and a citation of the right page, or an abstention for an unanswerable question; every quote must
 * occur verbatim in the stored text of the page it cites.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/adapters/log/json-logger.js';
import type { Answer } from '../../src/core/answer.js';
import { createBriefing } from '../../src/core/create-briefing.js';
import type { IngestReport } from '../../src/core/ingest-articles.js';
import type { SentenceReader } from '../../src/core/reader/answer-spans.js';
import type { AnswerTuning } from '../../src/core/tuning.js';
import { ingestInputs } from '../../src/ingest/ingest-inputs.js';
import { createSqliteArticleStore, openSqliteDatabase } from '../../src/store/sqlite/sqlite-article-store.js';
import type { PageQuestion, PageSet } from './dataset.js';
import { statesExpected } from './match.js';
import { servePages } from './serve-pages.js';

/** "Now" for every question: the pages are years old, as a user's own store of articles may be. */
export const EVAL_NOW = '2026-12-01T12:00:00.000Z';

export interface PageRecord {
  id: string;
  part: PageQuestion['part'];
  kind: PageQuestion['kind'];
  answerable: boolean;
  question: string;
  /** Answerable: stated and cited; unanswerable: abstained. */
  ok: boolean;
  abstained: boolean;
  stated: boolean;
  cited: boolean;
  /** Pages the answer cites (by name; `?` for an article that is none of the set's pages). */
  citedPages: string[];
  invalidQuotes: number;
  quotes: number;
  answer: string;
}

export interface PagesRun {
  ingest: { pages: number; stored: number; failed: { origin: string; error: string }[] };
  records: PageRecord[];
}

export async function runPagesEval(
  set: PageSet,
  options: { now?: string; answering?: AnswerTuning; loadReader?: () => Promise<SentenceReader> } = {},
): Promise<PagesRun> {
  const dir = await mkdtemp(join(tmpdir(), 'briefbot-pages-'));
  const server = await servePages(set.pages);
  const db = openSqliteDatabase(join(dir, 'briefbot.sqlite'));
  try {
    const store = createSqliteArticleStore(db);
    const now = new Date(options.now ?? EVAL_NOW);
    const clock = { now: () => new Date(now) };
    const report: IngestReport = await ingestInputs([...server.urls.values()], { store, clock, root: dir });
    const articles = await store.listArticles({ limit: set.pages.size * 4 });
    const pageOfUrl = new Map([...server.urls].map(([name, url]) => [url, name]));
    const pageOf = new Map(
      articles.map((a) => [a.id, pageOfUrl.get(a.origin) ?? pageOfUrl.get(a.url ?? '') ?? '?']),
    );
    const textOf = new Map(articles.map((a) => [a.id, a.text]));
    const briefing = createBriefing({
      store,
      clock,
      logger: silentLogger,
      ...(options.answering ? { answering: options.answering } : {}),
      ...(options.loadReader ? { loadReader: options.loadReader } : {}),
    });
    const records: PageRecord[] = [];
    for (const q of set.questions) {
      const answer = await briefing.ask(q.question);
      records.push(score(q, answer, pageOf, textOf));
    }
    return {
      ingest: { pages: set.pages.size, stored: articles.length, failed: report.failed },
      records,
    };
  } finally {
    db.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function score(
  q: PageQuestion,
  answer: Answer,
  pageOf: Map<string, string>,
  textOf: Map<string, string>,
): PageRecord {
  const citedPages = [...new Set(answer.citations.map((c) => pageOf.get(c.articleId) ?? '?'))];
  const invalidQuotes = answer.citations.filter(
    (c) => c.quote.length === 0 || !(textOf.get(c.articleId) ?? '').includes(c.quote),
  ).length;
  const stated = !answer.abstained && statesExpected(answer.answer, q.any);
  const cited = !answer.abstained && citedPages.some((p) => q.pages.includes(p));
  return {
    id: q.id,
    part: q.part,
    kind: q.kind,
    answerable: q.answerable,
    question: q.question,
    ok: q.answerable ? stated && cited : answer.abstained,
    abstained: answer.abstained,
    stated,
    cited,
    citedPages,
    invalidQuotes,
    quotes: answer.citations.length,
    answer: answer.answer,
  };
}

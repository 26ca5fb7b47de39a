/**
 * @module eval/rtqa/week-corpus
 * One week's pool in a fresh in-memory store, filled through the normal ingestion path (a JSON Lines
 * file read by `ingestInputs`), and the map between stored articles and the data set's page ids.
 * A page the store folded into an identical one (same content hash) maps to that article; a page that
 * could not be stored at all is counted as unmapped and can never be retrieved.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Article } from '../../src/core/article.js';
import { contentHashOf } from '../../src/core/ingest-articles.js';
import type { ArticleStore, Clock } from '../../src/core/ports.js';
import { ingestInputs } from '../../src/ingest/ingest-inputs.js';
import { parseJsonArticles } from '../../src/ingest/json-articles.js';
import { createSqliteArticleStore, openSqliteDatabase } from '../../src/store/sqlite/sqlite-article-store.js';
import type { RtqaPage } from './dataset.js';

export interface WeekMapping {
  pages: number;
  articles: number;
  passages: number;
  /** Pages whose URL was already used by another page of the week. */
  originCollisions: number;
  /** Pages folded into an earlier article with the same content (same title and text). */
  folded: number;
  /** Pages that are not in the store at all (ingestion failed). */
  unmapped: string[];
  failures: { origin: string; error: string }[];
}

export interface WeekCorpus {
  week: string;
  /** The store's SQLite database, for the vector index of hybrid retrieval (`--model`); null on PostgreSQL. */
  db: Database.Database | null;
  store: ArticleStore;
  articles: Article[];
  /** The article a page id became, if any. */
  articleOf(pageId: string): string | undefined;
  /** The page ids stored as this article, the first being the page that created it. */
  pagesOf(articleId: string): readonly string[];
  mapping: WeekMapping;
  close(): Promise<void>;
}

/** The fields `src/ingest/json-articles.ts` reads; the URL becomes the article's origin. */
function toRecord(page: RtqaPage): string {
  return JSON.stringify({
    id: page.id,
    title: page.title,
    url: page.url,
    source: page.source,
    publish_date: page.publish_date,
    text: page.text,
  });
}

export async function ingestWeek(
  week: string,
  pages: RtqaPage[],
  tmpDir: string,
  clock: Clock,
): Promise<WeekCorpus> {
  const file = join(tmpDir, `${week}.jsonl`);
  const lines = pages.map(toRecord);
  await writeFile(file, `${lines.join('\n')}\n`, 'utf8');
  const { db, store, dispose } = await openWeekStore(week);
  const report = await ingestInputs([file], { store, clock, root: tmpDir, maxBytes: 256 * 1024 * 1024 });
  await rm(file, { force: true });

  const articles = await store.listArticles();
  const byOrigin = new Map(articles.map((a) => [a.origin, a.id]));
  const byHash = new Map(articles.map((a) => [a.contentHash, a.id]));
  const articleByPage = new Map<string, string>();
  const pagesByArticle = new Map<string, string[]>();
  const seenUrls = new Set<string>();
  const mapping: WeekMapping = {
    pages: pages.length,
    articles: articles.length,
    passages: 0,
    originCollisions: 0,
    folded: 0,
    unmapped: [],
    failures: report.failed,
  };
  pages.forEach((page, i) => {
    if (seenUrls.has(page.url)) mapping.originCollisions++;
    seenUrls.add(page.url);
    // A repeated URL updates the same article in place, so both pages map to it.
    let articleId = byOrigin.get(page.url);
    if (!articleId) {
      // Not stored under its own URL: find the article with the same content, as the store did.
      const draft = parseJsonArticles(file, lines[i] ?? '', true).drafts[0];
      articleId = draft ? byHash.get(contentHashOf(draft)) : undefined;
      if (articleId) mapping.folded++;
    }
    if (!articleId) {
      mapping.unmapped.push(page.id);
      return;
    }
    articleByPage.set(page.id, articleId);
    pagesByArticle.set(articleId, [...(pagesByArticle.get(articleId) ?? []), page.id]);
  });
  mapping.passages = (await store.stats()).passages;
  return {
    week,
    db,
    store,
    articles,
    articleOf: (pageId) => articleByPage.get(pageId),
    pagesOf: (articleId) => pagesByArticle.get(articleId) ?? [],
    mapping,
    close: async () => {
      await store.close();
      await dispose();
    },
  };
}

/**
 * A fresh store for one week: SQLite in memory, or with RTQA_DATABASE_URL (a PostgreSQL server URL) a
 * database of its own on that server, dropped when the week is done (docs/EVALUATION.md, "Stores").
 */
async function openWeekStore(week: string): Promise<{
  db: Database.Database | null;
  store: ArticleStore;
  dispose(): Promise<void>;
}> {
  const server = process.env.RTQA_DATABASE_URL;
  if (!server) {
    const db = openSqliteDatabase(':memory:');
    return { db, store: createSqliteArticleStore(db), dispose: async () => {} };
  }
  const { default: pg } = await import('pg');
  const { openPostgresPool } = await import('../../src/store/postgres/pg-database.js');
  const { createPgArticleStore } = await import('../../src/store/postgres/pg-article-store.js');
  const name = `rtqa_${week.replace(/\W/g, '_')}_${process.pid}_${Date.now().toString(36)}`.toLowerCase();
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const pool = await openPostgresPool({ url: url.toString(), max: 2 });
  return {
    db: null,
    store: createPgArticleStore(pool, { onClose: () => pool.end() }),
    dispose: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

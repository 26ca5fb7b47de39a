/**
 * @module store/sqlite/sqlite-rows
 * The articles and passages tables' rows, and their mapping to the core's Article and Passage.
 */
import type { Article, Passage, SentenceSpan } from '../../core/article.js';

export interface ArticleRow {
  id: string;
  origin: string;
  content_hash: string;
  title: string;
  source: string | null;
  url: string | null;
  published_at: string | null;
  text: string;
  ingested_at: string;
  first_ingested_at?: string;
}

export interface PassageRow {
  id: number;
  article_id: string;
  ordinal: number;
  start: number;
  end: number;
  text: string;
  sentences: string;
}

export function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    origin: row.origin,
    contentHash: row.content_hash,
    title: row.title,
    source: row.source,
    url: row.url,
    publishedAt: row.published_at,
    text: row.text,
    ingestedAt: row.ingested_at,
    ...(row.first_ingested_at ? { firstIngestedAt: row.first_ingested_at } : {}),
  };
}

/** Sentence spans are stored as JSON `[[start, end], ...]`. */
export function toPassage(row: PassageRow): Passage {
  const sentences: SentenceSpan[] = (JSON.parse(row.sentences) as [number, number][]).map(([start, end]) => ({
    start,
    end,
  }));
  return {
    id: row.id,
    articleId: row.article_id,
    ordinal: row.ordinal,
    start: row.start,
    end: row.end,
    text: row.text,
    sentences,
  };
}

/** SQLite binds at most 32,766 parameters per statement; `IN (...)` lists are read in chunks well below. */
export const IN_CHUNK = 500;

export function chunked<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

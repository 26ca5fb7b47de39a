/**
 * @module store/postgres/pg-rows
 * The PostgreSQL store's article and passage rows, and their mapping to the core's Article and Passage.
 */
import type { Article, ArticleRef, Passage } from '../../core/article.js';

export interface PgArticleRow {
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

export interface PgPassageRow {
  id: number;
  article_id: string;
  ordinal: number;
  start: number;
  end: number;
  text: string;
  /** jsonb `[[start, end], ...]`, parsed by node-postgres. */
  sentences: [number, number][];
}

export const ARTICLE_COLUMNS =
  'id, origin, content_hash, title, source, url, published_at, text, ingested_at, first_ingested_at';
export const PASSAGE_COLUMNS = 'id, article_id, ordinal, start, "end", text, sentences';

export function toArticle(row: PgArticleRow): Article {
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

export function toArticleRef(row: Omit<PgArticleRow, 'text' | 'content_hash' | 'ingested_at'>): ArticleRef {
  return {
    id: row.id,
    title: row.title,
    source: row.source,
    url: row.url,
    origin: row.origin,
    publishedAt: row.published_at,
  };
}

export function toPassage(row: PgPassageRow): Passage {
  return {
    id: row.id,
    articleId: row.article_id,
    ordinal: row.ordinal,
    start: row.start,
    end: row.end,
    text: row.text,
    sentences: row.sentences.map(([start, end]) => ({ start, end })),
  };
}

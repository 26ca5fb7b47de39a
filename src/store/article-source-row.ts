/**
 * @module store/article-source-row
 * The columns an article's source is stored in (source_kind, source_input), read back as the core's
 * StoredSource by the SQLite and PostgreSQL stores alike.
 */
import type { ArticleSource } from '../core/article.js';
import type { StoredSource } from '../core/ports.js';

export interface SourceRow {
  id: string;
  origin: string;
  content_hash: string;
  source_kind: string | null;
  source_input: string | null;
}

const SOURCE_KINDS: readonly string[] = ['file', 'record', 'page', 'feed'] satisfies ArticleSource['kind'][];

export function toStoredSource(row: SourceRow): StoredSource {
  const known = row.source_kind !== null && SOURCE_KINDS.includes(row.source_kind);
  return {
    articleId: row.id,
    contentHash: row.content_hash,
    source:
      known && row.source_input !== null
        ? { kind: row.source_kind as ArticleSource['kind'], input: row.source_input }
        : null,
  };
}

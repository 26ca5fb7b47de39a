/**
 * @module core/ingest-articles
 * Use case: store parsed articles. Each draft is cut into passages, tokenised and written in its own
 * transaction; the same content is never stored twice, and a changed article keeps its id.
 */
import { createHash } from 'node:crypto';
import type { ArticleDraft } from './article.js';
import type { ArticleStore, Clock } from './ports.js';
import { chunkPassages } from './text/passages.js';
import { tokenize } from './text/tokenize.js';

export interface IngestFailure {
  origin: string;
  error: string;
}

/** The `brief ingest --json` shape; a stable interface. */
export interface IngestReport {
  added: number;
  updated: number;
  unchanged: number;
  failed: IngestFailure[];
}

export function emptyIngestReport(): IngestReport {
  return { added: 0, updated: 0, unchanged: 0, failed: [] };
}

/** Same text (ignoring white-space differences) and same title means same content. */
export function contentHashOf(draft: Pick<ArticleDraft, 'title' | 'text'>): string {
  const normalised = `${draft.title}\n${draft.text}`.normalize('NFC').replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(normalised).digest('hex');
}

export function ingestDraft(
  store: ArticleStore,
  clock: Clock,
  draft: ArticleDraft,
  report: IngestReport,
): string | null {
  try {
    const passages = chunkPassages(draft.text);
    const { outcome, articleId } = store.upsertArticle(
      {
        draft,
        contentHash: contentHashOf(draft),
        passages,
        passageTerms: passages.map((p) => tokenize(draft.text.slice(p.start, p.end))),
        titleTerms: tokenize(draft.title),
      },
      clock.now().toISOString(),
    );
    report[outcome]++;
    return articleId;
  } catch (error) {
    report.failed.push({ origin: draft.origin, error: `could not store: ${(error as Error).message}` });
    return null;
  }
}

/**
 * @module core/ingest-articles
 * Use case: store parsed articles. Each draft is cut into passages, tokenised and written in its own
 * transaction; the same content is never stored twice, and a changed article keeps its id.
 */
import { createHash } from 'node:crypto';
import type { ArticleDraft } from './article.js';
import type { ArticleStore, ArticleWriter, Clock, StoredArticleInput } from './ports.js';
import { chunkPassages } from './text/passages.js';
import { tokenize } from './text/tokenize.js';

export interface IngestFailure {
  origin: string;
  error: string;
}

/** Something an input was stored despite: a date it could not read, a url that is no URL. */
export interface IngestWarning {
  origin: string;
  warning: string;
}

/** The `brief ingest --json` shape; a stable interface (fields are added, never changed). */
export interface IngestReport {
  added: number;
  updated: number;
  unchanged: number;
  failed: IngestFailure[];
  warnings: IngestWarning[];
}

export function emptyIngestReport(): IngestReport {
  return { added: 0, updated: 0, unchanged: 0, failed: [], warnings: [] };
}

/** Same text (ignoring white-space differences) and same title means same content. */
export function contentHashOf(draft: Pick<ArticleDraft, 'title' | 'text'>): string {
  const normalised = `${draft.title}\n${draft.text}`.normalize('NFC').replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(normalised).digest('hex');
}

/** Passages, their terms and the content hash: everything the store needs, computed outside it. */
export function prepareArticle(draft: ArticleDraft): StoredArticleInput {
  const passages = chunkPassages(draft.text);
  // An article no passage can find is no article: nothing could ever cite it.
  if (passages.length === 0) throw new Error('there is no sentence in it to index');
  return {
    draft,
    contentHash: contentHashOf(draft),
    passages,
    passageTerms: passages.map((p) => tokenize(draft.text.slice(p.start, p.end))),
    titleTerms: tokenize(draft.title),
  };
}

export async function ingestDraft(
  store: ArticleWriter,
  clock: Clock,
  draft: ArticleDraft,
  report: IngestReport,
): Promise<string | null> {
  try {
    const { outcome, articleId } = await store.upsertArticle(
      prepareArticle(draft),
      clock.now().toISOString(),
    );
    report[outcome]++;
    return articleId;
  } catch (error) {
    report.failed.push(storeFailure(draft, (error as Error).message));
    return null;
  }
}

/**
 * Articles written to the store per call: large enough that the store's per-write overhead (a
 * savepoint, an FTS5 segment) is shared, small enough that prepared passages don't pile up in memory.
 */
export const WRITE_GROUP = 200;

/** The same as `ingestDraft` for each draft in order, written in groups (see `upsertArticles`). */
export async function ingestDrafts(
  store: ArticleWriter,
  clock: Clock,
  drafts: readonly ArticleDraft[],
  report: IngestReport,
): Promise<void> {
  for (let from = 0; from < drafts.length; from += WRITE_GROUP) {
    const group: { draft: ArticleDraft; input: StoredArticleInput; now: string }[] = [];
    for (const draft of drafts.slice(from, from + WRITE_GROUP)) {
      try {
        group.push({ draft, input: prepareArticle(draft), now: clock.now().toISOString() });
      } catch (error) {
        report.failed.push(storeFailure(draft, (error as Error).message));
      }
    }
    (await store.upsertArticles(group)).forEach((result, i) => {
      if ('error' in result) report.failed.push(storeFailure(group[i]?.draft as ArticleDraft, result.error));
      else report[result.outcome]++;
    });
  }
}

/**
 * `ingestDrafts` in one store transaction (one commit). If the store loses the whole transaction (a full
 * disk rolls back everything since it began), none of its drafts is stored: each is reported as failed,
 * and what the report had counted for them is taken back.
 */
export async function ingestBatch(
  store: ArticleStore,
  clock: Clock,
  drafts: readonly ArticleDraft[],
  report: IngestReport,
): Promise<void> {
  const before = { ...report, failed: report.failed.length };
  try {
    await store.inTransaction((tx) => ingestDrafts(tx, clock, drafts, report));
  } catch (error) {
    report.added = before.added;
    report.updated = before.updated;
    report.unchanged = before.unchanged;
    report.failed.length = before.failed;
    for (const draft of drafts) report.failed.push(storeFailure(draft, (error as Error).message));
  }
}

function storeFailure(draft: ArticleDraft, message: string): IngestFailure {
  return { origin: draft.origin, error: `could not store: ${message}` };
}

/**
 * @module core/ingest-articles
 * Use case: store parsed articles. Each draft is cut into passages, tokenised and written in its own
 * transaction; the same content is never stored twice, and a changed article keeps its id. An input
 * updates only what it brought in (`mayUpdate`): a claim on another input's article is a conflict.
 */
import { createHash } from 'node:crypto';
import type { ArticleDraft, ArticleSource } from './article.js';
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

/** An article an input claimed that another input brought in: left as it was, not stored. */
export interface IngestConflict {
  origin: string;
  /** The input that claimed it ("a record of news.json"). */
  input: string;
  /** The input it is stored from ("the page https://example.com/a"). */
  storedFrom: string;
}

/** The `brief ingest --json` shape; a stable interface (fields are added, never changed). */
export interface IngestReport {
  added: number;
  updated: number;
  unchanged: number;
  failed: IngestFailure[];
  warnings: IngestWarning[];
  conflicts: IngestConflict[];
}

export function emptyIngestReport(): IngestReport {
  return { added: 0, updated: 0, unchanged: 0, failed: [], warnings: [], conflicts: [] };
}

/** The source of a draft whose caller names none: the origin itself, a page when it is a URL. */
export function sourceOfOrigin(origin: string): ArticleSource {
  return { kind: /^https?:\/\//i.test(origin) ? 'page' : 'file', input: origin };
}

/**
 * Whether an input may update the article stored at `origin`: only the input that brought it in (the
 * same file, the same JSON file's records, the same feed), or, for an article named by its URL, that
 * URL fetched again or a feed entry linking it (both read the page the URL names). An article stored
 * before sources were recorded (`stored` null) is adopted by the first input that claims it again.
 */
export function mayUpdate(stored: ArticleSource | null, incoming: ArticleSource, origin: string): boolean {
  if (stored === null) return true;
  if (stored.kind === incoming.kind && stored.input === incoming.input) return true;
  const readsThePage = (s: ArticleSource) => s.kind === 'page' || s.kind === 'feed';
  // A fragment names no page of its own ("<feed>#guid:..." is a feed entry without a link).
  return readsThePage(stored) && readsThePage(incoming) && !origin.includes('#');
}

export function describeSource(source: ArticleSource | null): string {
  if (source === null) return 'an earlier ingest';
  switch (source.kind) {
    case 'file':
      return `the file ${source.input}`;
    case 'record':
      return `a record of ${source.input}`;
    case 'page':
      return `the page ${source.input}`;
    case 'feed':
      return `an entry of the feed ${source.input}`;
  }
}

/** Same text (ignoring white-space differences) and same title means same content. */
export function contentHashOf(draft: Pick<ArticleDraft, 'title' | 'text'>): string {
  const normalised = `${draft.title}\n${draft.text}`.normalize('NFC').replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(normalised).digest('hex');
}

/** Passages, their terms and the content hash: everything the store needs, computed outside it. */
export function prepareArticle(
  draft: ArticleDraft,
  source: ArticleSource = sourceOfOrigin(draft.origin),
): StoredArticleInput {
  const passages = chunkPassages(draft.text);
  // An article no passage can find is no article: nothing could ever cite it.
  if (passages.length === 0) throw new Error('there is no sentence in it to index');
  return {
    draft,
    source,
    contentHash: contentHashOf(draft),
    passages,
    passageTerms: passages.map((p) => tokenize(draft.text.slice(p.start, p.end))),
    titleTerms: tokenize(draft.title),
  };
}

/**
 * Stores one draft; the id of its article (the stored one when it changes nothing), or null when it
 * failed or was a conflict.
 */
export async function ingestDraft(
  store: ArticleWriter,
  clock: Clock,
  draft: ArticleDraft,
  report: IngestReport,
  source?: ArticleSource,
): Promise<string | null> {
  try {
    const input = prepareArticle(draft, source);
    const stored = (await store.storedSources([draft.origin])).get(draft.origin);
    if (stored && !admits(stored, input, report)) {
      return stored.contentHash === input.contentHash ? stored.articleId : null;
    }
    const { outcome, articleId } = await store.upsertArticle(input, clock.now().toISOString());
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

/**
 * The same as `ingestDraft` for each draft in order, written in groups (see `upsertArticles`). `source`
 * is the input the drafts come from (default: each draft's own origin, see `sourceOfOrigin`). Each
 * group is prepared (cut into passages, tokenised) while the store writes the one before, so that a
 * networked store's server indexes one group while this process prepares the next; what goes in the
 * report, and in what order, is as if the groups ran one after the other.
 */
export async function ingestDrafts(
  store: ArticleWriter,
  clock: Clock,
  drafts: readonly ArticleDraft[],
  report: IngestReport,
  source?: ArticleSource,
): Promise<void> {
  let writing: Promise<void> = Promise.resolve();
  for (let from = 0; from < drafts.length; from += WRITE_GROUP) {
    const prepared: { draft: ArticleDraft; input: StoredArticleInput; now: string }[] = [];
    const unprepared: IngestFailure[] = [];
    for (const draft of drafts.slice(from, from + WRITE_GROUP)) {
      try {
        prepared.push({ draft, input: prepareArticle(draft, source), now: clock.now().toISOString() });
      } catch (error) {
        unprepared.push(storeFailure(draft, (error as Error).message));
      }
    }
    // No await between starting the previous write and this one: its failure is never unobserved.
    await writing;
    report.failed.push(...unprepared);
    const stored = await store.storedSources(prepared.map((p) => p.draft.origin));
    const group = prepared.filter((p) => {
      const found = stored.get(p.draft.origin);
      return !found || admits(found, p.input, report);
    });
    writing = store.upsertArticles(group).then((results) =>
      results.forEach((result, i) => {
        if ('error' in result)
          report.failed.push(storeFailure(group[i]?.draft as ArticleDraft, result.error));
        else report[result.outcome]++;
      }),
    );
  }
  await writing;
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
  source?: ArticleSource,
): Promise<void> {
  const before = { ...report, failed: report.failed.length, conflicts: report.conflicts.length };
  try {
    await store.inTransaction((tx) => ingestDrafts(tx, clock, drafts, report, source));
  } catch (error) {
    report.added = before.added;
    report.updated = before.updated;
    report.unchanged = before.unchanged;
    report.failed.length = before.failed;
    report.conflicts.length = before.conflicts;
    for (const draft of drafts) report.failed.push(storeFailure(draft, (error as Error).message));
  }
}

/**
 * Whether the input may write over the article stored at its origin. When it may not, a claim that
 * changes nothing counts as unchanged, and any other is reported as a conflict.
 */
function admits(
  stored: { contentHash: string; source: ArticleSource | null },
  input: StoredArticleInput,
  report: IngestReport,
): boolean {
  if (mayUpdate(stored.source, input.source, input.draft.origin)) return true;
  if (stored.contentHash === input.contentHash) report.unchanged++;
  else {
    report.conflicts.push({
      origin: input.draft.origin,
      input: describeSource(input.source),
      storedFrom: describeSource(stored.source),
    });
  }
  return false;
}

function storeFailure(draft: ArticleDraft, message: string): IngestFailure {
  return { origin: draft.origin, error: `could not store: ${message}` };
}

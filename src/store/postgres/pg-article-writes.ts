/**
 * @module store/postgres/pg-article-writes
 * The PostgreSQL write path of articles, on one client inside an open transaction: each article under
 * its own savepoint, so a failing one is rolled back alone while the batch goes on. The passages of an
 * article go in one statement (a JSON array unnested server-side), so an article costs a handful of
 * round trips, not one per passage.
 */
import type { PoolClient } from 'pg';
import type { StoredArticleInput, UpsertOutcome, UpsertResult } from '../../core/ports.js';
import { articleIdFor } from '../article-id.js';

type Written = { outcome: UpsertOutcome; articleId: string };

/** One passage's row as sent to the server: its index terms with [title, body] counts. */
function passageRows(input: StoredArticleInput) {
  const { draft } = input;
  return input.passages.map((passage, i) => {
    const body = input.passageTerms[i] ?? [];
    const counts = new Map<string, [number, number]>();
    const count = (term: string, column: 0 | 1) => {
      let pair = counts.get(term);
      if (!pair) {
        pair = [0, 0];
        counts.set(term, pair);
      }
      pair[column]++;
    };
    for (const term of input.titleTerms) count(term, 0);
    for (const term of body) count(term, 1);
    return {
      ordinal: passage.ordinal,
      start: passage.start,
      end: passage.end,
      text: draft.text.slice(passage.start, passage.end),
      sentences: passage.sentences.map((s) => [s.start, s.end]),
      terms: [...counts.keys()],
      counts: Object.fromEntries(counts),
      length: input.titleTerms.length + body.length,
    };
  });
}

/** Writes one article's rows; the caller provides the transaction (or savepoint). */
async function writeRows(client: PoolClient, input: StoredArticleInput, now: string): Promise<Written> {
  const { draft } = input;
  // FOR UPDATE: another process writing the same origin waits for this one, then sees its result.
  const existing = (
    await client.query<{ id: string; content_hash: string }>(
      'SELECT id, content_hash FROM articles WHERE origin = $1 FOR UPDATE',
      [draft.origin],
    )
  ).rows[0];
  if (existing && existing.content_hash === input.contentHash) {
    return { outcome: 'unchanged', articleId: existing.id };
  }
  if (!existing) {
    const twin = (
      await client.query<{ id: string }>('SELECT id FROM articles WHERE content_hash = $1 LIMIT 1', [
        input.contentHash,
      ])
    ).rows[0];
    if (twin) return { outcome: 'unchanged', articleId: twin.id };
  }
  const id = existing?.id ?? articleIdFor(draft.origin);
  const values = [
    id,
    input.contentHash,
    draft.title,
    draft.source,
    draft.url,
    draft.publishedAt,
    draft.text,
    now,
    input.source.kind,
    input.source.input,
  ];
  if (existing) {
    await client.query('DELETE FROM passages WHERE article_id = $1', [id]);
    await client.query(
      `UPDATE articles SET content_hash = $2, title = $3, source = $4, url = $5, published_at = $6,
         text = $7, ingested_at = $8, source_kind = $9, source_input = $10 WHERE id = $1`,
      values,
    );
  } else {
    await client.query(
      `INSERT INTO articles (id, origin, content_hash, title, source, url, published_at, text,
         first_ingested_at, ingested_at, source_kind, source_input)
       VALUES ($1, $11, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10)`,
      [...values, draft.origin],
    );
  }
  const rows = passageRows(input);
  if (rows.length > 0) {
    await client.query(
      `INSERT INTO passages (article_id, ordinal, start, "end", text, sentences, terms, term_counts, length)
       SELECT $1, (r->>'ordinal')::int, (r->>'start')::int, (r->>'end')::int, r->>'text', r->'sentences',
         ARRAY(SELECT jsonb_array_elements_text(r->'terms')), r->'counts', (r->>'length')::int
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(r, n) ORDER BY n`,
      [id, JSON.stringify(rows)],
    );
  }
  return { outcome: existing ? 'updated' : 'added', articleId: id };
}

/** One article under a savepoint: on failure the savepoint is rolled back and the error passed on. */
export async function writeArticleInSavepoint(
  client: PoolClient,
  input: StoredArticleInput,
  now: string,
): Promise<Written> {
  await client.query('SAVEPOINT article');
  try {
    const written = await writeRows(client, input, now);
    await client.query('RELEASE SAVEPOINT article');
    return written;
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT article');
    await client.query('RELEASE SAVEPOINT article');
    throw error;
  }
}

/** Several articles in order; a failing one is reported in its slot, the others are written. */
export async function writeArticlesInSavepoints(
  client: PoolClient,
  items: { input: StoredArticleInput; now: string }[],
): Promise<UpsertResult[]> {
  const results: UpsertResult[] = [];
  for (const { input, now } of items) {
    try {
      results.push(await writeArticleInSavepoint(client, input, now));
    } catch (error) {
      // A lost connection is no article's fault: the whole transaction goes, as in SQLite.
      if (isConnectionError(error)) throw error;
      results.push({ error: (error as Error).message });
    }
  }
  return results;
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  // Class 08: connection exceptions; 57P0x: the server is shutting down; ECONN*: the socket.
  return typeof code === 'string' && (/^08/.test(code) || /^57P0/.test(code) || /^ECONN/.test(code));
}

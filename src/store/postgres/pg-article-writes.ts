/**
 * @module store/postgres/pg-article-writes
 * The PostgreSQL write path of articles, on one client inside an open transaction. A group of
 * articles goes in a handful of statements (article columns sent as arrays and unnested server-side,
 * the passages by COPY) under one savepoint; if any of its rows fails, the group is rolled back and written again one
 * savepoint per article, so a failing article is rolled back alone while the others are written.
 */
import type { PoolClient } from 'pg';
import type { StoredArticleInput, UpsertOutcome, UpsertResult } from '../../core/ports.js';
import { articleIdFor } from '../article-id.js';
import { copyField, copyFromText } from './pg-copy-in.js';

type Written = { outcome: UpsertOutcome; articleId: string };
type Item = { input: StoredArticleInput; now: string };

/** One article under a savepoint: on failure the savepoint is rolled back and the error passed on. */
export async function writeArticleInSavepoint(
  client: PoolClient,
  input: StoredArticleInput,
  now: string,
): Promise<Written> {
  await client.query('SAVEPOINT article');
  try {
    const [written] = await writeGroup(client, [{ input, now }]);
    await client.query('RELEASE SAVEPOINT article');
    return written as Written;
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT article');
    await client.query('RELEASE SAVEPOINT article');
    throw error;
  }
}

/** Several articles in order; a failing one is reported in its slot, the others are written. */
export async function writeArticlesInSavepoints(client: PoolClient, items: Item[]): Promise<UpsertResult[]> {
  if (items.length === 0) return [];
  // The group in a handful of statements under one savepoint; if any row fails, the group is rolled
  // back and written again one savepoint per article, so that only the failing one is left out.
  if (new Set(items.map((i) => i.input.draft.origin)).size === items.length) {
    await client.query('SAVEPOINT article_group');
    try {
      const results = await writeGroup(client, items);
      await client.query('RELEASE SAVEPOINT article_group');
      return results;
    } catch (error) {
      if (isConnectionError(error)) throw error;
      await client.query('ROLLBACK TO SAVEPOINT article_group');
      await client.query('RELEASE SAVEPOINT article_group');
    }
  }
  return writeEachInSavepoint(client, items);
}

/** One savepoint per article, in order: for a group that failed, or that names an origin twice. */
async function writeEachInSavepoint(client: PoolClient, items: Item[]): Promise<UpsertResult[]> {
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

type GroupWrite = { input: StoredArticleInput; now: string; id: string; update: boolean };

/**
 * A group of distinct origins, with the outcomes writing them one by one would have, in seven
 * statements whatever its size (arrays unnested server-side). passage_totals and term_stats are then
 * written once per group, not once per article: a common term's term_stats row is updated once per
 * group, where one update per article, inside the long transaction of an input, grew a chain of row
 * versions that every later update walked (ingest slowed to 14 articles/s).
 */
async function writeGroup(client: PoolClient, items: Item[]): Promise<Written[]> {
  // FOR UPDATE in origin order: another process writing one of these origins waits for this one, and
  // two groups lock the rows they share in the same order.
  const { rows: found } = await client.query<{ id: string; origin: string; content_hash: string }>(
    `SELECT id, origin, content_hash FROM articles WHERE origin = ANY($1::text[])
     ORDER BY origin COLLATE "C" FOR UPDATE`,
    [items.map((i) => i.input.draft.origin)],
  );
  const existing = new Map(found.map((row) => [row.origin, { id: row.id, hash: row.content_hash }]));
  // Article ids by content hash as the group goes: a new article whose text one already has (stored,
  // or written earlier in the group) is that one's twin, as writing them one by one finds it.
  const byHash = new Map<string, Set<string>>();
  const holding = (hash: string) => {
    const ids = byHash.get(hash) ?? new Set<string>();
    byHash.set(hash, ids);
    return ids;
  };
  const newHashes = items.filter((i) => !existing.has(i.input.draft.origin)).map((i) => i.input.contentHash);
  if (newHashes.length > 0) {
    const { rows } = await client.query<{ id: string; content_hash: string }>(
      'SELECT id, content_hash FROM articles WHERE content_hash = ANY($1::text[])',
      [[...new Set(newHashes)]],
    );
    for (const row of rows) holding(row.content_hash).add(row.id);
  }

  const results: Written[] = [];
  const writes: GroupWrite[] = [];
  for (const { input, now } of items) {
    const stored = existing.get(input.draft.origin);
    const twin = stored ? undefined : byHash.get(input.contentHash)?.values().next().value;
    if (stored?.hash === input.contentHash || twin !== undefined) {
      results.push({ outcome: 'unchanged', articleId: stored?.id ?? (twin as string) });
      continue;
    }
    const id = stored?.id ?? articleIdFor(input.draft.origin);
    if (stored) byHash.get(stored.hash)?.delete(id);
    holding(input.contentHash).add(id);
    writes.push({ input, now, id, update: stored !== undefined });
    results.push({ outcome: stored ? 'updated' : 'added', articleId: id });
  }

  const updates = writes.filter((w) => w.update);
  if (updates.length > 0) {
    await client.query('DELETE FROM passages WHERE article_id = ANY($1::text[])', [updates.map((u) => u.id)]);
    await client.query(
      `UPDATE articles a SET content_hash = u.content_hash, title = u.title, source = u.source, url = u.url,
         published_at = u.published_at, text = u.text, ingested_at = u.now, source_kind = u.source_kind,
         source_input = u.source_input
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::text[], $9::text[], $10::text[], $11::text[])
         AS u(id, origin, content_hash, title, source, url, published_at, text, now, source_kind, source_input)
       WHERE a.id = u.id`,
      articleColumns(updates),
    );
  }
  // In origin order, so that two processes adding the same new origins wait on each other in one order.
  const inserts = writes
    .filter((w) => !w.update)
    .sort((a, b) => codeUnitOrder(a.input.draft.origin, b.input.draft.origin));
  if (inserts.length > 0) {
    await client.query(
      `INSERT INTO articles (id, origin, content_hash, title, source, url, published_at, text,
         first_ingested_at, ingested_at, source_kind, source_input)
       SELECT id, origin, content_hash, title, source, url, published_at, text, now, now, source_kind, source_input
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::text[], $9::text[], $10::text[], $11::text[])
         AS u(id, origin, content_hash, title, source, url, published_at, text, now, source_kind, source_input)`,
      articleColumns(inserts),
    );
  }
  // The passages in the group's order, so that passage ids (which break ranking ties) follow it.
  const passages = passageRows(writes);
  if (passages.count > 0) {
    await copyFromText(
      client,
      `COPY passages (article_id, ordinal, start, "end", text, sentences, terms, term_counts, length) FROM STDIN`,
      passages.body,
    );
    // After the passages: their insert trigger has taken the passage_totals row, so writers of
    // term_stats are one at a time (migration 6); in term order, as its delete trigger writes.
    const { terms } = passages;
    await client.query(
      `INSERT INTO term_stats AS s (term, df, max_title, max_body)
       SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[]) ORDER BY 1
       ON CONFLICT (term) DO UPDATE SET df = s.df + excluded.df,
         max_title = greatest(s.max_title, excluded.max_title), max_body = greatest(s.max_body, excluded.max_body)`,
      [[...terms.keys()], ...[0, 1, 2].map((k) => [...terms.values()].map((t) => t[k]))],
    );
  }
  return results;
}

/** The articles table's columns as parallel arrays, in the unnest order of the statements that take them. */
function articleColumns(writes: readonly GroupWrite[]) {
  const column = (value: (w: GroupWrite) => string | null) => writes.map(value);
  return [
    column((w) => w.id),
    column((w) => w.input.draft.origin),
    column((w) => w.input.contentHash),
    column((w) => w.input.draft.title),
    column((w) => w.input.draft.source),
    column((w) => w.input.draft.url),
    column((w) => w.input.draft.publishedAt),
    column((w) => w.input.draft.text),
    column((w) => w.now),
    column((w) => w.input.source.kind),
    column((w) => w.input.source.input),
  ];
}

/**
 * The passages of `writes`, in order, as the body of a COPY in text format, and per term what they add
 * to term_stats ([passages holding it, most in one title, most in one body]). A row's term counts are
 * a JSON object of [title, body] counts per index term (the title's terms count in every passage of
 * the article), and its terms the same keys as an array. COPY, not an INSERT over one JSON document:
 * parsing that document and listing each row's keys again was a third of the passages statement. The
 * term statistics are counted here, from the counts at hand, rather than by a trigger over the stored
 * rows' JSON (migration 10): jsonb_each over every added row was a third of the server's time.
 */
function passageRows(writes: readonly GroupWrite[]) {
  const rows: string[] = [];
  const terms = new Map<string, [number, number, number]>();
  const count = (term: string, inTitle: number, inBody: number) => {
    const stat = terms.get(term);
    if (!stat) terms.set(term, [1, inTitle, inBody]);
    else {
      stat[0]++;
      if (inTitle > stat[1]) stat[1] = inTitle;
      if (inBody > stat[2]) stat[2] = inBody;
    }
  };
  for (const { input, id } of writes) {
    const title = new Map<string, number>();
    for (const term of input.titleTerms) title.set(term, (title.get(term) ?? 0) + 1);
    const article = copyField(id);
    input.passages.forEach((passage, i) => {
      const passageTerms = input.passageTerms[i] ?? [];
      const body = new Map<string, number>();
      for (const term of passageTerms) body.set(term, (body.get(term) ?? 0) + 1);
      let counts = '';
      let keys = '';
      for (const [term, n] of title) {
        const inBody = body.get(term) ?? 0;
        counts += `,${quoted(term)}:[${n},${inBody}]`;
        keys += `,${arrayElement(term)}`;
        count(term, n, inBody);
      }
      for (const [term, n] of body)
        if (!title.has(term)) {
          counts += `,${quoted(term)}:[0,${n}]`;
          keys += `,${arrayElement(term)}`;
          count(term, 0, n);
        }
      const text = copyField(input.draft.text.slice(passage.start, passage.end));
      const sentences = passage.sentences.map((s) => `[${s.start},${s.end}]`).join(',');
      const length = input.titleTerms.length + passageTerms.length;
      rows.push(
        `${article}\t${passage.ordinal}\t${passage.start}\t${passage.end}\t${text}\t[${sentences}]\t` +
          `${copyField(`{${keys.slice(1)}}`)}\t${copyField(`{${counts.slice(1)}}`)}\t${length}\n`,
      );
    });
  }
  return { count: rows.length, body: rows.join(''), terms };
}

/** A term as an element of an array literal: always quoted (so "NULL" or "a,b" stay themselves). */
function arrayElement(term: string): string {
  return ARRAY_ESCAPE.test(term) ? `"${term.replace(ARRAY_ESCAPE_ALL, '\\$&')}"` : `"${term}"`;
}

const ARRAY_ESCAPE = /["\\]/;
const ARRAY_ESCAPE_ALL = /["\\]/g;

/** Characters a JSON string must escape (the tokenizer's terms have none, but a term is not trusted). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes control characters; finding them is the point.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A term as a JSON string: JSON.stringify was most of the time spent writing the counts. */
function quoted(term: string): string {
  return NEEDS_ESCAPE.test(term) ? JSON.stringify(term) : `"${term}"`;
}

function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  // Class 08: connection exceptions; 57P0x: the server is shutting down; ECONN*: the socket.
  return typeof code === 'string' && (/^08/.test(code) || /^57P0/.test(code) || /^ECONN/.test(code));
}

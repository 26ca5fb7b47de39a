/**
 * @module store/postgres/pg-champions
 * Champion lists (migration 12): per common term, its best passages by the term's BM25 weight, and a
 * bound on every other passage holding it, so that search scores a bounded set of passages whatever
 * the corpus size (pg-ranking.ts). Refreshed off the write path once writes go quiet
 * (pg-champion-refresher.ts), from the passages waiting in passages_unranked; until then search scores
 * those waiting passages in full.
 */
import type { Pool, PoolClient } from 'pg';
import { BM25, BODY_WEIGHT, TITLE_WEIGHT } from '../bm25.js';

/**
 * Passages one refresh may read to start new lists (speed only: a term without a list is searched
 * through GIN). Building the lists of a large existing database takes many refreshes this way.
 */
const NEW_LIST_PASSAGES = 200_000;

/** Any fixed number, other than the migration lock: one refresher at a time. */
const REFRESH_LOCK = 7_351_019;

export interface RefreshResult {
  /** Passages folded into the lists (0 when another process held the refresh, or none waited). */
  passages: number;
  /** Lists started because their term came to hold more passages than a list keeps. */
  newLists: number;
  /** Whether passages may still wait (the batch was full). */
  more: boolean;
}

/**
 * A term's weight in one passage, tf / (tf + k1 * (1 - b + b * length / reference)): its BM25 summand
 * is idf * (k1 + 1) * weight at the current mean length. SQL over `p` (a passages row) and `tf`.
 */
const weightSql = (reference: string) =>
  `tf / (tf + ${BM25.k1}::float8 * (${1 - BM25.b}::float8 + ${BM25.b}::float8 * p.length / ${reference}::float8))`;
const TF_SQL = (counts: string) =>
  `${TITLE_WEIGHT}::float8 * (${counts} ->> 0)::int + ${BODY_WEIGHT}::float8 * (${counts} ->> 1)::int`;

/**
 * Folds up to `maxPassages` waiting passages into the champion lists of length `listSize`, in one
 * transaction. Gives way rather than wait: when another process refreshes, or a writer holds a row
 * this needs (lock_timeout), nothing changes and the passages wait for the next refresh.
 */
export async function refreshChampions(
  pool: Pool,
  listSize: number,
  maxPassages = 20_000,
): Promise<RefreshResult> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    try {
      const result = await refreshIn(client, listSize, maxPassages);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      // 55P03 lock_not_available: a writer holds a list row; the passages stay queued.
      if ((error as { code?: string }).code === '55P03') return { passages: 0, newLists: 0, more: false };
      throw error;
    }
  } finally {
    client.release();
  }
}

async function refreshIn(client: PoolClient, listSize: number, maxPassages: number): Promise<RefreshResult> {
  const none = { passages: 0, newLists: 0, more: false };
  const locked = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [
    REFRESH_LOCK,
  ]);
  if (!locked.rows[0]?.ok) return none;
  // Give way to writers; the first refresh of a large existing corpus may run longer than a request.
  await client.query("SET LOCAL lock_timeout = '200ms'");
  await client.query("SET LOCAL statement_timeout = '10min'");
  const reference = await referenceLength(client);
  if (reference === null) return none;

  await client.query('CREATE TEMP TABLE champion_batch (passage_id integer PRIMARY KEY) ON COMMIT DROP');
  const taken = await client.query(
    `WITH taken AS (
       DELETE FROM passages_unranked WHERE passage_id IN (
         SELECT passage_id FROM passages_unranked ORDER BY passage_id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING passage_id)
     INSERT INTO champion_batch SELECT passage_id FROM taken`,
    [maxPassages],
  );
  const passages = taken.rowCount ?? 0;
  // Terms that now hold more passages than a list keeps and have no list yet, the smallest first, as
  // many as hold NEW_LIST_PASSAGES together (at least one): their lists start from every passage
  // holding them. Until its list starts a term is searched through GIN, exactly. Started before the
  // batch's pass below, so that the batch's own passages reach the new lists through that one pass;
  // when no more than a batch's worth of passages lie outside the batch (the refresh after a bulk
  // ingest into a new store), every such term starts at once: the passages read through GIN are then
  // no more than the batch's.
  const outside = await client.query<{ n: string }>(
    'SELECT greatest(passages - $1, 0) AS n FROM passage_totals WHERE id = 1',
    [passages],
  );
  const startAll = Number(outside.rows[0]?.n ?? 0) <= maxPassages;
  const started = await client.query<{ term: string }>(
    `INSERT INTO term_champion_tails (term, entries, floor, tail)
     SELECT term, 0, 0::float8, 0::float8
     FROM (SELECT s.term, s.df, sum(s.df) OVER (ORDER BY s.df, s.term) AS run FROM term_stats s
           WHERE s.df > $1 AND NOT EXISTS (SELECT 1 FROM term_champion_tails t WHERE t.term = s.term)) AS n
     WHERE $3 OR run - df < $2
     RETURNING term`,
    [listSize, NEW_LIST_PASSAGES, startAll],
  );
  if (passages === 0 && started.rows.length === 0) return none;
  // One pass over the batch's counts (jsonb_each: each row's JSON is read once): the entries that may
  // join a list (it has room, or they beat its lowest weight). An entry under a full list's lowest
  // weight is dropped here: the tail of a full list is kept at least that lowest weight.
  await client.query(
    `CREATE TEMP TABLE champion_raw ON COMMIT DROP AS
     SELECT e.key AS term, p.id AS passage_id, ${weightSql('$2')} AS weight, tf, p.length
     FROM champion_batch b JOIN passages p ON p.id = b.passage_id
       CROSS JOIN LATERAL jsonb_each(p.term_counts) AS e
       CROSS JOIN LATERAL (SELECT ${TF_SQL('e.value')} AS tf) AS c
       JOIN term_champion_tails t ON t.term = e.key
     WHERE t.entries < $1 OR ${weightSql('$2')} > t.floor`,
    [listSize, reference],
  );
  // The new lists' passages outside the batch, through GIN (the batch's own came through the pass
  // above). One `->` per term and row: a jsonb_each of every row holding any new term cost more at 20k
  // articles, when a refresh starts few lists and a row holds one or two of them.
  if (started.rows.length > 0) {
    await client.query(
      `INSERT INTO champion_raw (term, passage_id, weight, tf, length)
       SELECT n.term, p.id, ${weightSql('$2')}, tf, p.length
       FROM unnest($1::text[]) AS n(term)
         JOIN passages p ON p.terms @> ARRAY[n.term]
         CROSS JOIN LATERAL (SELECT ${TF_SQL('p.term_counts -> n.term')} AS tf) AS c
       WHERE NOT EXISTS (SELECT 1 FROM champion_batch b WHERE b.passage_id = p.id)`,
      [started.rows.map((r) => r.term), reference],
    );
  }
  // Each term's best `listSize` of them join its list.
  await client.query(
    `CREATE TEMP TABLE champion_grown ON COMMIT DROP AS
     WITH added AS (
       INSERT INTO term_champions (term, weight, passage_id, tf, length)
       SELECT term, weight, passage_id, tf, length
       FROM (SELECT *, row_number() OVER (PARTITION BY term ORDER BY weight DESC, passage_id) AS rn
             FROM champion_raw) AS r
       WHERE rn <= $1
       -- In the list index's order: each insert lands next to the one before (pages stay in cache).
       ORDER BY term, weight DESC, passage_id
       ON CONFLICT (term, weight, passage_id) DO NOTHING RETURNING term)
     SELECT term, count(*)::int AS n FROM added GROUP BY term`,
    [listSize],
  );
  await client.query(
    `UPDATE term_champion_tails t SET entries = t.entries + g.n FROM champion_grown g WHERE t.term = g.term`,
  );
  // Lists that reached twice their length, or their length for the first time, keep their best
  // `listSize`; the tail is raised to the lowest kept weight, at least what any passage left out (now,
  // or under the lowest before) weighs. Between trims a list gains only passages above its lowest.
  await client.query(
    `CREATE TEMP TABLE champion_ranked ON COMMIT DROP AS
     SELECT c.term, c.passage_id, c.weight,
       row_number() OVER (PARTITION BY c.term ORDER BY c.weight DESC, c.passage_id) AS rn
     FROM term_champions c
     WHERE c.term IN (SELECT g.term FROM champion_grown g JOIN term_champion_tails t USING (term)
                      WHERE t.entries >= 2 * $1 OR (t.entries >= $1 AND t.floor = 0))`,
    [listSize],
  );
  await client.query(
    `DELETE FROM term_champions c USING champion_ranked r
     WHERE r.rn > $1 AND c.term = r.term AND c.passage_id = r.passage_id`,
    [listSize],
  );
  await client.query(
    `UPDATE term_champion_tails t SET entries = r.kept, floor = greatest(t.floor, r.floor),
       tail = greatest(t.tail, t.floor, r.floor, r.dropped)
     FROM (SELECT term, count(*) FILTER (WHERE rn <= $1)::int AS kept,
             coalesce(max(weight) FILTER (WHERE rn = $1), 0) AS floor,
             coalesce(max(weight) FILTER (WHERE rn > $1), 0) AS dropped
           FROM champion_ranked GROUP BY term) AS r
     WHERE t.term = r.term`,
    [listSize],
  );
  return {
    passages,
    newLists: started.rows.length,
    more: passages === maxPassages || started.rows.length > 0,
  };
}

/** The mean row length the weights are taken at: the corpus's at the first refresh, then fixed. */
async function referenceLength(client: PoolClient): Promise<number | null> {
  const { rows } = await client.query<{ reference_length: number }>(
    'SELECT reference_length FROM champion_settings WHERE id = 1',
  );
  if (rows[0]) return rows[0].reference_length;
  const totals = await client.query<{ passages: string; tokens: string }>(
    'SELECT passages, tokens FROM passage_totals WHERE id = 1',
  );
  const passages = Number(totals.rows[0]?.passages ?? 0);
  if (passages === 0) return null;
  const reference = Number(totals.rows[0]?.tokens ?? 0) / passages || 1;
  await client.query('INSERT INTO champion_settings (id, reference_length) VALUES (1, $1)', [reference]);
  return reference;
}

/**
 * The most weight a passage outside a list can have at mean length `averageLength`, given that it had
 * at most `tail` at `reference`. With r = reference / averageLength <= 1 the length term of the
 * denominator shrinks by at most r, so weight <= tail / (tail + r * (1 - tail)); a shorter mean only
 * lowers every weight. (Shown in pg-champions.test.ts against passages scored at both lengths.)
 */
export function tailWeightAt(tail: number, reference: number, averageLength: number): number {
  if (tail <= 0) return 0;
  const r = Math.min(1, reference / (averageLength || 1));
  return tail / (tail + r * (1 - tail));
}

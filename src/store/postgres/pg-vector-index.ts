/**
 * @module store/postgres/pg-vector-index
 * The VectorIndex port on pgvector: one table of passage embeddings sized for the current embedding
 * model, with an HNSW index on cosine distance. A new model (or dimension) replaces the table, as
 * SQLite's vec0 table is replaced, and embedPassages fills it again. Without the extension on the
 * server, opening the index fails with a 'store' error naming the package to install; the rest of the
 * PostgreSQL store never needs it.
 */
import type { Pool, PoolClient } from 'pg';
import { BriefError } from '../../core/errors.js';
import type { VectorHit, VectorIndex } from '../../core/vector-search.js';
import { inPoolTransaction } from './pg-migrations.js';

const SPACE = 'passages';
const TABLE = 'passage_vectors';

/** HNSW parameters (pgvector's defaults, named here so a deployment can see and change them). */
export const PG_VECTOR_TUNING = {
  /** Links per node (`m`): more is better recall, a bigger index and slower inserts. */
  m: 16,
  /** Candidate list while building (`ef_construction`): more is better recall, slower inserts. */
  efConstruction: 64,
  /**
   * Candidate list while searching (`hnsw.ef_search`), raised to the number of hits asked for: HNSW
   * returns at most this many rows, so a smaller value would cut a larger `limit` short.
   */
  efSearch: 40,
  /** pgvector's widest indexable `vector`; wider models are indexed as `halfvec` (up to 4,000). */
  maxVectorDimensions: 2000,
  maxHalfvecDimensions: 4000,
  /** pgvector's ceiling for hnsw.ef_search. */
  maxEfSearch: 1000,
} as const;

interface Space {
  model: string;
  dimensions: number;
}

/** Any fixed number: writers of the vector table take it so a model change replaces the table once. */
const VECTOR_LOCK = 7_351_019;

/**
 * Opens the index on `pool`'s database: creates the pgvector extension when the server has it and it
 * is not yet created (the migration does that when it can; this covers an install made afterwards).
 * Throws a 'store' error saying what to install or ask for when it cannot.
 */
export async function createPgVectorIndex(pool: Pool): Promise<VectorIndex> {
  await ensureExtension(pool);
  const space = async (db: Pool | PoolClient): Promise<Space | null> =>
    (await db.query<Space>('SELECT model, dimensions FROM vector_spaces WHERE name = $1', [SPACE])).rows[0] ??
    null;
  const current = async (model: string) => {
    const s = await space(pool);
    return s && s.model === model ? s : null;
  };

  return {
    model: async () => (await space(pool))?.model ?? null,
    dimensions: async (model) => (await current(model))?.dimensions ?? null,
    async count(model) {
      if (!(await current(model))) return 0;
      const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${TABLE}`);
      return Number(rows[0]?.n ?? 0);
    },
    async fingerprints(model) {
      if (!(await current(model))) return new Map<number, string>();
      const { rows } = await pool.query<{ passage_id: number; fingerprint: string }>(
        `SELECT passage_id, fingerprint FROM ${TABLE}`,
      );
      return new Map(rows.map((r) => [r.passage_id, r.fingerprint]));
    },
    async upsert(model, vectors) {
      const dimensions = vectors[0]?.vector.length ?? 0;
      if (dimensions === 0) return;
      if (vectors.some((v) => v.vector.length !== dimensions)) {
        throw new BriefError('store', `Embeddings of ${model} differ in length within one batch`);
      }
      await inPoolTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [VECTOR_LOCK]);
        const s = await space(client);
        if (!s || s.model !== model || s.dimensions !== dimensions) await recreate(client, model, dimensions);
        await client.query(
          `INSERT INTO ${TABLE} (passage_id, article_id, fingerprint, embedding)
           SELECT p, a, f, e::vector(${dimensions})
           FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[]) AS v (p, a, f, e)
           ON CONFLICT (passage_id) DO UPDATE SET article_id = excluded.article_id,
             fingerprint = excluded.fingerprint, embedding = excluded.embedding`,
          [
            vectors.map((v) => v.passageId),
            vectors.map((v) => v.articleId),
            vectors.map((v) => v.fingerprint),
            vectors.map((v) => asText(v.vector)),
          ],
        );
      });
    },
    async prune(live) {
      if (!(await space(pool))) return 0;
      const result = await pool.query(`DELETE FROM ${TABLE} WHERE NOT (passage_id = ANY($1::integer[]))`, [
        [...live],
      ]);
      return result.rowCount ?? 0;
    },
    async nearest(model, vector, limit) {
      const s = await current(model);
      if (!s || s.dimensions !== vector.length || limit <= 0) return [];
      const k = Math.min(Math.floor(limit), PG_VECTOR_TUNING.maxEfSearch);
      const distance = distanceExpression(s.dimensions);
      return inPoolTransaction(pool, async (client): Promise<VectorHit[]> => {
        // SET LOCAL: the setting ends with this transaction, so a pooled client is left as it was.
        await client.query(`SET LOCAL hnsw.ef_search = ${Math.max(PG_VECTOR_TUNING.efSearch, k)}`);
        const { rows } = await client.query<{ passage_id: number; article_id: string; distance: number }>(
          `SELECT passage_id, article_id, ${distance} AS distance FROM ${TABLE}
           ORDER BY ${distance} LIMIT $2`,
          [asText(vector), k],
        );
        return rows.map((r) => ({ passageId: r.passage_id, articleId: r.article_id, distance: r.distance }));
      });
    },
  };
}

/**
 * Cosine distance to the query `$1`, written as the HNSW index was built (over `halfvec` for models
 * wider than `vector` can index), so that the planner uses the index.
 */
function distanceExpression(dimensions: number): string {
  if (dimensions <= PG_VECTOR_TUNING.maxVectorDimensions) return `embedding <=> $1::vector(${dimensions})`;
  return `embedding::halfvec(${dimensions}) <=> $1::halfvec(${dimensions})`;
}

async function recreate(client: PoolClient, model: string, dimensions: number): Promise<void> {
  const { m, efConstruction } = PG_VECTOR_TUNING;
  await client.query(`DROP TABLE IF EXISTS ${TABLE}`);
  await client.query(
    `CREATE TABLE ${TABLE} (
      passage_id integer PRIMARY KEY,
      article_id text NOT NULL,
      fingerprint text NOT NULL,
      embedding vector(${dimensions}) NOT NULL
    )`,
  );
  // Over pgvector's widest indexable halfvec there is no index: search is exact, and slower.
  if (dimensions <= PG_VECTOR_TUNING.maxVectorDimensions) {
    await client.query(
      `CREATE INDEX ${TABLE}_hnsw ON ${TABLE} USING hnsw (embedding vector_cosine_ops)
       WITH (m = ${m}, ef_construction = ${efConstruction})`,
    );
  } else if (dimensions <= PG_VECTOR_TUNING.maxHalfvecDimensions) {
    await client.query(
      `CREATE INDEX ${TABLE}_hnsw ON ${TABLE}
       USING hnsw ((embedding::halfvec(${dimensions})) halfvec_cosine_ops)
       WITH (m = ${m}, ef_construction = ${efConstruction})`,
    );
  }
  await client.query(
    `INSERT INTO vector_spaces (name, model, dimensions, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO UPDATE SET model = excluded.model, dimensions = excluded.dimensions,
       updated_at = excluded.updated_at`,
    [SPACE, model, dimensions, new Date().toISOString()],
  );
}

/** pgvector's text form, '[x,y,...]': a float32 printed as a double reads back as the same float32. */
function asText(vector: Float32Array): string {
  return `[${Array.from(vector).join(',')}]`;
}

/** Creates the extension when the server has it; otherwise throws what to install or whom to ask. */
async function ensureExtension(pool: Pool): Promise<void> {
  const { rows } = await pool.query<{ installed: string | null; available: string | null; major: string }>(
    `SELECT (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS installed,
            (SELECT default_version FROM pg_available_extensions WHERE name = 'vector') AS available,
            current_setting('server_version_num')::integer / 10000 AS major`,
  );
  const row = rows[0];
  if (row?.installed) return;
  if (!row?.available) throw new BriefError('store', pgvectorMissing(row?.major ?? 'N'));
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS vector');
  } catch (cause) {
    throw new BriefError(
      'store',
      `pgvector is on the PostgreSQL server but not created in this database, and this user may not ` +
        `create it (${(cause as Error).message}): a superuser runs CREATE EXTENSION vector in it once ` +
        '(docs/DEPLOY.md); answers use BM25 retrieval only',
      { cause },
    );
  }
}

/** The message when the server has no pgvector at all. */
export function pgvectorMissing(major: string): string {
  return (
    `pgvector is not installed on the PostgreSQL server: install the package postgresql-${major}-pgvector ` +
    `(PostgreSQL's apt or yum repository), or build it from source (docs/DEPLOY.md), then restart ` +
    'Briefbot; answers use BM25 retrieval only'
  );
}

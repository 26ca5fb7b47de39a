import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { BriefError } from '../../core/errors.js';
import { emptyIngestReport, ingestDraft } from '../../core/ingest-articles.js';
import { fixedClock } from '../../test-support/seeded-briefing.js';
import { makeArticleDraft } from '../contract/article-store.contract.js';
import { describeVectorIndexContract } from '../contract/vector-index.contract.js';
import { openStores } from '../open-stores.js';
import { openPostgresPool } from './pg-database.js';
import { appliedVersions, PG_MIGRATIONS } from './pg-migrations.js';
import { createPgVectorIndex, PG_VECTOR_TUNING } from './pg-vector-index.js';
import { createTestDatabase, pgSkipReason } from './testing/pg-test-database.js';
import { pgvectorSkipReason } from './testing/pg-vector-available.js';

const noServer = pgSkipReason();
const noVector = noServer || (await pgvectorSkipReason());

describe.skipIf(noVector)('pgvector index', () => {
  describeVectorIndexContract('pgvector', async () => {
    const database = await createTestDatabase();
    const pools: pg.Pool[] = [];
    const connect = async () => {
      const pool = await openPostgresPool({ url: database.url, max: 3 });
      pools.push(pool);
      return createPgVectorIndex(pool);
    };
    return {
      index: await connect(),
      reopen: connect,
      async dispose() {
        for (const pool of pools) await pool.end();
        await database.drop();
      },
    };
  });

  const withIndex = async (work: (pool: pg.Pool) => Promise<void>) => {
    const database = await createTestDatabase();
    const pool = await openPostgresPool({ url: database.url, max: 3 });
    try {
      await work(pool);
    } finally {
      await pool.end();
      await database.drop();
    }
  };

  it('answers nearest through the HNSW index, and returns more hits than ef_search’s default', async () => {
    await withIndex(async (pool) => {
      const index = await createPgVectorIndex(pool);
      const rows = Array.from({ length: 120 }, (_, i) => ({
        passageId: i + 1,
        articleId: `a${i + 1}`,
        fingerprint: 'f',
        vector: Float32Array.from([Math.cos(i / 40), Math.sin(i / 40), 0.5]),
      }));
      await index.upsert('m', rows);
      const hits = await index.nearest('m', Float32Array.from([1, 0, 0.5]), 100);
      expect(hits).toHaveLength(100);
      expect(hits[0]?.passageId).toBe(1);
      const plan = await pool.query(
        "EXPLAIN SELECT passage_id FROM passage_vectors ORDER BY embedding <=> '[1,0,0.5]'::vector(3) LIMIT 5",
      );
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('passage_vectors_hnsw');
    });
  });

  it('indexes a model wider than vector’s HNSW limit as halfvec', async () => {
    await withIndex(async (pool) => {
      const index = await createPgVectorIndex(pool);
      const width = PG_VECTOR_TUNING.maxVectorDimensions + 1072; // 3,072: text-embedding-3-large
      const unit = (slot: number) => {
        const v = new Float32Array(width);
        v[slot] = 1;
        return v;
      };
      await index.upsert('wide', [
        { passageId: 1, articleId: 'a1', fingerprint: 'f', vector: unit(0) },
        { passageId: 2, articleId: 'a2', fingerprint: 'f', vector: unit(3000) },
      ]);
      expect((await index.nearest('wide', unit(3000), 1)).map((h) => h.passageId)).toEqual([2]);
      const { rows } = await pool.query(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'passage_vectors_hnsw'",
      );
      expect(rows[0]?.indexdef).toContain('halfvec_cosine_ops');
    });
  });

  it('is what Stores.openVectorIndex() gives on PostgreSQL', async () => {
    const database = await createTestDatabase();
    const stores = await openStores({ databaseUrl: database.url, dataDir: '/nonexistent' });
    try {
      const index = await stores.openVectorIndex();
      await index.upsert('m', [
        { passageId: 1, articleId: 'a', fingerprint: 'f', vector: Float32Array.from([1, 0]) },
      ]);
      expect(await index.count('m')).toBe(1);
    } finally {
      await stores.close();
      await database.drop();
    }
  });
});

async function extensionCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'vector'",
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/**
 * A database whose catalogue shows no pgvector: a view in a schema ahead of pg_catalog on the search
 * path hides the real pg_available_extensions, which is what a server without the package shows.
 */
async function databaseWithoutPgvector() {
  const database = await createTestDatabase();
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const name = new URL(database.url).pathname.slice(1);
  await admin.query(`CREATE SCHEMA hide_vector;
    CREATE VIEW hide_vector.pg_available_extensions AS
      SELECT * FROM pg_catalog.pg_available_extensions WHERE name <> 'vector';
    ALTER DATABASE ${name} SET search_path = hide_vector, pg_catalog, public`);
  await admin.end();
  return database;
}

describe.skipIf(noServer)('PostgreSQL without pgvector', () => {
  it('migrates, stores and searches, and says which package to install when the index is opened', async () => {
    const database = await databaseWithoutPgvector();
    const stores = await openStores({ databaseUrl: database.url, dataDir: '/nonexistent' });
    try {
      expect(await stores.migrate()).toMatchObject({ version: PG_MIGRATIONS.at(-1)?.version });
      const error = await stores.openVectorIndex().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BriefError);
      expect((error as BriefError).code).toBe('store');
      expect((error as Error).message).toMatch(
        /^pgvector is not installed on the PostgreSQL server: install the package postgresql-\d+-pgvector .*BM25 retrieval only$/,
      );
      expect(await extensionCount(database.url)).toBe(0);
      const report = emptyIngestReport();
      await ingestDraft(stores.articles, fixedClock(), makeArticleDraft(), report);
      expect(report.added).toBe(1);
      expect((await stores.articles.searchPassages({ terms: ['budget'], limit: 5 })).length).toBeGreaterThan(
        0,
      );
    } finally {
      await stores.close();
      await database.drop();
    }
  });
});

describe.skipIf(noVector)('PostgreSQL with pgvector that this user may not create', () => {
  it('migrates without it and says a superuser must create it', async () => {
    const database = await createTestDatabase();
    const name = new URL(database.url).pathname.slice(1);
    const role = `brief_user_${name.slice(-8)}`;
    const server = new pg.Client({ connectionString: inject('pgServerUrl') });
    await server.connect();
    await server.query(`CREATE ROLE ${role} LOGIN; ALTER DATABASE ${name} OWNER TO ${role}`);
    const url = new URL(database.url);
    url.username = role;
    let pool: pg.Pool | undefined;
    try {
      pool = await openPostgresPool({ url: url.toString(), max: 2 });
      expect(await appliedVersions(pool)).toEqual(PG_MIGRATIONS.map((m) => m.version));
      expect(await extensionCount(database.url)).toBe(0);
      await expect(createPgVectorIndex(pool)).rejects.toThrow(/a superuser runs CREATE EXTENSION vector/);
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      await admin.query('CREATE EXTENSION vector');
      await admin.end();
      const index = await createPgVectorIndex(pool);
      await index.upsert('m', [
        { passageId: 1, articleId: 'a', fingerprint: 'f', vector: Float32Array.from([1, 0]) },
      ]);
      expect(await index.count('m')).toBe(1);
    } finally {
      await pool?.end();
      await database.drop();
      await server.query(`DROP ROLE IF EXISTS ${role}`);
      await server.end();
    }
  });
});

/**
 * @module store/sqlite/sqlite-vector-index
 * The VectorIndex port on sqlite-vec: a vec0 table of passage embeddings (cosine distance) in the
 * article database, sized for the current embedding model. A new model (or dimension) replaces the
 * table, and embedPassages fills it again.
 */
import type Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { BriefError } from '../../core/errors.js';
import type { StoredVector, VectorHit, VectorIndex } from '../../core/vector-search.js';
import { lockOf } from './connection-lock.js';

const SPACE = 'passages';
const TABLE = 'passage_vectors';

interface Space {
  model: string;
  dimensions: number;
}

/** Loads sqlite-vec into `db` (once per connection) and opens the index; throws a 'store' error if it cannot. */
export function createSqliteVectorIndex(db: Database.Database): VectorIndex {
  try {
    sqliteVec.load(db);
  } catch (cause) {
    throw new BriefError('store', `sqlite-vec cannot be loaded: ${(cause as Error).message}`, { cause });
  }
  const space = () =>
    db.prepare<[string], Space>('SELECT model, dimensions FROM vector_spaces WHERE name = ?').get(SPACE) ??
    null;
  const current = (model: string) => {
    const s = space();
    return s && s.model === model ? s : null;
  };

  const recreate = (model: string, dimensions: number) => {
    db.exec(`DROP TABLE IF EXISTS ${TABLE}`);
    db.exec(
      `CREATE VIRTUAL TABLE ${TABLE} USING vec0(
        passage_id INTEGER PRIMARY KEY,
        embedding float[${dimensions}] distance_metric=cosine,
        +article_id TEXT,
        +fingerprint TEXT
      )`,
    );
    db.prepare(
      `INSERT INTO vector_spaces (name, model, dimensions, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET model = excluded.model, dimensions = excluded.dimensions,
         updated_at = excluded.updated_at`,
    ).run(SPACE, model, dimensions, new Date().toISOString());
  };

  const upsert = db.transaction((model: string, vectors: StoredVector[]) => {
    const dimensions = vectors[0]?.vector.length ?? 0;
    if (dimensions === 0) return;
    if (vectors.some((v) => v.vector.length !== dimensions)) {
      throw new BriefError('store', `Embeddings of ${model} differ in length within one batch`);
    }
    const s = space();
    if (!s || s.model !== model || s.dimensions !== dimensions) recreate(model, dimensions);
    const remove = db.prepare(`DELETE FROM ${TABLE} WHERE passage_id = ?`);
    const insert = db.prepare(
      `INSERT INTO ${TABLE} (passage_id, embedding, article_id, fingerprint) VALUES (?, ?, ?, ?)`,
    );
    for (const v of vectors) {
      // vec0 has no upsert, and wants its integer key as a BigInt.
      remove.run(BigInt(v.passageId));
      insert.run(BigInt(v.passageId), asBlob(v.vector), v.articleId, v.fingerprint);
    }
  });

  const lock = lockOf(db);
  return {
    model: () => lock.run(() => space()?.model ?? null),
    // The space row holds the width: no count over the table, which every question's embedding asks.
    dimensions: (model) => lock.run(() => current(model)?.dimensions ?? null),
    count: (model) =>
      lock.run(() => {
        if (!current(model)) return 0;
        return db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${TABLE}`).get()?.n ?? 0;
      }),
    fingerprints: (model) =>
      lock.run(() => {
        if (!current(model)) return new Map<number, string>();
        const rows = db
          .prepare<[], { passage_id: number; fingerprint: string }>(
            `SELECT passage_id, fingerprint FROM ${TABLE}`,
          )
          .all();
        return new Map(rows.map((r) => [r.passage_id, r.fingerprint]));
      }),
    upsert: (model, vectors) => lock.run(() => upsert(model, vectors)),
    prune: (live) =>
      lock.run(() => {
        if (!space()) return 0;
        const ids = db.prepare<[], { passage_id: number }>(`SELECT passage_id FROM ${TABLE}`).all();
        const gone = ids.filter((r) => !live.has(r.passage_id));
        const remove = db.prepare(`DELETE FROM ${TABLE} WHERE passage_id = ?`);
        db.transaction(() => {
          for (const r of gone) remove.run(BigInt(r.passage_id));
        })();
        return gone.length;
      }),
    nearest: (model, vector, limit) =>
      lock.run((): VectorHit[] => {
        const s = current(model);
        if (!s || s.dimensions !== vector.length || limit <= 0) return [];
        return db
          .prepare<[Buffer, number], { passage_id: number; article_id: string; distance: number }>(
            `SELECT passage_id, article_id, distance FROM ${TABLE}
           WHERE embedding MATCH ? AND k = ? ORDER BY distance`,
          )
          .all(asBlob(vector), Math.min(limit, 4096))
          .map((r) => ({ passageId: r.passage_id, articleId: r.article_id, distance: r.distance }));
      }),
  };
}

function asBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

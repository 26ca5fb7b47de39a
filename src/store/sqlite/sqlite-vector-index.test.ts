import { afterEach, describe, expect, it } from 'vitest';
import type { StoredVector } from '../../core/vector-search.js';
import { openSqliteDatabase } from './sqlite-article-store.js';
import { createSqliteVectorIndex } from './sqlite-vector-index.js';

const vector = (...xs: number[]) => Float32Array.from(xs);
const row = (passageId: number, v: Float32Array, fingerprint = `f${passageId}`): StoredVector => ({
  passageId,
  articleId: `a${passageId}`,
  fingerprint,
  vector: v,
});

let db: ReturnType<typeof openSqliteDatabase> | undefined;
afterEach(() => db?.close());

function open() {
  db = openSqliteDatabase(':memory:');
  return createSqliteVectorIndex(db);
}

describe('createSqliteVectorIndex', () => {
  it('returns the nearest passages by cosine distance, closest first', () => {
    const index = open();
    index.upsert('m1', [row(1, vector(1, 0, 0)), row(2, vector(0, 1, 0)), row(3, vector(1, 1, 0))]);
    const hits = index.nearest('m1', vector(1, 0.1, 0), 2);
    expect(hits.map((h) => [h.passageId, h.articleId])).toEqual([
      [1, 'a1'],
      [3, 'a3'],
    ]);
    expect(hits[0]?.distance).toBeLessThan(hits[1]?.distance as number);
    expect(index.count('m1')).toBe(3);
  });

  it('replaces a passage’s vector and fingerprint on upsert', () => {
    const index = open();
    index.upsert('m1', [row(1, vector(1, 0))]);
    index.upsert('m1', [row(1, vector(0, 1), 'changed')]);
    expect(index.fingerprints('m1')).toEqual(new Map([[1, 'changed']]));
    expect(index.nearest('m1', vector(0, 1), 1)[0]?.distance).toBeCloseTo(0);
  });

  it('drops every vector of the old model when another model (or dimension) arrives', () => {
    const index = open();
    expect(index.dimensions('m1')).toBeNull();
    index.upsert('m1', [row(1, vector(1, 0)), row(2, vector(0, 1))]);
    expect(index.dimensions('m1')).toBe(2);
    index.upsert('m2', [row(1, vector(1, 0, 0))]);
    expect(index.dimensions('m1')).toBeNull();
    expect(index.dimensions('m2')).toBe(3);
    expect(index.model()).toBe('m2');
    expect(index.count('m1')).toBe(0);
    expect(index.fingerprints('m1').size).toBe(0);
    expect(index.nearest('m1', vector(1, 0), 5)).toEqual([]);
    expect(index.count('m2')).toBe(1);
    expect(index.nearest('m2', vector(1, 0), 5)).toEqual([]); // wrong dimension: nothing, no error
  });

  it('prunes the vectors of passages that no longer exist', () => {
    const index = open();
    index.upsert('m1', [row(1, vector(1, 0)), row(2, vector(0, 1)), row(3, vector(1, 1))]);
    expect(index.prune(new Set([2]))).toBe(2);
    expect([...index.fingerprints('m1').keys()]).toEqual([2]);
  });

  it('keeps vectors across connections to the same database file', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const path = join(mkdtempSync(join(tmpdir(), 'briefbot-vec-')), 'brief.db');
    const first = openSqliteDatabase(path);
    createSqliteVectorIndex(first).upsert('m1', [row(7, vector(0.5, 0.5))]);
    first.close();
    db = openSqliteDatabase(path);
    expect(
      createSqliteVectorIndex(db)
        .nearest('m1', vector(1, 1), 3)
        .map((h) => h.passageId),
    ).toEqual([7]);
  });
});

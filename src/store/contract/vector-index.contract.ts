/**
 * @module store/contract/vector-index.contract
 * The VectorIndex contract, run against every implementation (sqlite-vec, memory, pgvector).
 */
import { describe, expect, it } from 'vitest';
import type { StoredVector, VectorIndex } from '../../core/vector-search.js';

const vector = (...xs: number[]) => Float32Array.from(xs);
const row = (passageId: number, v: Float32Array, fingerprint = `f${passageId}`): StoredVector => ({
  passageId,
  articleId: `a${passageId}`,
  fingerprint,
  vector: v,
});

export interface VectorIndexFixture {
  index: VectorIndex;
  /** A second index on the same database (another connection or process), when the store has one. */
  reopen?(): Promise<VectorIndex>;
  dispose(): Promise<void>;
}

export function describeVectorIndexContract(name: string, factory: () => Promise<VectorIndexFixture>): void {
  describe(`VectorIndex contract: ${name}`, () => {
    it('returns the nearest passages by cosine distance, closest first', async () => {
      const { index, dispose } = await factory();
      await index.upsert('m1', [row(1, vector(1, 0, 0)), row(2, vector(0, 1, 0)), row(3, vector(1, 1, 0))]);
      const hits = await index.nearest('m1', vector(1, 0.1, 0), 2);
      expect(hits.map((h) => [h.passageId, h.articleId])).toEqual([
        [1, 'a1'],
        [3, 'a3'],
      ]);
      expect(hits[0]?.distance).toBeLessThan(hits[1]?.distance as number);
      expect(await index.count('m1')).toBe(3);
      await dispose();
    });

    it('replaces a passage’s vector and fingerprint on upsert', async () => {
      const { index, dispose } = await factory();
      await index.upsert('m1', [row(1, vector(1, 0))]);
      await index.upsert('m1', [row(1, vector(0, 1), 'changed')]);
      expect(await index.fingerprints('m1')).toEqual(new Map([[1, 'changed']]));
      expect((await index.nearest('m1', vector(0, 1), 1))[0]?.distance).toBeCloseTo(0);
      await dispose();
    });

    it('drops every vector of the old model when another model (or dimension) arrives', async () => {
      const { index, dispose } = await factory();
      expect(await index.dimensions('m1')).toBeNull();
      expect(await index.model()).toBeNull();
      await index.upsert('m1', [row(1, vector(1, 0)), row(2, vector(0, 1))]);
      expect(await index.dimensions('m1')).toBe(2);
      await index.upsert('m2', [row(1, vector(1, 0, 0))]);
      expect(await index.dimensions('m1')).toBeNull();
      expect(await index.dimensions('m2')).toBe(3);
      expect(await index.model()).toBe('m2');
      expect(await index.count('m1')).toBe(0);
      expect((await index.fingerprints('m1')).size).toBe(0);
      expect(await index.nearest('m1', vector(1, 0), 5)).toEqual([]);
      expect(await index.count('m2')).toBe(1);
      expect(await index.nearest('m2', vector(1, 0), 5)).toEqual([]); // wrong dimension: nothing, no error
      await dispose();
    });

    it('refuses a batch whose vectors differ in length, storing none of it', async () => {
      const { index, dispose } = await factory();
      await expect(index.upsert('m1', [row(1, vector(1, 0)), row(2, vector(1, 0, 0))])).rejects.toThrow(
        /length/,
      );
      expect(await index.count('m1')).toBe(0);
      await dispose();
    });

    it('prunes the vectors of passages that no longer exist', async () => {
      const { index, dispose } = await factory();
      await index.upsert('m1', [row(1, vector(1, 0)), row(2, vector(0, 1)), row(3, vector(1, 1))]);
      expect(await index.prune(new Set([2]))).toBe(2);
      expect([...(await index.fingerprints('m1')).keys()]).toEqual([2]);
      await dispose();
    });

    it('keeps vectors for another connection to the same database', async () => {
      const { index, reopen, dispose } = await factory();
      if (!reopen) return void (await dispose()); // memory: one process only, nothing to reopen
      await index.upsert('m1', [row(7, vector(0.5, 0.5))]);
      const other = await reopen();
      expect((await other.nearest('m1', vector(1, 1), 3)).map((h) => h.passageId)).toEqual([7]);
      await dispose();
    });
  });
}

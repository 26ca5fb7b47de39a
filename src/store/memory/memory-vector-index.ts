/**
 * @module store/memory/memory-vector-index
 * The VectorIndex port in memory: exact cosine nearest neighbours over one model's vectors, with the
 * contract of the sqlite-vec index (a new model or width replaces them all).
 */
import type { StoredVector, VectorHit, VectorIndex } from '../../core/vector-search.js';

export function createMemoryVectorIndex(): VectorIndex {
  let space: { model: string; dimensions: number } | null = null;
  let rows = new Map<number, StoredVector>();
  const current = (model: string) => (space && space.model === model ? space : null);
  return {
    async model() {
      return space?.model ?? null;
    },
    async count(model) {
      return current(model) ? rows.size : 0;
    },
    async dimensions(model) {
      return current(model)?.dimensions ?? null;
    },
    async fingerprints(model) {
      if (!current(model)) return new Map();
      return new Map([...rows.values()].map((r) => [r.passageId, r.fingerprint]));
    },
    async upsert(model, vectors) {
      const dimensions = vectors[0]?.vector.length ?? 0;
      if (dimensions === 0) return;
      if (vectors.some((v) => v.vector.length !== dimensions)) {
        throw new Error(`Embeddings of ${model} differ in length within one batch`);
      }
      if (!space || space.model !== model || space.dimensions !== dimensions) {
        space = { model, dimensions };
        rows = new Map();
      }
      for (const v of vectors) rows.set(v.passageId, { ...v, vector: Float32Array.from(v.vector) });
    },
    async prune(live) {
      let removed = 0;
      for (const id of [...rows.keys()]) {
        if (!live.has(id)) {
          rows.delete(id);
          removed++;
        }
      }
      return removed;
    },
    async nearest(model, vector, limit): Promise<VectorHit[]> {
      const s = current(model);
      if (!s || s.dimensions !== vector.length || limit <= 0) return [];
      return [...rows.values()]
        .map((r) => ({
          passageId: r.passageId,
          articleId: r.articleId,
          distance: cosineDistance(vector, r.vector),
        }))
        .sort((a, b) => a.distance - b.distance || a.passageId - b.passageId)
        .slice(0, limit);
    },
  };
}

export function cosineDistance(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 1 : 1 - dot / Math.sqrt(na * nb);
}

/**
 * @module llm/testing/fake-embedding
 * A deterministic stand-in for an embedding model: hashed bag of stemmed terms, unit length. Texts
 * that share words come out close, which is all hybrid-retrieval tests need.
 */
import { AnswerModelError, type Embedder } from '../../core/answer-model.js';
import { tokenize } from '../../core/text/tokenize.js';

export function fakeEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const term of tokenize(text)) {
    let hash = 2166136261;
    for (let i = 0; i < term.length; i++) hash = Math.imul(hash ^ term.charCodeAt(i), 16777619);
    const slot = (hash >>> 0) % dimensions;
    vector[slot] = (vector[slot] ?? 0) + ((hash >>> 16) & 1 ? 1 : -1);
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((x) => x / norm);
}

/** An Embedder port fake over fakeEmbedding that records its batches; fails on call `failOnCall`. */
export function createFakeEmbedder(
  model = 'fake-embed',
  options: { failOnCall?: number; dimensions?: number } = {},
) {
  const calls: string[][] = [];
  const embedder: Embedder = {
    model,
    async embed(texts) {
      calls.push([...texts]);
      if (options.failOnCall === calls.length)
        throw new AnswerModelError('unavailable', 'embedding server down');
      return texts.map((t) => Float32Array.from(fakeEmbedding(t, options.dimensions ?? 32)));
    },
  };
  return Object.assign(embedder, { calls });
}

/**
 * @module core/embed-passages
 * Use case, run after ingest: embed every passage that has no vector for the current model (new,
 * changed, or all of them after a model change), in batches, and drop vectors of passages that are
 * gone. Stored after each batch, so an interrupted run resumes where it stopped.
 */
import type { Embedder } from './answer-model.js';
import type { ArticleStore, Logger } from './ports.js';
import type { StoredVector, VectorIndex } from './vector-search.js';

export interface EmbedPassagesOptions {
  /** Texts per embeddings request (default 64). */
  batchSize?: number;
  logger?: Logger;
}

export interface EmbedPassagesResult {
  embedded: number;
  unchanged: number;
  removed: number;
  /** Why the run stopped early (the embedder kept failing), or null. */
  error: string | null;
}

export async function embedPassages(
  store: ArticleStore,
  vectors: VectorIndex,
  embedder: Embedder,
  options: EmbedPassagesOptions = {},
): Promise<EmbedPassagesResult> {
  const batchSize = options.batchSize ?? 64;
  const known = await vectors.fingerprints(embedder.model);
  const live = new Set<number>();
  const todo: (Omit<StoredVector, 'vector'> & { text: string })[] = [];
  for (const article of await store.listArticles()) {
    for (const passage of await store.getPassages(article.id)) {
      live.add(passage.id);
      // The title tells what a passage is about when its own words don't ("The deal ...").
      const text = `${article.title}\n${passage.text}`;
      const fingerprint = fingerprintOf(text);
      if (known.get(passage.id) !== fingerprint) {
        todo.push({ passageId: passage.id, articleId: article.id, fingerprint, text });
      }
    }
  }
  const removed = await vectors.prune(live);
  let embedded = 0;
  for (let i = 0; i < todo.length; i += batchSize) {
    const batch = todo.slice(i, i + batchSize);
    try {
      const embeddings = await embedder.embed(batch.map((b) => b.text));
      await vectors.upsert(
        embedder.model,
        batch.map(({ text: _text, ...row }, j) => ({ ...row, vector: embeddings[j] as Float32Array })),
      );
      embedded += batch.length;
    } catch (error) {
      const message = (error as Error).message;
      options.logger?.warn('embedding stopped', {
        model: embedder.model,
        embedded,
        left: todo.length - i,
        error: message,
      });
      return { embedded, unchanged: live.size - todo.length, removed, error: message };
    }
  }
  const result = { embedded, unchanged: live.size - todo.length, removed, error: null };
  options.logger?.info('passages embedded', { model: embedder.model, ...result });
  return result;
}

/** FNV-1a, two 32-bit lanes: enough to notice that a passage's text changed. */
export function fingerprintOf(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}:${text.length}`;
}

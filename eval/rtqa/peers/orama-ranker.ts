/**
 * @module eval/rtqa/peers/orama-ranker
 * Orama with its documented defaults: BM25 (k 1.2, b 0.75, d 0.5), the English tokenizer without
 * stemming or stop words, prefix matching (exact: false), threshold 1 (any term may match).
 */
import { create, insertMultiple, search } from '@orama/orama';
import type { PassageDoc, PassageRanker } from './passage-ranker.js';

export function createOramaRanker(docs: readonly PassageDoc[]): PassageRanker {
  const db = create({ schema: { title: 'string', text: 'string' } as const });
  const inserted = insertMultiple(
    db,
    docs.map((d) => ({ id: String(d.key), title: d.title, text: d.text })),
  );
  if (inserted instanceof Promise)
    throw new Error('Orama inserted asynchronously; the harness expects its sync path');
  return {
    name: 'orama',
    search(question, limit) {
      const results = search(db, { term: question, properties: ['title', 'text'], limit });
      if (results instanceof Promise)
        throw new Error('Orama searched asynchronously; the harness expects its sync path');
      return results.hits.map((hit) => Number(hit.id));
    },
  };
}

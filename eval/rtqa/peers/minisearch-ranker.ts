/**
 * @module eval/rtqa/peers/minisearch-ranker
 * MiniSearch with its documented defaults: BM25+ (k 1.2, b 0.7, d 0.5), its own tokenizer and
 * lower-casing, OR combination, no prefix or fuzzy matching, title and text fields weighted alike.
 */
import MiniSearch from 'minisearch';
import type { PassageDoc, PassageRanker } from './passage-ranker.js';

export function createMiniSearchRanker(docs: readonly PassageDoc[]): PassageRanker {
  const index = new MiniSearch<PassageDoc>({ idField: 'key', fields: ['title', 'text'], storeFields: [] });
  index.addAll(docs);
  return {
    name: 'minisearch',
    search: (question, limit) =>
      index
        .search(question)
        .slice(0, limit)
        .map((r) => r.id as number),
  };
}

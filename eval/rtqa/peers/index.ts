/**
 * @module eval/rtqa/peers
 * The peer search engines Briefbot's retrieval is compared with, built over one week's passages.
 */
import { createFts5Ranker } from './fts5-ranker.js';
import { createMiniSearchRanker } from './minisearch-ranker.js';
import { createOramaRanker } from './orama-ranker.js';
import type { PassageDoc, PassageRanker } from './passage-ranker.js';
import { createWinkRanker } from './wink-ranker.js';

export {
  type PassageDoc,
  type PassageRanker,
  PEER_PASSAGES,
  pagesByBestPassage,
  storedPassages,
} from './passage-ranker.js';

/** Peers that index the passages, in report order; `gcs` (Google's own ranking) is a precomputed run. */
export const INDEXED_PEERS = ['minisearch', 'orama', 'wink-bm25', 'fts5'] as const;

export function createPeerRankers(docs: readonly PassageDoc[]): { rankers: PassageRanker[]; close(): void } {
  const fts5 = createFts5Ranker(docs);
  return {
    rankers: [createMiniSearchRanker(docs), createOramaRanker(docs), createWinkRanker(docs), fts5],
    close: () => fts5.close(),
  };
}

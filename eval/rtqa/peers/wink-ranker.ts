/**
 * @module eval/rtqa/peers/wink-ranker
 * wink-bm25-text-search with its documented BM25 defaults (k1 1.2, b 0.75, k 1) and the preparation
 * pipeline of its wink-nlp-utils example (lower case, tokenize0, negations, stop words out, stem),
 * used for both fields and the query; title and text weighted alike.
 */
import bm25 from 'wink-bm25-text-search';
import nlp from 'wink-nlp-utils';
import type { PassageDoc, PassageRanker } from './passage-ranker.js';

const PIPELINE = [
  nlp.string.lowerCase,
  nlp.string.removeExtraSpaces,
  nlp.string.tokenize0,
  nlp.tokens.propagateNegations,
  nlp.tokens.removeWords,
];

/**
 * The same Porter2 stems, remembered: indexing a week stems about a million tokens, and building
 * the index is not what is timed. Queries go through the library's own, uncached stemmer.
 */
function cachedStem(): (tokens: string[]) => string[] {
  const stems = new Map<string, string>();
  const stemOf = (token: string) => {
    let stem = stems.get(token);
    if (stem === undefined) {
      stem = nlp.string.stem(token);
      stems.set(token, stem);
    }
    return stem;
  };
  return (tokens) => tokens.map(stemOf);
}

export function createWinkRanker(docs: readonly PassageDoc[]): PassageRanker {
  const engine = bm25();
  engine.defineConfig({ fldWeights: { title: 1, text: 1 } });
  const indexStem = cachedStem();
  engine.definePrepTasks([...PIPELINE, indexStem], 'title');
  engine.definePrepTasks([...PIPELINE, indexStem], 'text');
  engine.definePrepTasks([...PIPELINE, nlp.tokens.stem]);
  for (const doc of docs) engine.addDoc({ title: doc.title, text: doc.text }, doc.key);
  engine.consolidate();
  return {
    name: 'wink-bm25',
    search: (question, limit) => engine.search(question, limit).map(([key]) => Number(key)),
  };
}

/**
 * @module eval/nlp/wink-reader
 * Loads the second sentence reader (wink-nlp for dates, durations and amounts; compromise for names
 * and counts) for the evaluations' `--reader wink`. wink-nlp is a devDependency: only they load it.
 */
import type { SentenceReader } from '../../src/core/reader/answer-spans.js';
import { loadSentenceReader } from '../../src/core/reader/answer-spans.js';
import { createWinkSentenceReader } from '../../src/core/reader/wink-sentence-reader.js';

export const READERS = ['compromise', 'wink'] as const;
export type ReaderName = (typeof READERS)[number];

let loading: Promise<SentenceReader> | undefined;

export function loadWinkReader(): Promise<SentenceReader> {
  loading ??= Promise.all([import('wink-nlp'), import('wink-eng-lite-web-model'), loadSentenceReader()]).then(
    ([wink, model, names]) => createWinkSentenceReader(wink.default(model.default), names),
  );
  return loading;
}

/** The loader `--reader NAME` picks; throws naming the choices for any other name. */
export function readerLoader(name: string | undefined): () => Promise<SentenceReader> {
  if (name === undefined || name === 'compromise') return loadSentenceReader;
  if (name === 'wink') return loadWinkReader;
  throw new Error(`--reader takes ${READERS.join(' or ')}, not ${name}`);
}

/**
 * @module core/nothing-indexed
 * The answer to anything asked of an empty store: that nothing is indexed yet and how to add articles,
 * rather than "the articles don't say" (which reads as if they had been searched). Briefing.ask gives
 * it; the conversation sends every message but small talk to Briefing.ask while the store is empty.
 */
import type { Answer } from './answer.js';

export const NOTHING_INDEXED =
  'Nothing is indexed yet, so there is nothing to answer from. Add articles with ' +
  '`npx brief ingest <files, folders, URLs or feeds>` (for example `npx brief ingest news/` or ' +
  '`npx brief ingest https://example.com/feed.xml`), then ask again.';

export function nothingIndexedAnswer(question: string): Answer {
  return {
    question,
    answer: NOTHING_INDEXED,
    abstained: true,
    mode: 'extractive',
    sentences: [{ text: NOTHING_INDEXED, citations: [] }],
    citations: [],
    disagreement: false,
    note: null,
  };
}

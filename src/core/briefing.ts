/**
 * @module core/briefing
 * The core's public face for chat adapters and the CLI: ask, search, sources. Built once in main.ts
 * from the ports; adapters only translate platform events into these calls and the results back.
 */
import type { Answer, ConversationTurn } from './answer.js';
import type { CorpusStats } from './ports.js';
import type { SearchResponse } from './search-result.js';

export interface AskOptions {
  /** Earlier turns of the same thread, oldest first, for follow-up questions. */
  history?: ConversationTurn[];
  /** Called with partial text while a model writes the answer (streaming); never with unverified citations. */
  onProgress?: (partialText: string) => void;
}

export interface Briefing {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  search(terms: string, limit?: number): SearchResponse;
  sources(): CorpusStats;
}

/**
 * @module core/briefing
 * The core's public face for chat adapters and the CLI: ask, search, sources. Built once in main.ts
 * from the ports; adapters only translate platform events into these calls and the results back.
 */
import type { Answer, ConversationTurn } from './answer.js';
import type { NewsBriefing, NewsRequest } from './conversation/brief-news.js';
import type { FoundStory } from './conversation/story-coverage.js';
import type { CorpusStats } from './ports.js';
import type { SearchResponse } from './search-result.js';

export interface AskOptions {
  /** Earlier turns of the same thread, oldest first, for follow-up questions. */
  history?: ConversationTurn[];
  /** Called with partial text while a model writes the answer (streaming); never with unverified citations. */
  onProgress?: (partialText: string) => void;
}

/** Answers about stories rather than facts: briefings, coverage, examples of what can be asked. */
export interface StoryLookups {
  /** The top stories of a recent window (or the most recent ones), skipping those already shown. */
  news(request: NewsRequest): Promise<NewsBriefing>;
  /** The story about a topic, with its articles, or null when no article is about it. */
  findStory(topic: string): Promise<FoundStory | null>;
  /** Two or three questions the indexed articles can answer. */
  examples(): Promise<string[]>;
}

export interface Briefing {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  search(terms: string, limit?: number): Promise<SearchResponse>;
  sources(): Promise<CorpusStats>;
  stories: StoryLookups;
}

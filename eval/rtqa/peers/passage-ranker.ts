/**
 * @module eval/rtqa/peers/passage-ranker
 * What every peer search engine is given and must do: index the very passages Briefbot stored (with
 * their article's title) and rank them for a question; pages are then ranked by their best passage.
 */
import type { Article } from '../../../src/core/article.js';
import type { ArticleStore } from '../../../src/core/ports.js';

/** One stored passage, as a peer indexes it. `key` is its position in the week's passage list. */
export interface PassageDoc {
  key: number;
  articleId: string;
  title: string;
  text: string;
}

export interface PassageRanker {
  name: string;
  /** Passage keys, best first, at most `limit`. */
  search(question: string, limit: number): number[];
}

/** How many passages a peer returns so that ten distinct pages can be filled. */
export const PEER_PASSAGES = 100;

/** The store's passages of every article, read back as Briefbot stored them. */
export async function storedPassages(
  store: ArticleStore,
  articles: readonly Article[],
): Promise<PassageDoc[]> {
  const docs: PassageDoc[] = [];
  for (const article of articles) {
    for (const passage of await store.getPassages(article.id)) {
      docs.push({ key: docs.length, articleId: article.id, title: article.title, text: passage.text });
    }
  }
  return docs;
}

/** Article ids in the order of their best passage. */
export function pagesByBestPassage(keys: readonly number[], docs: readonly PassageDoc[]): string[] {
  const seen = new Set<string>();
  const pages: string[] = [];
  for (const key of keys) {
    const id = docs[key]?.articleId;
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    pages.push(id);
  }
  return pages;
}

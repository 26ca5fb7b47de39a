/**
 * @module store/article-id
 * Article ids are stable per origin, so an updated article keeps its id (and its place in stories);
 * every store derives them the same way, so a corpus moved between stores keeps its ids.
 */
import { createHash } from 'node:crypto';

export function articleIdFor(origin: string): string {
  return createHash('sha256').update(origin).digest('hex').slice(0, 16);
}

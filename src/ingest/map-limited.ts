/**
 * @module ingest/map-limited
 * Work over a list with a bound on how much runs at once (pages of a feed, four at a time), results in
 * the list's order.
 */

/** `work` over `items` with at most `limit` running at once; results in the items' order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R> | R,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

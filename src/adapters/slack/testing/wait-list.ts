/**
 * @module adapters/slack/testing/wait-list
 * A list that tests can wait on: `waitFor` resolves with the first item, present or future, that
 * matches. No polling and no sleeps; a generous guard timeout turns "never happened" into a clear failure.
 */

export interface WaitList<T> {
  items: T[];
  push(item: T): void;
  waitFor(description: string, match: (item: T) => boolean, timeoutMs?: number): Promise<T>;
}

export function createWaitList<T>(): WaitList<T> {
  const items: T[] = [];
  const waiters = new Set<{ match: (item: T) => boolean; resolve: (item: T) => void }>();
  return {
    items,
    push(item) {
      items.push(item);
      for (const waiter of waiters) {
        if (waiter.match(item)) {
          waiters.delete(waiter);
          waiter.resolve(item);
        }
      }
    },
    waitFor(description, match, timeoutMs = 5_000) {
      const found = items.find(match);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`));
        }, timeoutMs);
        const waiter = {
          match,
          resolve: (item: T) => {
            clearTimeout(timer);
            resolve(item);
          },
        };
        waiters.add(waiter);
      });
    },
  };
}

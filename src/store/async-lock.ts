/**
 * @module store/async-lock
 * An async mutex: one holder at a time, the others queued in order. A store's transaction holds it
 * across its awaits so that no other caller's statements run inside it (SQLite and memory stores).
 */

export interface AsyncLock {
  /** Runs `work` once every earlier holder has settled, and holds the lock until it settles itself. */
  run<T>(work: () => T | Promise<T>): Promise<T>;
}

const ignore = () => {};

export function createLock(): AsyncLock {
  // Holders running or waiting; `tail` settles when the last of them has.
  let pending = 0;
  let tail: Promise<void> = Promise.resolve();
  const enqueue = <T>(done: Promise<T>): Promise<T> => {
    const released = done.finally(() => {
      pending--;
    });
    tail = released.then(ignore, ignore);
    return released;
  };
  return {
    run<T>(work: () => T | Promise<T>): Promise<T> {
      if (pending === 0) {
        // Free: run now. Synchronous work (most reads) cannot be interleaved, so it takes no turn.
        let result: T | Promise<T>;
        try {
          result = work();
        } catch (error) {
          return Promise.reject(error);
        }
        if (!(result instanceof Promise)) return Promise.resolve(result);
        pending++;
        return enqueue(result);
      }
      pending++;
      return enqueue(tail.then(work));
    },
  };
}

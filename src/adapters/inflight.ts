/**
 * @module adapters/inflight
 * Keeps count of the work a chat adapter is doing (answers, commands, clicks), so shutting down lets
 * what was accepted reach the person instead of cutting it off; what cannot finish in time is told.
 */

export interface Inflight {
  /**
   * Counts `work` until it settles. `abandon` is called if a drain gives up on it: it should tell the
   * person the work will not finish (and make the work's own late replies go nowhere).
   */
  track<T>(work: Promise<T>, abandon?: () => Promise<void>): Promise<T>;
  /**
   * Resolves once nothing is in progress (work taken on during the drain counts too), or after
   * `timeoutMs`; then each piece still running is abandoned (its `abandon` gets `abandonMs` at most).
   */
  drain(timeoutMs: number): Promise<void>;
  /** How many pieces of work are in progress. */
  readonly size: number;
}

/** How long an abandoned piece of work gets to tell the person (one Slack or Discord call). */
export const ABANDON_TIMEOUT_MS = 3_000;

export function createInflight(abandonMs = ABANDON_TIMEOUT_MS): Inflight {
  const running = new Map<Promise<unknown>, (() => Promise<void>) | undefined>();
  return {
    get size() {
      return running.size;
    },
    async track(work, abandon) {
      running.set(work, abandon);
      try {
        return await work;
      } finally {
        running.delete(work);
      }
    },
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), timeoutMs);
        timer.unref();
      });
      // Work accepted while draining (a slash command still routed here) is waited for as well.
      while (running.size > 0) {
        const settled = Promise.allSettled([...running.keys()]).then(() => 'settled' as const);
        if ((await Promise.race([settled, deadline])) === 'late') break;
      }
      clearTimeout(timer);
      const left = [...running.values()].filter((abandon) => abandon !== undefined);
      await Promise.allSettled(left.map((abandon) => withLimit(abandon(), abandonMs)));
    },
  };
}

function withLimit(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

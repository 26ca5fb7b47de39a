/**
 * @module adapters/slack/inflight
 * Keeps count of the events being handled, so shutting down can let answers already in progress reach
 * Slack instead of cutting them off.
 */

export interface Inflight {
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves once nothing is in progress, or after `timeoutMs`, whichever comes first. */
  drain(timeoutMs: number): Promise<void>;
}

export function createInflight(): Inflight {
  const running = new Set<Promise<unknown>>();
  return {
    async track(work) {
      running.add(work);
      try {
        return await work;
      } finally {
        running.delete(work);
      }
    },
    async drain(timeoutMs) {
      if (running.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
        timer.unref();
      });
      await Promise.race([Promise.allSettled([...running]).then(() => undefined), timeout]);
      clearTimeout(timer);
    },
  };
}

/**
 * @module feeds/host-limiter
 * At most N requests to one host at a time, across every feed and page being fetched: a thousand
 * feeds on one host are polled a few at a time instead of all at once.
 */

export interface HostLimiter {
  /** Runs `work` once fewer than the limit of requests to `url`'s host are running. */
  run<T>(url: string, work: () => Promise<T>): Promise<T>;
}

/** `pause`, when given, is awaited once a slot is had, before the request starts (chat first). */
export function createHostLimiter(perHost: number, pause?: () => Promise<void>): HostLimiter {
  const hosts = new Map<string, { running: number; waiting: (() => void)[] }>();
  const hostOf = (url: string) => {
    try {
      return new URL(url).host.toLowerCase();
    } catch {
      return url;
    }
  };
  return {
    async run(url, work) {
      const host = hostOf(url);
      let slot = hosts.get(host);
      if (!slot) {
        slot = { running: 0, waiting: [] };
        hosts.set(host, slot);
      }
      const state = slot;
      if (state.running >= perHost) await new Promise<void>((resolve) => state.waiting.push(resolve));
      else state.running++;
      try {
        await pause?.();
        return await work();
      } finally {
        const next = state.waiting.shift();
        // The slot passes straight to the next waiter; the last one out frees it.
        if (next) next();
        else if (--state.running === 0) hosts.delete(host);
      }
    },
  };
}

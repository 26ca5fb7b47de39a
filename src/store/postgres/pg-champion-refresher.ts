/**
 * @module store/postgres/pg-champion-refresher
 * When the champion lists (pg-champions.ts) take in newly written passages: off the write path, after
 * writes go quiet, coalesced. Search scores the passages still waiting in full, so a write need not
 * wait for its refresh; a refresh per commit cost the server more than the writes during a big ingest.
 */

/** Waits after the last commit before a refresh: the next group of a running ingest is due sooner. */
export const CHAMPION_REFRESH_QUIET_MS = 1_000;

/**
 * The longest a committed passage waits while writes keep coming: passages waiting are scored in full
 * by every search, so during a long ingest the lists take them in at least this often.
 */
export const CHAMPION_REFRESH_MAX_WAIT_MS = 15_000;

export interface ChampionRefresherOptions {
  /** Folds every waiting passage into the lists (may throw: the passages then stay waiting). */
  refresh: () => Promise<void>;
  quietMs?: number;
  maxWaitMs?: number;
  /** Told of a refresh that failed; nothing is lost, the passages wait for the next one. */
  onError?: (error: unknown) => void;
}

export interface ChampionRefresher {
  /** A write committed: its passages wait for a refresh. Returns at once. */
  committed(): void;
  /**
   * Resolves once every passage committed before the call has been offered to a refresh: runs the one
   * due now instead of waiting for quiet. Never rejects.
   */
  settle(): Promise<void>;
}

export function createChampionRefresher(options: ChampionRefresherOptions): ChampionRefresher {
  const quietMs = options.quietMs ?? CHAMPION_REFRESH_QUIET_MS;
  const maxWaitMs = options.maxWaitMs ?? CHAMPION_REFRESH_MAX_WAIT_MS;
  /** Commits no refresh has started on since. */
  let waitingSince: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  /** Callers inside settle(): while any waits, a refresh runs again at once for commits made during it. */
  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  /** One refresh at a time; commits landing while it runs are taken by the one after it. */
  const start = (): Promise<void> => {
    clearTimer();
    if (running) return running;
    running = (async () => {
      while (waitingSince !== null) {
        waitingSince = null;
        try {
          await options.refresh();
        } catch (error) {
          options.onError?.(error);
        }
        // Commits during the refresh wait for quiet again, unless someone is settling (below).
        if (waitingSince !== null && !settling) break;
      }
    })().finally(() => {
      running = null;
      if (waitingSince !== null) schedule();
    });
    return running;
  };

  let settling = 0;

  const schedule = () => {
    if (running || waitingSince === null) return;
    clearTimer();
    const delay = Math.max(0, Math.min(quietMs, waitingSince + maxWaitMs - Date.now()));
    timer = setTimeout(() => void start(), delay);
    // A pending refresh keeps no process alive: close() settles it, and search never needs it.
    timer.unref?.();
  };

  return {
    committed() {
      waitingSince ??= Date.now();
      schedule();
    },
    async settle() {
      settling++;
      try {
        // A refresh already running may have taken its passages before the latest commits: wait for
        // it, then run one more for whatever waits.
        while (running || waitingSince !== null) await (running ?? start());
      } finally {
        settling--;
      }
    },
  };
}

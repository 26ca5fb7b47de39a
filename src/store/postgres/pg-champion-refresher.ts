/**
 * @module store/postgres/pg-champion-refresher
 * When the champion lists (pg-champions.ts) take in newly written passages: off the write path, once
 * writes go quiet or a batch of passages waits, coalesced. Search scores the passages still waiting in
 * full, so a write need not wait for its refresh; a refresh per commit cost the server more than the
 * writes during a big ingest.
 */

/**
 * Waits after the last commit before a refresh: longer than the gap between the commits of one
 * running ingest (an input of 500 articles took 4 s on the loaded bench machine), so that an ingest
 * is refreshed in batches rather than once per input.
 */
export const CHAMPION_REFRESH_QUIET_MS = 5_000;

/**
 * The longest a committed passage waits while writes keep coming: passages waiting are scored in full
 * by every search, so during a long ingest the lists take them in at least this often.
 */
export const CHAMPION_REFRESH_MAX_WAIT_MS = 30_000;

/**
 * Passages waiting that start a refresh without waiting for quiet: what one refresh transaction takes
 * (refreshChampions' batch), and a bound on what every search scores in full meanwhile.
 */
export const CHAMPION_REFRESH_BATCH_PASSAGES = 20_000;

export interface ChampionRefresherOptions {
  /** Folds every waiting passage into the lists (may throw: the passages then stay waiting). */
  refresh: () => Promise<void>;
  quietMs?: number;
  maxWaitMs?: number;
  batchPassages?: number;
  /** Told of a refresh that failed; nothing is lost, the passages wait for the next one. */
  onError?: (error: unknown) => void;
}

export interface ChampionRefresher {
  /** A write of `passages` passages committed: they wait for a refresh. Returns at once. */
  committed(passages: number): void;
  /**
   * Resolves once every passage committed before the call has been offered to a refresh: runs the one
   * due now instead of waiting for quiet. Never rejects.
   */
  settle(): Promise<void>;
}

export function createChampionRefresher(options: ChampionRefresherOptions): ChampionRefresher {
  const quietMs = options.quietMs ?? CHAMPION_REFRESH_QUIET_MS;
  const maxWaitMs = options.maxWaitMs ?? CHAMPION_REFRESH_MAX_WAIT_MS;
  const batchPassages = options.batchPassages ?? CHAMPION_REFRESH_BATCH_PASSAGES;
  /** Commits no refresh has started on since, and their passages. */
  let waitingSince: number | null = null;
  let waitingPassages = 0;
  const batchFull = () => waitingPassages >= batchPassages;
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
        waitingPassages = 0;
        try {
          await options.refresh();
        } catch (error) {
          options.onError?.(error);
        }
        // Commits during the refresh wait for quiet again, unless someone is settling (below) or
        // they already fill a batch.
        if (waitingSince !== null && !settling && !batchFull()) break;
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
    committed(passages) {
      waitingSince ??= Date.now();
      waitingPassages += passages;
      if (batchFull() && !running) void start();
      else schedule();
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

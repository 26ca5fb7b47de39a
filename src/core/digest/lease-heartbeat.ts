/**
 * @module core/digest/lease-heartbeat
 * Keeps a short claim alive while its owner works on it. A run's lease is short (30 s by default) so
 * that when its owner dies, another instance takes it over within a minute; a live owner renews it every
 * third of the lease, so a slow build or post never loses it. Reused by any scheduled post (see
 * post-once.ts): pass the ledger's renew statement.
 */

export interface HeartbeatTimers {
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
}

export interface LeaseHoldOptions {
  /** Extends the lease from now; false when the caller no longer holds it (taken over, or finished). */
  renew: () => Promise<boolean>;
  /** How often to renew: well under the lease (a third of it). */
  everyMs: number;
  timers: HeartbeatTimers;
  /** Called once when a renewal fails or finds the lease gone. */
  onLost?: (error?: unknown) => void;
}

export interface LeaseHold {
  /** Renews now and says whether the lease is still ours (false once it was lost). */
  stillHeld(): Promise<boolean>;
  /** Stops renewing (the run is finished or given back). */
  release(): void;
}

/** Starts renewing a lease just claimed. Call `release()` when done, in a `finally`. */
export function holdLease(options: LeaseHoldOptions): LeaseHold {
  let lost = false;
  let released = false;
  const loseIt = (error?: unknown) => {
    if (lost) return;
    lost = true;
    options.onLost?.(error);
  };
  const renew = async (): Promise<boolean> => {
    if (lost || released) return false;
    try {
      if (!(await options.renew())) loseIt();
    } catch (error) {
      // Cannot tell: the safe reading is that the lease may be gone, so nothing is posted under it.
      loseIt(error);
    }
    return !lost;
  };
  const handle = options.timers.setInterval(() => void renew(), options.everyMs);
  (handle as { unref?: () => void } | null)?.unref?.();
  return {
    stillHeld: renew,
    release() {
      if (released) return;
      released = true;
      options.timers.clearInterval(handle);
    },
  };
}

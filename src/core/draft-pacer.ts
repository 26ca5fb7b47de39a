/**
 * @module core/draft-pacer
 * Paces the draft edits (used by the Slack and Discord adapters when a model streams) of an answer being written: at most one per interval (on the injected Clock),
 * never two at once, and none once the final answer is due, so a late draft cannot overwrite it.
 */
import type { Clock } from './ports.js';

export interface DraftPacing {
  clock: Clock;
  /** At least this long between the starts of two draft edits. */
  intervalMs: number;
  /** A failed draft edit ends drafting (the final answer still goes out); it is only reported here. */
  onError(error: unknown): void;
}

export interface DraftPacer {
  /**
   * Offers the latest partial text. It is sent at once when the interval has passed and no edit is in
   * flight; otherwise it waits for the edit in flight to finish, or is replaced by a later offer.
   */
  offer(text: string): void;
  /** Stops drafting; resolves once no draft edit is in flight. The final edit goes after this. */
  settle(): Promise<void>;
  /** How many draft edits were started. */
  sent(): number;
}

export function createDraftPacer(send: (text: string) => Promise<void>, pacing: DraftPacing): DraftPacer {
  let open = true;
  let last = Number.NEGATIVE_INFINITY;
  let pending: string | null = null;
  let inFlight: Promise<void> | null = null;
  let sent = 0;

  const pump = (): void => {
    if (!open || inFlight !== null || pending === null) return;
    const now = pacing.clock.now().getTime();
    if (now - last < pacing.intervalMs) return;
    const text = pending;
    pending = null;
    last = now;
    sent += 1;
    inFlight = Promise.resolve()
      .then(() => send(text))
      .catch((error: unknown) => {
        open = false;
        pacing.onError(error);
      })
      .finally(() => {
        inFlight = null;
        pump();
      });
  };

  return {
    offer(text) {
      pending = text;
      pump();
    },
    async settle() {
      open = false;
      pending = null;
      while (inFlight !== null) await inFlight;
    },
    sent: () => sent,
  };
}

/**
 * @module llm/circuit-breaker
 * Stops calling a failing model for a while: after `failureThreshold` failures in a row the circuit
 * opens, calls fail at once for `cooldownMs`, then one trial call decides whether it closes again.
 */
import type { Clock } from '../core/ports.js';

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreaker {
  /** Whether a call may go ahead now; in half-open state only one trial call at a time. */
  allow(): boolean;
  succeeded(): void;
  failed(): void;
  state(): CircuitState;
}

export interface CircuitBreakerOptions {
  clock: Clock;
  failureThreshold?: number;
  cooldownMs?: number;
}

export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const threshold = options.failureThreshold ?? 3;
  const cooldownMs = options.cooldownMs ?? 60_000;
  let failures = 0;
  let openedAt: number | null = null;
  let trialRunning = false;

  const state = (): CircuitState => {
    if (openedAt === null) return 'closed';
    return options.clock.now().getTime() - openedAt >= cooldownMs ? 'half_open' : 'open';
  };

  return {
    state,
    allow() {
      const current = state();
      if (current === 'closed') return true;
      if (current === 'open' || trialRunning) return false;
      trialRunning = true;
      return true;
    },
    succeeded() {
      failures = 0;
      openedAt = null;
      trialRunning = false;
    },
    failed() {
      failures++;
      // A failed trial re-opens the circuit for a full cooldown.
      if (trialRunning || failures >= threshold) openedAt = options.clock.now().getTime();
      trialRunning = false;
    },
  };
}

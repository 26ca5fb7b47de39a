import { describe, expect, it } from 'vitest';
import { fixedClock } from '../test-support/seeded-briefing.js';
import { createCircuitBreaker } from './circuit-breaker.js';

describe('createCircuitBreaker', () => {
  it('opens after the threshold of failures in a row and refuses calls until the cooldown ends', () => {
    const clock = fixedClock('2026-03-02T09:00:00.000Z');
    const breaker = createCircuitBreaker({ clock, failureThreshold: 3, cooldownMs: 60_000 });
    breaker.failed();
    breaker.failed();
    expect(breaker.allow()).toBe(true);
    breaker.failed();
    expect(breaker.state()).toBe('open');
    expect(breaker.allow()).toBe(false);
    clock.set('2026-03-02T09:00:59.000Z');
    expect(breaker.allow()).toBe(false);
    clock.set('2026-03-02T09:01:00.000Z');
    expect(breaker.allow()).toBe(true);
    expect(breaker.allow()).toBe(false); // one trial at a time
  });

  it('closes after a successful trial, and re-opens for a full cooldown after a failed one', () => {
    const clock = fixedClock('2026-03-02T09:00:00.000Z');
    const breaker = createCircuitBreaker({ clock, failureThreshold: 1, cooldownMs: 1000 });
    breaker.failed();
    clock.set('2026-03-02T09:00:01.000Z');
    expect(breaker.allow()).toBe(true);
    breaker.failed();
    expect(breaker.state()).toBe('open');
    clock.set('2026-03-02T09:00:02.000Z');
    expect(breaker.allow()).toBe(true);
    breaker.succeeded();
    expect(breaker.state()).toBe('closed');
    expect(breaker.allow()).toBe(true);
  });

  it('counts only failures in a row', () => {
    const breaker = createCircuitBreaker({ clock: fixedClock(), failureThreshold: 2 });
    breaker.failed();
    breaker.succeeded();
    breaker.failed();
    expect(breaker.state()).toBe('closed');
  });
});

import { describe, expect, it } from 'vitest';
import { afterFailure, intervalAfterSuccess } from './poll-schedule.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const every = (hours: number, count: number) =>
  Array.from({ length: count }, (_, i) =>
    new Date(Date.parse('2026-12-01T00:00:00Z') - i * hours * HOUR).toISOString(),
  );

describe('intervalAfterSuccess', () => {
  it('keeps the interval asked for a feed that publishes often, and stretches it for a rare one', () => {
    const base = { everyMs: 15 * MINUTE, ttlMinutes: null, cacheMs: null };
    expect(intervalAfterSuccess({ ...base, published: every(0.1, 10) })).toBe(15 * MINUTE);
    expect(intervalAfterSuccess({ ...base, published: every(6, 10) })).toBe(6 * HOUR);
    expect(intervalAfterSuccess({ ...base, published: every(24 * 7, 10) })).toBe(24 * HOUR);
    expect(intervalAfterSuccess({ ...base, published: [null, null] })).toBe(15 * MINUTE);
  });

  it('waits as long as the ttl or Cache-Control asks, within 5 min to 24 h', () => {
    const base = { everyMs: 15 * MINUTE, published: [] };
    expect(intervalAfterSuccess({ ...base, ttlMinutes: 60, cacheMs: null })).toBe(HOUR);
    expect(intervalAfterSuccess({ ...base, ttlMinutes: null, cacheMs: 2 * HOUR })).toBe(2 * HOUR);
    expect(intervalAfterSuccess({ ...base, ttlMinutes: 60 * 24 * 30, cacheMs: null })).toBe(24 * HOUR);
    expect(intervalAfterSuccess({ everyMs: MINUTE, published: [], ttlMinutes: null, cacheMs: 0 })).toBe(
      5 * MINUTE,
    );
  });
});

describe('afterFailure', () => {
  it('backs off 5, 10, 20 minutes..., capped at 24 h, and disables after a week of failures', () => {
    let state = { failures: 0, failingSince: null as string | null };
    let now = Date.parse('2026-12-01T00:00:00Z');
    const waits: number[] = [];
    let disabled = false;
    while (!disabled) {
      const next = afterFailure(state, new Date(now), null);
      waits.push((Date.parse(next.nextPollAt) - now) / MINUTE);
      state = next;
      disabled = next.disabled;
      now = Date.parse(next.nextPollAt);
    }
    expect(waits.slice(0, 5)).toEqual([5, 10, 20, 40, 80]);
    expect(Math.max(...waits)).toBe(24 * 60);
    expect(now - Date.parse(state.failingSince ?? '')).toBeGreaterThanOrEqual(7 * 24 * HOUR);
    expect(now - Date.parse(state.failingSince ?? '')).toBeLessThan(9 * 24 * HOUR);
  });
});

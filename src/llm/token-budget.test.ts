import { describe, expect, it } from 'vitest';
import { fixedClock } from '../test-support/seeded-briefing.js';
import { createTokenBudget } from './token-budget.js';

describe('createTokenBudget', () => {
  it('refuses a call that would go past the day’s budget, and starts again the next UTC day', () => {
    const clock = fixedClock('2026-03-02T23:00:00.000Z');
    const budget = createTokenBudget({ dailyTokens: 1000, clock });
    budget.record(900);
    expect(budget.allows(100)).toBe(true);
    expect(budget.allows(101)).toBe(false);
    clock.set('2026-03-03T00:00:00.000Z');
    expect(budget.usedToday()).toBe(0);
    expect(budget.allows(1000)).toBe(true);
  });

  it('allows anything with a budget of 0', () => {
    const budget = createTokenBudget({ dailyTokens: 0, clock: fixedClock() });
    budget.record(10_000_000);
    expect(budget.allows(10_000_000)).toBe(true);
  });
});

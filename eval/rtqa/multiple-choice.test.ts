import { describe, expect, it } from 'vitest';
import { pickChoice } from './multiple-choice.js';

const CHOICES = ['Pittsburgh Steelers', 'Cincinnati Bengals', 'Buffalo Bills', 'Cleveland Browns'];

describe('pickChoice', () => {
  it('picks the option the top passages mention', () => {
    const pick = pickChoice(CHOICES, [
      'Damar Hamlin of the Buffalo Bills collapsed in Cincinnati.',
      'The Bills said...',
    ]);
    expect(pick.index).toBe(2);
  });

  it('weights a mention by the rank of its passage', () => {
    const passages = ['The Cincinnati Bengals hosted the game.', 'x', 'Buffalo Bills', 'Buffalo Bills'];
    // 1/1 for the Bengals against 1/3 + 1/4 for the Bills.
    expect(pickChoice(CHOICES, passages).index).toBe(1);
  });

  it('makes no pick when no option is mentioned', () => {
    expect(pickChoice(CHOICES, ['Nothing about football here.']).index).toBeNull();
  });

  it('makes no pick on a tie at the top', () => {
    expect(pickChoice(CHOICES, ['The Buffalo Bills played the Cincinnati Bengals.']).index).toBeNull();
  });

  it('looks only at the passages within its depth', () => {
    expect(pickChoice(CHOICES, ['nothing', 'Buffalo Bills'], 1).index).toBeNull();
  });
});

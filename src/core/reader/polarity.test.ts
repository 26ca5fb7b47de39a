/** Whether a sentence affirms or denies what a yes/no question asks, or declines to say. */
import { describe, expect, it } from 'vitest';
import { deniesClaim } from './polarity.js';

describe('deniesClaim', () => {
  it('reads a negation in the clause that carries the question', () => {
    const q = 'Will the Portmere ferry run in winter?';
    expect(deniesClaim('The Portmere ferry will run in winter.', q)).toBe(false);
    expect(deniesClaim("The Portmere ferry won't run in winter.", q)).toBe(true);
    expect(deniesClaim('The Portmere ferry will run in winter, but the night boat will not.', q)).toBe(false);
  });

  it('takes a denial the question holds for part of what is asked', () => {
    const q = 'Did the mayor deny the report?';
    expect(deniesClaim('The mayor denied the report on Tuesday.', q)).toBe(false);
    expect(deniesClaim('The mayor did not deny the report.', q)).toBe(true);
  });

  it('reads "not only" as no denial', () => {
    expect(
      deniesClaim('The ferry will run not only in summer but in winter.', 'Will the ferry run in winter?'),
    ).toBe(false);
  });

  it('answers neither way when the sentence declines to say', () => {
    const q = 'Did the council sell the site?';
    expect(deniesClaim('The council would not confirm whether it sold the site.', q)).toBeNull();
    expect(deniesClaim('It is unclear whether the council sold the site.', q)).toBeNull();
  });
});

/**
 * @module adapters/slack/draft-pacer.test
 * The pacing rules of draft edits: one per interval, one at a time, none after the final is due.
 */
import { describe, expect, it } from 'vitest';
import { createDraftPacer } from './draft-pacer.js';

/** A pacer whose edits finish when the test says so, on a clock the test moves. */
function setup() {
  let now = 0;
  const sent: string[] = [];
  const finishes: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const errors: unknown[] = [];
  const pacer = createDraftPacer(
    (text) =>
      new Promise<void>((resolve, reject) => {
        sent.push(text);
        finishes.push({ resolve, reject });
      }),
    { clock: { now: () => new Date(now) }, intervalMs: 1_000, onError: (e) => errors.push(e) },
  );
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  const finish = async (i: number) => {
    finishes[i]?.resolve();
    await flush();
  };
  return { pacer, sent, errors, finishes, flush, finish, at: (ms: number) => (now = ms) };
}

describe('createDraftPacer', () => {
  it('sends the first text at once, then at most one per interval', async () => {
    const t = setup();
    t.pacer.offer('a');
    await t.flush();
    await t.finish(0);
    t.at(999);
    t.pacer.offer('ab');
    await t.flush();
    expect(t.sent).toEqual(['a']);
    t.at(1_000);
    t.pacer.offer('abc');
    await t.flush();
    expect(t.sent).toEqual(['a', 'abc']);
    expect(t.pacer.sent()).toBe(2);
  });

  it('never has two edits in flight; the latest text waiting sends when the edit finishes', async () => {
    const t = setup();
    t.pacer.offer('a');
    await t.flush();
    t.at(5_000);
    t.pacer.offer('ab');
    t.pacer.offer('abc');
    await t.flush();
    expect(t.sent).toEqual(['a']);
    await t.finish(0);
    expect(t.sent).toEqual(['a', 'abc']);
  });

  it('sends nothing once settling, and settles only after the edit in flight', async () => {
    const t = setup();
    t.pacer.offer('a');
    await t.flush();
    t.at(5_000);
    t.pacer.offer('ab');
    let settled = false;
    const settling = t.pacer.settle().then(() => {
      settled = true;
    });
    await t.flush();
    expect(settled).toBe(false);
    await t.finish(0);
    await settling;
    t.pacer.offer('abc');
    await t.flush();
    expect(t.sent).toEqual(['a']);
  });

  it('stops drafting after a failed edit and reports the error', async () => {
    const t = setup();
    t.pacer.offer('a');
    await t.flush();
    t.finishes[0]?.reject(new Error('refused'));
    await t.flush();
    t.at(5_000);
    t.pacer.offer('ab');
    await t.pacer.settle();
    expect(t.sent).toEqual(['a']);
    expect(t.errors).toEqual([new Error('refused')]);
  });
});

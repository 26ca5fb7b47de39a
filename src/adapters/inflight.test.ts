/**
 * @module adapters/inflight.test
 * The shutdown drain's count of work in progress: what it waits for, and what it tells when it gives up.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInflight } from './inflight.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createInflight', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('drains at once when nothing is in progress', async () => {
    const inflight = createInflight();
    let done = false;
    void inflight.drain(10_000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('waits for work taken on while it drains, not only what ran when it began', async () => {
    const inflight = createInflight();
    const before = deferred();
    const during = deferred();
    void inflight.track(before.promise);
    let done = false;
    const drained = inflight.drain(10_000).then(() => (done = true));
    void inflight.track(during.promise);
    before.resolve();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(done).toBe(false);
    during.resolve();
    await drained;
    expect(inflight.size).toBe(0);
  });

  it('gives up at the time limit and abandons only the work still running', async () => {
    const inflight = createInflight();
    const stuck = deferred();
    const abandoned: string[] = [];
    void inflight.track(stuck.promise, async () => void abandoned.push('stuck'));
    void inflight.track(Promise.resolve(), async () => void abandoned.push('finished'));
    let done = false;
    const drained = inflight.drain(500).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await drained;
    expect(abandoned).toEqual(['stuck']);
  });

  it('does not wait more than the abandon limit for the telling', async () => {
    const inflight = createInflight(3_000);
    void inflight.track(new Promise(() => {}), () => new Promise(() => {}));
    let done = false;
    const drained = inflight.drain(100).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(100 + 2_999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await drained;
    expect(done).toBe(true);
  });
});

/**
 * When champion lists are refreshed (pg-champion-refresher.ts): after writes go quiet, at most a
 * maximum wait apart during a long ingest, one at a time, and never losing the commits that land while
 * a refresh runs. A fake refresh records what each run would have taken in.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChampionRefresher } from './pg-champion-refresher.js';

/** A refresh whose runs end when the test says, each taking in the commits made before it started. */
function fakeLists() {
  let committed = 0;
  let folded = 0;
  const runs: { took: number; finish: () => void; fail: (error: Error) => void }[] = [];
  let active = 0;
  let mostAtOnce = 0;
  return {
    commit: () => ++committed,
    get folded() {
      return folded;
    },
    runs,
    get mostAtOnce() {
      return mostAtOnce;
    },
    refresh: () =>
      new Promise<void>((resolve, reject) => {
        const took = committed;
        mostAtOnce = Math.max(mostAtOnce, ++active);
        runs.push({
          took,
          finish: () => {
            active--;
            folded = Math.max(folded, took);
            resolve();
          },
          fail: (error) => {
            active--;
            reject(error);
          },
        });
      }),
  };
}

describe('createChampionRefresher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refreshes once after commits go quiet, not once per commit', async () => {
    const lists = fakeLists();
    const refresher = createChampionRefresher({ refresh: lists.refresh, quietMs: 1_000, maxWaitMs: 60_000 });
    for (let i = 0; i < 5; i++) {
      lists.commit();
      refresher.committed(1);
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(lists.runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(lists.runs.map((r) => r.took)).toEqual([5]);
  });

  it('refreshes at least every maxWaitMs while commits keep coming', async () => {
    const lists = fakeLists();
    const refresher = createChampionRefresher({ refresh: lists.refresh, quietMs: 1_000, maxWaitMs: 3_000 });
    let finished = 0;
    for (let i = 0; i < 13; i++) {
      lists.commit();
      refresher.committed(1);
      await vi.advanceTimersByTimeAsync(500);
      if (lists.runs.length > finished) lists.runs[finished++]?.finish();
    }
    // Commits every 500 ms never leave a second of quiet; the lists still take them in every 3 s: at
    // 3 s (the six commits of 0-2.5 s), and 3 s after the first commit that refresh left waiting.
    expect(lists.runs.map((r) => r.took)).toEqual([6, 12]);
  });

  it('refreshes without waiting for quiet once a batch of passages waits, also right after a refresh', async () => {
    const lists = fakeLists();
    const refresher = createChampionRefresher({
      refresh: lists.refresh,
      quietMs: 60_000,
      maxWaitMs: 600_000,
      batchPassages: 1_000,
    });
    lists.commit();
    refresher.committed(600);
    await vi.advanceTimersByTimeAsync(100);
    expect(lists.runs).toHaveLength(0);
    lists.commit();
    refresher.committed(600);
    await vi.advanceTimersByTimeAsync(0);
    expect(lists.runs.map((r) => r.took)).toEqual([2]);
    // A full batch committed while that refresh ran: the next starts as soon as it ends.
    lists.commit();
    refresher.committed(1_000);
    lists.runs[0]?.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(lists.runs.map((r) => r.took)).toEqual([2, 3]);
  });

  it('takes in the commits made while a refresh runs, with one refresh at a time', async () => {
    const lists = fakeLists();
    const refresher = createChampionRefresher({ refresh: lists.refresh, quietMs: 100, maxWaitMs: 1_000 });
    lists.commit();
    refresher.committed(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(lists.runs).toHaveLength(1);
    // Two commits while the first refresh runs (it took in only the first).
    lists.commit();
    refresher.committed(1);
    lists.commit();
    refresher.committed(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(lists.runs).toHaveLength(1);
    lists.runs[0]?.finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(lists.runs.map((r) => r.took)).toEqual([1, 3]);
    lists.runs[1]?.finish();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(lists.folded).toBe(3);
    expect(lists.runs).toHaveLength(2);
    expect(lists.mostAtOnce).toBe(1);
  });

  it('settles at once, and again for commits made while the running refresh had already begun', async () => {
    const lists = fakeLists();
    const refresher = createChampionRefresher({ refresh: lists.refresh, quietMs: 60_000, maxWaitMs: 60_000 });
    lists.commit();
    refresher.committed(1);
    let settled = false;
    const first = refresher.settle().then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(lists.runs.map((r) => r.took)).toEqual([1]);
    lists.commit();
    refresher.committed(1);
    lists.runs[0]?.finish();
    await vi.advanceTimersByTimeAsync(0);
    // The second commit came after the running refresh took its passages: settle runs one more.
    expect(settled).toBe(false);
    expect(lists.runs.map((r) => r.took)).toEqual([1, 2]);
    lists.runs[1]?.finish();
    await first;
    expect(lists.folded).toBe(2);
  });

  it('settles after a failed refresh without rejecting, and the next commit refreshes again', async () => {
    const lists = fakeLists();
    const errors: unknown[] = [];
    const refresher = createChampionRefresher({
      refresh: lists.refresh,
      quietMs: 10,
      onError: (error) => errors.push(error),
    });
    lists.commit();
    refresher.committed(1);
    const settling = refresher.settle();
    await vi.advanceTimersByTimeAsync(0);
    lists.runs[0]?.fail(new Error('connection lost'));
    await expect(settling).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
    lists.commit();
    refresher.committed(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(lists.runs.map((r) => r.took)).toEqual([1, 2]);
  });

  it('settles at once when nothing waits', async () => {
    const lists = fakeLists();
    const refresher = createChampionRefresher({ refresh: lists.refresh });
    await refresher.settle();
    expect(lists.runs).toHaveLength(0);
  });
});

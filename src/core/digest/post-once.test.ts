import { describe, expect, it } from 'vitest';
import { holdLease } from './lease-heartbeat.js';
import { digestRunMark, type PostOnceSteps, postOnce } from './post-once.js';

/** Steps that record the order they ran in. */
function steps(overrides: Partial<PostOnceSteps<string>> = {}) {
  const calls: string[] = [];
  const record = <T>(step: string, value: T) => {
    calls.push(step);
    return value;
  };
  const all: PostOnceSteps<string> = {
    triedBefore: true,
    findPosted: async () => record('find', false),
    build: async () => record('build', 'digest'),
    stillHeld: async () => record('held', true),
    post: async () => {
      calls.push('post');
    },
    ...overrides,
  };
  return { all, calls };
}

describe('postOnce', () => {
  it('looks in the channel, builds, confirms the lease, then posts, in that order', async () => {
    const { all, calls } = steps();
    expect(await postOnce(all)).toEqual({ outcome: 'posted', payload: 'digest' });
    expect(calls).toEqual(['find', 'build', 'held', 'post']);
  });

  it('does not look on a first try, and posts nothing already in the channel', async () => {
    const first = steps({ triedBefore: false });
    await postOnce(first.all);
    expect(first.calls).not.toContain('find');
    const found = steps({ findPosted: async () => true });
    expect(await postOnce(found.all)).toEqual({ outcome: 'already-posted' });
    expect(found.calls).toEqual([]);
  });

  it('posts nothing once the lease is gone, or when there is nothing to post', async () => {
    const lost = steps({ stillHeld: async () => false });
    expect(await postOnce(lost.all)).toEqual({ outcome: 'lease-lost' });
    expect(lost.calls).not.toContain('post');
    const quiet = steps({ build: async () => null });
    expect(await postOnce(quiet.all)).toEqual({ outcome: 'nothing-to-post' });
  });

  it('marks a digest run by subscription and scheduled time', () => {
    expect(digestRunMark('sub_1', '2026-05-01T08:00:00.000Z')).toEqual({
      kind: 'digest',
      id: 'sub_1@2026-05-01T08:00:00.000Z',
      since: '2026-05-01T08:00:00.000Z',
    });
  });
});

describe('holdLease', () => {
  it('renews on each beat, reports a lost lease once, and stops renewing when released', async () => {
    const beats: (() => void)[] = [];
    let renewals = 0;
    let held = true;
    const lost: unknown[] = [];
    const lease = holdLease({
      renew: async () => {
        renewals++;
        return held;
      },
      everyMs: 10_000,
      timers: { setInterval: (fn) => beats.push(fn), clearInterval: () => beats.splice(0) },
      onLost: (error) => lost.push(error),
    });
    beats[0]?.();
    expect(await lease.stillHeld()).toBe(true);
    expect(renewals).toBe(2);
    held = false;
    expect(await lease.stillHeld()).toBe(false);
    expect(await lease.stillHeld()).toBe(false);
    expect(lost).toEqual([undefined]);
    lease.release();
    expect(beats).toEqual([]);
  });

  it('counts a renewal that throws as a lost lease', async () => {
    const lease = holdLease({
      renew: async () => {
        throw new Error('database is locked');
      },
      everyMs: 10_000,
      timers: { setInterval: () => null, clearInterval: () => {} },
    });
    expect(await lease.stillHeld()).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { Briefing } from './briefing.js';
import { createForeground, foregroundBriefing } from './foreground.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createForeground', () => {
  it('holds background steps while foreground work runs, and lets them go when it ends', async () => {
    const foreground = createForeground();
    let finish!: () => void;
    const answer = foreground.run(() => new Promise<void>((resolve) => (finish = resolve)));
    let stepped = false;
    const step = foreground.idle(60_000).then(() => (stepped = true));
    await tick();
    expect(stepped).toBe(false);
    finish();
    await answer;
    await step;
    expect(stepped).toBe(true);
    // Nothing in the foreground: no wait at all.
    let immediate = false;
    await foreground.idle(60_000).then(() => (immediate = true));
    expect(immediate).toBe(true);
  });

  it('never holds a step longer than asked, however busy the foreground', async () => {
    const foreground = createForeground();
    const never = foreground.run(() => new Promise<void>(() => {}));
    const started = performance.now();
    await foreground.idle(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    void never;
  });
});

describe('foregroundBriefing', () => {
  it('runs each answer as foreground work', async () => {
    const foreground = createForeground();
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const briefing = foregroundBriefing(
      { ask: async () => slow.then(() => ({}) as never) } as unknown as Briefing,
      foreground,
    );
    const asked = briefing.ask('What happened?');
    let stepped = false;
    const step = foreground.idle(60_000).then(() => (stepped = true));
    await tick();
    expect(stepped).toBe(false);
    release();
    await asked;
    await step;
    expect(stepped).toBe(true);
  });
});

describe('createForeground release', () => {
  it('lets waiting steps go one per turn of the event loop, and holds the rest when another answer starts', async () => {
    const foreground = createForeground();
    let finish!: () => void;
    const first = foreground.run(() => new Promise<void>((resolve) => (finish = resolve)));
    const woken: number[] = [];
    const steps = [0, 1, 2, 3].map((i) => foreground.idle(60_000).then(() => woken.push(i)));
    finish();
    await first;
    await tick();
    // One step went; a new answer starts before the next turn, and the others wait for it.
    let second!: () => void;
    const next = foreground.run(() => new Promise<void>((resolve) => (second = resolve)));
    await tick();
    await tick();
    expect(woken.length).toBeLessThan(4);
    second();
    await next;
    await Promise.all(steps);
    expect(woken).toEqual([0, 1, 2, 3]);
  });
});

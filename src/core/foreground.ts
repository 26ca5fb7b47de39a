/**
 * @module core/foreground
 * Chat first: while a question is being answered, background work (feed polling) waits at its next
 * step instead of taking turns with the answer on the one event loop. A wait is bounded, so a busy chat
 * slows polling down but never stops it.
 */
import type { Briefing } from './briefing.js';

export interface Foreground {
  /** Runs `work` as foreground work: background steps wait while any runs. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves once no foreground work runs, or after `maxWaitMs` at the latest. */
  idle(maxWaitMs: number): Promise<void>;
}

export function createForeground(): Foreground {
  let running = 0;
  let waiters: (() => void)[] = [];
  // Waiters go one per turn of the event loop, and stop as soon as another answer starts: woken all
  // at once, a dozen poll steps would run back to back and hold up the next question instead.
  let releasing = false;
  const wakeNext = () => {
    const next = running === 0 ? waiters.shift() : undefined;
    if (!next) {
      releasing = false;
      return;
    }
    next();
    setImmediate(wakeNext);
  };
  const release = () => {
    if (releasing) return;
    releasing = true;
    wakeNext();
  };
  return {
    async run(work) {
      running++;
      try {
        return await work();
      } finally {
        if (--running === 0) release();
      }
    },
    idle(maxWaitMs) {
      if (running === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, maxWaitMs);
        timer.unref?.();
        function done() {
          clearTimeout(timer);
          waiters = waiters.filter((w) => w !== done);
          resolve();
        }
        waiters.push(done);
      });
    },
  };
}

/** The briefing with every answer, search and story lookup run as foreground work. */
export function foregroundBriefing(briefing: Briefing, foreground: Foreground): Briefing {
  return {
    ask: (question, options) => foreground.run(() => briefing.ask(question, options)),
    search: (terms, limit) => foreground.run(() => briefing.search(terms, limit)),
    sources: () => foreground.run(() => briefing.sources()),
    stories: {
      news: (request) => foreground.run(() => briefing.stories.news(request)),
      findStory: (topic) => foreground.run(() => briefing.stories.findStory(topic)),
      examples: () => foreground.run(() => briefing.stories.examples()),
    },
  };
}

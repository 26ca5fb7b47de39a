/**
 * @module test-support/process-death
 * A kill -9 inside one test process: after `die()`, every call through a frozen port hangs for ever, as
 * it would in a dead process (no more writes, no more posts, no heartbeats), while the rest of the test
 * (a "restarted" instance over the same database and the same fake platform) carries on.
 */

export interface ProcessDeath {
  /** Kills the "process": frozen ports hang from now on. */
  die(): void;
  /** Resolves once `die()` was called. */
  died: Promise<void>;
  /** A promise that never settles: what a call into a dead process returns. */
  hang<T>(): Promise<T>;
  /** The same object, with every method hanging once the process is dead. */
  freeze<T extends object>(port: T): T;
}

export function createProcessDeath(): ProcessDeath {
  let dead = false;
  let markDied = () => {};
  const died = new Promise<void>((resolve) => {
    markDied = resolve;
  });
  const hang = <T>() => new Promise<T>(() => {});
  return {
    die() {
      dead = true;
      markDied();
    },
    died,
    hang,
    freeze<T extends object>(port: T): T {
      return new Proxy(port, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => (dead ? hang() : value.apply(target, args));
        },
      });
    },
  };
}

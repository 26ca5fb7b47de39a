/**
 * @module serve/until-signal
 * When `brief serve` should stop, by default: a signal, or the end of its shard manager.
 */

/** Resolves at SIGINT or SIGTERM, or when a shard process's manager goes away. */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      process.off('disconnect', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    // A shard process: its manager's IPC channel closing means the manager is gone; do not outlive it.
    if (process.connected) process.once('disconnect', done);
  });
}

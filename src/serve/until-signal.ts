/**
 * @module serve/until-signal
 * When `brief serve` should stop, by default: a signal, or the end of its shard manager.
 */

/**
 * Resolves at SIGINT or SIGTERM, or when a shard process's manager goes away. A further SIGTERM while
 * the process drains is ignored: systemd signals the whole service (the manager and every shard) and
 * the manager then signals each shard again, which would otherwise end a shard's drain at once. A
 * second SIGINT (Ctrl-C again) still stops at once.
 */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      process.off('disconnect', done);
      process.on('SIGTERM', ignoreWhileDraining);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    // A shard process: its manager's IPC channel closing means the manager is gone; do not outlive it.
    if (process.connected) process.once('disconnect', done);
  });
}

function ignoreWhileDraining(): void {
  // The drain is bounded on its own; SIGKILL (systemd's TimeoutStopSec) remains for a stuck one.
}

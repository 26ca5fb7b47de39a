/**
 * @module cli/progress-bar
 * A one-line progress bar for long ingest batches, drawn only on a terminal (never into pipes or logs).
 */
export interface ProgressStream {
  isTTY?: boolean;
  write(chunk: string): boolean;
}

export function createProgressBar(stream: ProgressStream, label: string, minTotal = 20) {
  let drawn = false;
  return {
    update(done: number, total: number) {
      if (!stream.isTTY || total < minTotal) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}

/**
 * @module adapters/console/history-file
 * The console's input history, kept across runs in a file of the data folder (one entry a line,
 * oldest first), as shells keep theirs. A file that cannot be read or written costs only the history.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const HISTORY_SIZE = 500;

/** Entries newest first, as readline's `history` option takes them. */
export function loadHistory(path: string): string[] {
  try {
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .slice(-HISTORY_SIZE)
      .reverse();
  } catch {
    return [];
  }
}

/** Writes readline's history (newest first) to the file, oldest first. */
export function saveHistory(path: string, newestFirst: readonly string[]): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${[...newestFirst].slice(0, HISTORY_SIZE).reverse().join('\n')}\n`, { mode: 0o600 });
  } catch {
    // The chat goes on without saved history.
  }
}

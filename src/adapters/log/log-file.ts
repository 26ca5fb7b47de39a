/**
 * @module adapters/log/log-file
 * A line writer for the JSON logger that appends to a file: the console chat's logs go there, so that
 * no JSON line lands in the middle of the conversation.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export function appendToFile(path: string): (line: string) => void {
  let usable = true;
  return (line) => {
    if (!usable) return;
    try {
      mkdirSync(dirname(path), { recursive: true });
      appendFileSync(path, `${line}\n`);
    } catch {
      // A log file that cannot be written must not stop the chat.
      usable = false;
    }
  };
}

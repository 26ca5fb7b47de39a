/**
 * @module test-support/pty-session
 * The installed `brief` binary in a pseudo-terminal (node-pty), as a person meets it: keys are typed,
 * the screen's text is read back with the terminal's control sequences removed, and a test waits for
 * what a person would wait for (a prompt, an answer, the program's end), never for a fixed time.
 */
import { spawn } from 'node-pty';
import { BIN } from './run-bin.js';

export const KEYS = {
  enter: '\r',
  up: '\x1b[A',
  ctrlA: '\x01',
  ctrlE: '\x05',
  ctrlC: '\x03',
  ctrlD: '\x04',
} as const;

export interface PtySession {
  /** Everything shown so far, control sequences removed. */
  screen(): string;
  /** Everything shown so far, as the terminal received it. */
  raw(): string;
  type(keys: string): void;
  /** Types `keys` one key at a time, as a person does, waiting for the terminal to show each. */
  press(...keys: string[]): Promise<void>;
  /** Resolves once `pattern` appears in what was shown after `from` (a screen() length). */
  waitFor(pattern: RegExp | string, from?: number, timeoutMs?: number): Promise<string>;
  exited: Promise<{ exitCode: number; signal?: number }>;
  kill(): void;
}

/** Cursor moves, erases and mode switches; readline's line refreshes are made of them. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what it removes
const CONTROL = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\r/g;

/**
 * Whether readline has finished showing a key: a line it redraws (from column 1) ends by placing the
 * cursor past the prompt, a key that moves the cursor is a cursor move, and a character typed at the
 * end of the line is echoed alone. The next key must wait for it: Node 20's readline misplaces the
 * first of several characters that reach it in one read while the cursor is inside the line (a paste
 * does that too).
 */
function settled(output: string, key: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a cursor placement is what it looks for
  if (/\x1b\[(?:[2-9]|\d{2,})G$|\x1b\[\d*[CD]$/.test(output)) return true;
  return !output.includes('\x1b') && output.endsWith(key === '\r' ? '\n' : key);
}

export function startPty(
  args: string[],
  options: { cwd: string; env: Record<string, string>; cols?: number; rows?: number },
): PtySession {
  const child = spawn(process.execPath, [BIN, ...args], {
    name: 'xterm-256color',
    cols: options.cols ?? 80,
    rows: options.rows ?? 40,
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', ...options.env },
  });
  let raw = '';
  const listeners = new Set<() => void>();
  child.onData((data) => {
    raw += data;
    for (const listener of listeners) listener();
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => {
    child.onExit((result) => {
      for (const listener of listeners) listener();
      resolve(result);
    });
  });
  let done = false;
  void exited.then(() => {
    done = true;
  });
  const screen = () => raw.replace(CONTROL, '');
  return {
    screen,
    raw: () => raw,
    type: (keys) => child.write(keys),
    async press(...keys) {
      const single = keys.flatMap((key) => (key.startsWith('\x1b') ? [key] : [...key]));
      for (const key of single) {
        const before = raw.length;
        const shown = new Promise<void>((resolve) => {
          const check = () => {
            if (settled(raw.slice(before), key) || done) {
              listeners.delete(check);
              resolve();
            }
          };
          listeners.add(check);
        });
        child.write(key);
        await shown;
      }
    },
    waitFor(pattern, from = 0, timeoutMs = 30_000) {
      const test = (text: string) =>
        typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
      return new Promise((resolve, reject) => {
        const check = () => {
          const shown = screen().slice(from);
          if (test(shown)) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(shown);
          } else if (done) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`exited before showing ${String(pattern)}; screen:\n${screen()}`));
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`${String(pattern)} not shown within ${timeoutMs} ms; screen:\n${screen()}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    exited,
    kill: () => {
      if (!done) child.kill();
    },
  };
}

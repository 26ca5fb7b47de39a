/**
 * @module adapters/log/json-logger
 * The Logger port as one JSON object per line on stderr (stdout stays for command output), with
 * error causes flattened so `{code, cause}` is readable in any log viewer.
 */
import type { Logger } from '../../core/ports.js';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

export function createJsonLogger(
  minLevel: Level = 'info',
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  now: () => Date = () => new Date(),
): Logger {
  const threshold = LEVELS.indexOf(minLevel);
  const log =
    (level: Level) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (LEVELS.indexOf(level) < threshold) return;
      write(JSON.stringify({ time: now().toISOString(), level, message, ...serialise(fields) }));
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that drops everything (tests, `--json` commands). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function serialise(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] =
      value instanceof Error
        ? { name: value.name, message: value.message, ...('code' in value ? { code: value.code } : {}) }
        : value;
  }
  return out;
}

/**
 * @module adapters/slack/testing/recording-logger
 * A Logger that keeps every entry, so tests can wait for what the adapter reports (a skipped duplicate,
 * a failure with its code) and check that failures are logged.
 */
import type { Logger } from '../../../core/ports.js';
import { createWaitList } from './wait-list.js';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

export interface RecordingLogger extends Logger {
  entries: LogEntry[];
  waitFor(description: string, match: (entry: LogEntry) => boolean): Promise<LogEntry>;
}

export function createRecordingLogger(): RecordingLogger {
  const list = createWaitList<LogEntry>();
  const record =
    (level: LogEntry['level']) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      list.push({ level, message, fields });
  return {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    entries: list.items,
    waitFor: (description, match) => list.waitFor(description, match),
  };
}

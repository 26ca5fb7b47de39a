/**
 * @module adapters/slack/bolt-logger
 * Bolt and the Slack SDK log through our Logger port, so their lines land in the same JSON log with
 * `source: "slack-sdk"` instead of on the console.
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../core/ports.js';

const ORDER: LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

export function createBoltLogger(logger: Logger, initialLevel: LogLevel = LogLevel.INFO): BoltLogger {
  let level = initialLevel;
  let name = 'bolt';
  const forward =
    (at: LogLevel, method: 'debug' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]) => {
      if (ORDER.indexOf(at) < ORDER.indexOf(level)) return;
      const error = parts.find((p): p is Error => p instanceof Error);
      const message = parts
        .filter((p) => p !== error)
        .map((p) => (typeof p === 'string' ? p : safeJson(p)))
        .join(' ');
      logger[method](message || error?.message || '(empty)', {
        source: 'slack-sdk',
        component: name,
        ...(error ? { cause: error } : {}),
      });
    };
  return {
    debug: forward(LogLevel.DEBUG, 'debug'),
    info: forward(LogLevel.INFO, 'info'),
    warn: forward(LogLevel.WARN, 'warn'),
    error: forward(LogLevel.ERROR, 'error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

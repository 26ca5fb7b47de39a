/**
 * @module last-resort
 * The process-level last resort of `brief serve`: an error that escaped every handler (an unhandled
 * rejection in a library's un-awaited callback, an exception thrown from a timer) is logged with its code
 * and the bot keeps serving, instead of one bad request ending the process for every channel.
 */
import { asBriefError } from './core/errors.js';
import type { Logger } from './core/ports.js';

/** The part of `process` the last resort listens on (a test passes an EventEmitter). */
export interface ProcessEvents {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
  off(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
}

/** Installs the handlers; returns the function that removes them (on shutdown). */
export function installLastResort(events: ProcessEvents, logger: Logger): () => void {
  const report = (kind: string) => (error: unknown) => {
    const brief = asBriefError(error);
    logger.error('unhandled error; still serving', { kind, code: brief.code, cause: error });
  };
  const onException = report('uncaughtException');
  const onRejection = report('unhandledRejection');
  events.on('uncaughtException', onException);
  events.on('unhandledRejection', onRejection);
  return () => {
    events.off('uncaughtException', onException);
    events.off('unhandledRejection', onRejection);
  };
}

/**
 * @module last-resort.test
 * The last resort logs an escaped error and the process keeps running; removed, the handlers are gone.
 */
import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createRecordingLogger } from './adapters/slack/testing/recording-logger.js';
import { installLastResort } from './last-resort.js';

describe('installLastResort', () => {
  it('logs an unhandled rejection and an uncaught exception with their code', () => {
    const events = new EventEmitter();
    const logger = createRecordingLogger();
    installLastResort(events, logger);
    events.emit('unhandledRejection', new TypeError("Cannot read properties of null (reading 'ssl_check')"));
    events.emit('uncaughtException', 'thrown string');
    const logged = logger.entries.filter((e) => e.message === 'unhandled error; still serving');
    expect(logged.map((e) => e.fields?.kind)).toEqual(['unhandledRejection', 'uncaughtException']);
    expect(logged.map((e) => e.fields?.code)).toEqual(['internal', 'internal']);
  });

  it('removes its handlers when uninstalled', () => {
    const events = new EventEmitter();
    const uninstall = installLastResort(events, createRecordingLogger());
    uninstall();
    expect(events.listenerCount('unhandledRejection') + events.listenerCount('uncaughtException')).toBe(0);
  });

  it('keeps a real process alive after an unhandled rejection', async () => {
    const module = fileURLToPath(new URL('./last-resort.ts', import.meta.url));
    const script = `
      import { installLastResort } from ${JSON.stringify(module)};
      const lines = [];
      installLastResort(process, { error: (m, f) => lines.push(m + ':' + f.kind), warn() {}, info() {}, debug() {} });
      Promise.reject(new TypeError('boom'));
      setTimeout(() => { console.log(JSON.stringify(lines)); console.log('still running'); }, 50);
    `;
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
    expect(stdout).toContain('["unhandled error; still serving:unhandledRejection"]');
    expect(stdout).toContain('still running');
  });
});

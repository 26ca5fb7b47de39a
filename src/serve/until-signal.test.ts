/**
 * @module serve/until-signal.test
 * The stop signal of `brief serve`, in a real child process: a second SIGTERM (systemd's, then the
 * shard manager's) does not cut the drain short.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULE = fileURLToPath(new URL('./until-signal.ts', import.meta.url));

function startChild() {
  const script = `
    const { untilSignal } = await import(${JSON.stringify(MODULE)});
    const keepAlive = setInterval(() => {}, 1000);
    const stopped = untilSignal();
    process.stdout.write('ready\\n');
    await stopped;
    process.stdout.write('draining\\n');
    setTimeout(() => { process.stdout.write('drained\\n'); clearInterval(keepAlive); }, 300);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const waiting: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const check of waiting.splice(0)) check();
  });
  const waitFor = (word: string) =>
    new Promise<void>((resolve) => {
      const check = () => (out.includes(word) ? resolve() : waiting.push(check));
      check();
    });
  const exited = once(child, 'exit');
  return { child, waitFor, exited, output: () => out };
}

describe('untilSignal', () => {
  it('resolves at SIGTERM and lets the drain finish through a second SIGTERM', async () => {
    const { child, waitFor, exited, output } = startChild();
    await waitFor('ready');
    child.kill('SIGTERM');
    await waitFor('draining');
    child.kill('SIGTERM');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output()).toContain('drained');
  }, 20_000);
});

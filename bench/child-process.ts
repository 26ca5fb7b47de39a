/**
 * @module bench/child-process
 * Runs a benchmark child process to completion and says when it first wrote to stdout, how long it
 * ran, and what it printed. Measurements that must not share a heap with the harness run this way.
 */
import { spawn } from 'node:child_process';

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From spawn to the first byte on stdout (NaN when nothing was written). */
  firstOutputMs: number;
  totalMs: number;
}

export interface ChildOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Also copy the child's stdout and stderr to ours as they arrive. */
  echo?: boolean;
}

export function runChild(command: string, args: string[], options: ChildOptions): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let firstOutputMs = Number.NaN;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'pipe' });
    child.stdout.on('data', (chunk: Buffer) => {
      if (Number.isNaN(firstOutputMs)) firstOutputMs = performance.now() - start;
      out.push(chunk);
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err.push(chunk);
      if (options.echo) process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        firstOutputMs,
        totalMs: performance.now() - start,
      });
    });
  });
}

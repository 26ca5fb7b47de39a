/**
 * @module probe/brief-child
 * Runs the built CLI (`node bin/brief.js ...`) as an outsider would, with its own data folder, and
 * measures what the probe's targets are about: wall time, peak resident memory (VmHWM of the child,
 * worker threads included, read from /proc while it runs) and whether it had to be killed.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface BriefRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident set of the child in MB (0 when /proc could not be read). */
  peakMb: number;
  /** Killed by the probe: past `killAfterMs`, or on purpose (`killAtMs`). */
  killed: boolean;
}

export interface BriefRunOptions {
  dataDir: string;
  cwd: string;
  /** SIGKILL the child when it runs this long (a hang). */
  killAfterMs?: number;
  /** SIGKILL the child at this time on purpose (kill -9 loops). */
  killAtMs?: number;
}

/** The environment of a new admin's shell: no chat tokens, no model, the given data folder. */
function childEnv(dataDir: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, BRIEF_DATA_DIR: dataDir, BRIEF_LOG_LEVEL: 'warn' };
}

export function runBrief(args: string[], options: BriefRunOptions): Promise<BriefRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [`${REPO_ROOT}bin/brief.js`, ...args], {
      cwd: options.cwd,
      env: childEnv(options.dataDir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let peakKb = 0;
    let killed = false;
    const sample = () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        if (hwm > peakKb) peakKb = hwm;
      } catch {
        // The child has exited; its last sample stands.
      }
    };
    const sampler = setInterval(sample, 20);
    const kill = () => {
      killed = true;
      child.kill('SIGKILL');
    };
    const timers = [options.killAfterMs, options.killAtMs]
      .filter((ms): ms is number => ms !== undefined)
      .map((ms) => setTimeout(kill, ms));
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('exit', () => sample());
    child.on('close', (code, signal) => {
      clearInterval(sampler);
      for (const timer of timers) clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - started,
        peakMb: peakKb / 1024,
        killed,
      });
    });
  });
}

/**
 * @module test/support/serve-in-process
 * `brief serve` through the composition root (runCli) in the test's own process, the way the serve
 * end-to-end tests start it: its own data folder, output swallowed, and `stop()` in place of SIGTERM.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/main.js';
import { PROJECT_ROOT } from '../../src/test-support/seeded-briefing.js';

export interface ServeInProcess {
  /** Resolves with the exit code once `brief serve` has stopped. */
  running: Promise<number>;
  /** What SIGTERM would do: `brief serve` drains and stops. */
  stop(): void;
  dataDir: string;
}

/** Starts `brief serve` with `env` (BRIEF_DATA_DIR: a new folder named after `name` unless given). */
export function serveInProcess(env: Record<string, string>, name = 'brief-serve-'): ServeInProcess {
  const dataDir = env.BRIEF_DATA_DIR ?? mkdtempSync(join(tmpdir(), name));
  let stop!: () => void;
  const shutdown = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const running = runCli(['serve'], {
    env: { BRIEF_LOG_LEVEL: 'error', ...env, BRIEF_DATA_DIR: dataDir },
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    cwd: PROJECT_ROOT,
    shutdown,
  });
  return { running, stop, dataDir };
}

/**
 * Polls `url` (a /healthz) until it answers `status`, while the server starts or the database changes;
 * resolves with the JSON body, throws after `timeoutMs`.
 */
export async function healthzBecomes(
  url: string,
  status: number,
  timeoutMs = 10_000,
): Promise<Record<string, unknown>> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    try {
      const response = await fetch(url);
      if (response.status === status) return (await response.json()) as Record<string, unknown>;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} never answered ${status}`);
}

/** One answer of `url` (a /healthz): its status and JSON body, or 'refused' when nothing listens. */
export async function healthOf(url: string): Promise<{ status: number; body: unknown } | 'refused'> {
  try {
    const response = await fetch(url);
    return { status: response.status, body: await response.json() };
  } catch {
    return 'refused';
  }
}

/** The first answer of `url` once something listens there (the server is starting), within `timeoutMs`. */
export async function firstHealthAnswer(
  url: string,
  timeoutMs = 10_000,
): Promise<{ status: number; body: unknown } | 'refused'> {
  let health = await healthOf(url);
  for (const deadline = Date.now() + timeoutMs; health === 'refused' && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    health = await healthOf(url);
  }
  return health;
}

/**
 * @module store/postgres/testing/pg-test-cluster
 * A throwaway PostgreSQL server for the tests: TEST_DATABASE_URL when set, otherwise a cluster made
 * with initdb in a temporary folder and started with pg_ctl on a free loopback port (as the `postgres`
 * user when running as root). Says why when neither can be had, so the tests can skip with that line.
 */
import { execFile, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type TestCluster = { url: string; stop(): Promise<void> } | { unavailable: string };

/** Where Debian's PostgreSQL packages put each version's binaries. */
export const PG_BINARIES_ROOT = '/usr/lib/postgresql';

/** The newest PostgreSQL's bin folder under `root`, or null. */
function findBinaries(root: string): string | null {
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startTestCluster(
  env: Record<string, string | undefined>,
  binariesRoot = PG_BINARIES_ROOT,
): Promise<TestCluster> {
  if (env.TEST_DATABASE_URL) return { url: env.TEST_DATABASE_URL, stop: async () => {} };
  const bin = findBinaries(binariesRoot);
  if (!bin) return { unavailable: `no TEST_DATABASE_URL and no PostgreSQL under ${binariesRoot}` };
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? 'postgres' : (env.USER ?? 'postgres');
  const exec = (tool: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { cwd: '/tmp' })
      : run(join(bin, tool), args, { cwd: '/tmp' });
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-pg-'));
  try {
    if (asRoot) chownSync(dir, ...(await postgresIds()));
    const data = join(dir, 'data');
    await exec('initdb', ['-D', data, '-A', 'trust', '-U', user, '-E', 'UTF8', '--no-sync', '--locale=C']);
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      try {
        await exec('pg_ctl', [
          '-D',
          data,
          '-l',
          join(dir, 'server.log'),
          '-w',
          '-o',
          `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200`,
          'start',
        ]);
        watchOwner(asRoot, join(bin, 'pg_ctl'), data, dir);
        return {
          url: `postgres://${user}@127.0.0.1:${port}/postgres`,
          async stop() {
            await exec('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => {});
            rmSync(dir, { recursive: true, force: true });
          },
        };
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const detail = ((error as { stderr?: string }).stderr || (error as Error).message).trim().split('\n')[0];
    return { unavailable: `could not start a throwaway PostgreSQL (${detail})` };
  }
}

/**
 * Stops the cluster once this process is gone, however it ended: a test run killed with SIGKILL never
 * runs its teardown, and would leave a server running per run.
 */
function watchOwner(asRoot: boolean, pgCtl: string, data: string, dir: string): void {
  const stop = `${asRoot ? 'runuser -u postgres -- ' : ''}'${pgCtl}' -D '${data}' -m immediate stop`;
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; cd /tmp; ${stop} >/dev/null 2>&1; rm -rf '${dir}'`;
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

async function postgresIds(): Promise<[number, number]> {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return [Number(uid.stdout.trim()), Number(gid.stdout.trim())];
}

/**
 * How the rtqa-news guard behaves where its data is missing, as CI and a fresh clone meet it: vitest is
 * run on the guard alone, with RTQA_DATA_DIR pointing at a folder that does not exist.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/test-support/seeded-briefing.js';

const MISSING = join(PROJECT_ROOT, 'no-such-rtqa-news');

async function runGuard(ci: string): Promise<{ code: number; output: string }> {
  const vitest = join(PROJECT_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const env = { ...process.env, RTQA_DATA_DIR: MISSING, CI: ci, NO_COLOR: '1', FORCE_COLOR: '0' };
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [vitest, 'run', 'test/rtqa-guard.test.ts'],
      { cwd: PROJECT_ROOT, env, timeout: 60_000 },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('the rtqa-news regression guard without its data', () => {
  it('fails at once under CI=true, naming the missing folder once', async () => {
    const { code, output } = await runGuard('true');
    expect(code).not.toBe(0);
    expect(output.split(`no folder ${MISSING}`)).toHaveLength(2);
    expect(output).toMatch(/CI=true needs it/);
    expect(output).not.toMatch(/ENOENT|Serialized Error|Unhandled/);
  }, 60_000);

  it('is skipped outside CI, with one line saying why', async () => {
    const { code, output } = await runGuard('');
    expect(code).toBe(0);
    expect(output.match(/^rtqa-news regression guard skipped: .*no folder .*$/gm)).toHaveLength(1);
    expect(output).toMatch(/1 skipped/);
  }, 60_000);
});

/**
 * @module store/postgres/testing/pg-global-setup.test
 * Without a PostgreSQL server the PostgreSQL tests skip with one line saying why, except under CI=true,
 * where the run fails with that reason; with one, its URL reaches the tests.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { providePgServer } from './pg-global-setup.js';
import { startTestCluster } from './pg-test-cluster.js';
import { pgSkipReason } from './pg-test-database.js';

function recordingProject() {
  const provided: Record<string, unknown> = {};
  const provide = (key: string, value: unknown) => {
    provided[key] = value;
  };
  return { provided, provide };
}

describe('the PostgreSQL test server', () => {
  const noPostgres = () => startTestCluster({}, join(mkdtempSync(join(tmpdir(), 'no-pg-')), 'none'));

  it('says why there is none when there is neither TEST_DATABASE_URL nor PostgreSQL', async () => {
    expect(await noPostgres()).toEqual({
      unavailable: expect.stringMatching(/^no TEST_DATABASE_URL and no PostgreSQL under \//),
    });
  });

  it('hands the reason to the tests, which skip with one line saying it', async () => {
    const project = recordingProject();
    await providePgServer(project, {}, noPostgres);
    const reason = project.provided.pgUnavailable as string;
    expect(project.provided.pgServerUrl).toBe('');
    const lines: string[] = [];
    expect(pgSkipReason(reason, (line) => lines.push(line))).toBe(reason);
    expect(lines).toEqual([`PostgreSQL tests skipped: ${reason}`]);
    expect(lines[0]).not.toContain('\n');
  });

  it('fails the run instead under CI=true, with the reason', async () => {
    const project = recordingProject();
    await expect(providePgServer(project, { CI: 'true' }, noPostgres)).rejects.toThrow(
      /^PostgreSQL tests cannot run under CI: no TEST_DATABASE_URL and no PostgreSQL under /,
    );
    expect(project.provided).toEqual({});
  });

  it('runs them, silently, when TEST_DATABASE_URL names a server', async () => {
    const project = recordingProject();
    const url = 'postgres://tester@127.0.0.1:1/briefbot';
    const stop = await providePgServer(project, { CI: 'true' }, () =>
      startTestCluster({ TEST_DATABASE_URL: url }),
    );
    expect(project.provided).toEqual({ pgServerUrl: url, pgUnavailable: '' });
    const lines: string[] = [];
    expect(pgSkipReason('', (line) => lines.push(line))).toBe('');
    expect(lines).toEqual([]);
    await stop();
  });
});

/**
 * End-to-end tests of `.env`: the installed binary reads the working directory's `.env` at start, the
 * real environment wins, and a bad value or line is reported with its key and that it came from `.env`.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../src/test-support/run-bin.js';
import { SEEDS_DIR } from '../src/test-support/seeded-briefing.js';

function folderWithEnv(text: string): string {
  const cwd = mkdtempSync(join(tmpdir(), 'brief-dotenv-'));
  writeFileSync(join(cwd, '.env'), text);
  return cwd;
}

const quiet = { BRIEF_LOG_LEVEL: 'error', BRIEF_SEEDS_DIR: SEEDS_DIR };

describe('.env in the working directory', () => {
  it('is read at start: its data folder and limits apply', async () => {
    const cwd = folderWithEnv(
      '# settings\nBRIEF_DATA_DIR=./from-dotenv\nexport BRIEF_MAX_QUESTION_CHARS="20"\n',
    );
    const run = await runBin(['ask', 'How big is the AWS deal?'], { cwd, env: quiet });
    expect(run.stderr).toMatch(/please keep it under 20 characters/);
    expect(run.code).toBe(2);
    expect(existsSync(join(cwd, 'from-dotenv/briefbot.sqlite'))).toBe(true);
  });

  it('loses to the real environment, where an empty value counts as unset', async () => {
    const cwd = folderWithEnv('BRIEF_MAX_QUESTION_CHARS=20\nBRIEF_DATA_DIR=./from-dotenv\n');
    const run = await runBin(['ask', 'How big is the AWS deal?', '--json'], {
      cwd,
      env: { ...quiet, BRIEF_MAX_QUESTION_CHARS: '500', BRIEF_DATA_DIR: '' },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).answer).toContain('$38 billion');
    expect(existsSync(join(cwd, 'from-dotenv/briefbot.sqlite'))).toBe(true);
  });

  it('reports a bad value with its key and that it came from .env, and a real bad value without', async () => {
    const cwd = folderWithEnv('PORT=abc\nSLACK_APP_TOKEN=xoxb-not-an-app-token\n');
    const run = await runBin(['sources'], { cwd, env: { ...quiet, BRIEF_LOG_LEVEL: 'loud' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/PORT must be a whole number \(got "abc" from \.env\)/);
    expect(run.stderr).toMatch(/SLACK_APP_TOKEN must be an app-level token .*\(SLACK_APP_TOKEN from \.env\)/);
    expect(run.stderr).toMatch(/BRIEF_LOG_LEVEL must be debug, info, warn or error \(got "loud"\)\n/);
    expect(run.stdout).toBe('');
  });

  it('names a line that is not KEY=value instead of skipping it silently', async () => {
    const cwd = folderWithEnv('BRIEF_LOG_LEVEL=error\nSLACK_BOT_TOKEN xoxb-1\nNOTE="a value\nover lines"\n');
    const run = await runBin(['sources'], { cwd, env: quiet });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\.env line 2 is not a setting \(write KEY=value/);
    expect(run.stderr).not.toMatch(/line [34]/);
  });
});

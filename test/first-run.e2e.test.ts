/**
 * End-to-end tests of a first run from any folder, through the installed binary: the bundled seeds
 * are found from the package, an empty store says that nothing is indexed yet and how to ingest (in
 * `brief ask`, `brief chat --json` and the console), and an unreachable model server is named by host.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../src/test-support/run-bin.js';

const folder = (name: string) => mkdtempSync(join(tmpdir(), `brief-${name}-`));

function emptySetup() {
  const cwd = folder('empty');
  mkdirSync(join(cwd, 'no-articles'));
  return {
    cwd,
    env: { BRIEF_DATA_DIR: './data', BRIEF_SEEDS_DIR: './no-articles', BRIEF_LOG_LEVEL: 'error' },
  };
}

const NOTHING =
  /^Nothing is indexed yet, so there is nothing to answer from\. Add articles with `npx brief ingest/;

describe('brief run from another folder', () => {
  it('ingests the bundled seeds from the package and answers from them', async () => {
    const cwd = folder('elsewhere');
    const run = await runBin(['ask', 'How big is the AWS deal?', '--json'], {
      cwd,
      env: { BRIEF_DATA_DIR: join(cwd, 'store') },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.answer).toContain('$38 billion');
    expect(json.citations[0].origin).toMatch(/^seeds\/\d{3}_/);
  });
});

describe('an empty store', () => {
  it('answers brief ask with how to ingest, not that the articles do not say', async () => {
    const { cwd, env } = emptySetup();
    const run = await runBin(['ask', 'How big is the AWS deal?', '--json'], { cwd, env });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ abstained: true, citations: [] });
    expect(json.answer).toMatch(NOTHING);
  });

  it('answers every kind of chat message but small talk with how to ingest', async () => {
    const { cwd, env } = emptySetup();
    const lines = ["what's new?", 'who covered the AWS deal?', 'How big is the AWS deal?', 'hi'];
    const run = await runBin(['chat', '--json'], { cwd, env, input: `${lines.join('\n')}\n` });
    const replies = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(replies.map((r) => r.answer.match(NOTHING) !== null)).toEqual([true, true, true, false]);
    expect(replies[3].kind).toBe('chat');
  });

  it('says the same in the console chat', async () => {
    const { cwd, env } = emptySetup();
    const run = await runBin(['chat'], { cwd, env, input: 'How big is the AWS deal?\n' });
    expect(run.stdout).toMatch(
      /Nothing is indexed yet, so there is nothing to answer from\. Add articles with/,
    );
    expect(run.stdout).not.toMatch(/articles don't say/);
  });
});

describe('a model server that cannot be reached', () => {
  it('is named by host in the answer, which is quoted from the articles instead', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const cwd = folder('model');
    const run = await runBin(['ask', 'How big is the AWS deal?'], {
      cwd,
      env: { BRIEF_DATA_DIR: join(cwd, 'store'), OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('$38 billion');
    expect(run.stdout).toContain(
      `Note: The model server at 127.0.0.1:${port} cannot be reached (connection refused); this answer is quoted from the articles.`,
    );
  });
});

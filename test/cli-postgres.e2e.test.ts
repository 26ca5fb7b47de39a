/**
 * End-to-end: the `brief` CLI (ask, search, sources, digest, ingest) on PostgreSQL gives what it gives
 * on SQLite, over the bundled seeds ingested on first use. Skipped with one line without a server.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { PG_MIGRATIONS } from '../src/store/postgres/pg-migrations.js';
import {
  createTestDatabase,
  pgSkipReason,
  type TestDatabase,
} from '../src/store/postgres/testing/pg-test-database.js';
import { MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { PROJECT_ROOT } from '../src/test-support/seeded-briefing.js';

async function brief(args: string[], env: Record<string, string>, cwd = PROJECT_ROOT) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  const code = await runCli(args, {
    env: { BRIEF_LOG_LEVEL: 'error', ...env },
    stdout,
    stderr,
    stdin: new PassThrough(),
    cwd,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe.skipIf(pgSkipReason())('brief on PostgreSQL', () => {
  let database: TestDatabase;
  let pgEnv: Record<string, string>;
  let sqliteEnv: Record<string, string>;
  const both = async (args: string[]) => {
    const [pg, sqlite] = [await brief(args, pgEnv), await brief(args, sqliteEnv)];
    expect(pg.stderr).toBe('');
    expect(pg.code).toBe(0);
    expect(sqlite.code).toBe(0);
    return { pg: JSON.parse(pg.stdout), sqlite: JSON.parse(sqlite.stdout) };
  };
  beforeAll(async () => {
    database = await createTestDatabase();
    // The data folder is still given: with DATABASE_URL nothing may be written there.
    pgEnv = { DATABASE_URL: database.url, BRIEF_DATA_DIR: mkdtempSync(join(tmpdir(), 'brief-pg-')) };
    sqliteEnv = { BRIEF_DATA_DIR: mkdtempSync(join(tmpdir(), 'brief-sqlite-')) };
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('brief migrate brings a new database to the current schema once, on either store', async () => {
    const fresh = await createTestDatabase();
    try {
      const env = { DATABASE_URL: fresh.url, BRIEF_DATA_DIR: mkdtempSync(join(tmpdir(), 'brief-pg-')) };
      const first = await brief(['migrate', '--json'], env);
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toEqual({
        store: 'postgres',
        location: fresh.url,
        applied: PG_MIGRATIONS.length,
        version: PG_MIGRATIONS.at(-1)?.version,
      });
      expect(JSON.parse((await brief(['migrate', '--json'], env)).stdout)).toMatchObject({ applied: 0 });
      expect((await brief(['migrate'], env)).stdout).toMatch(
        /^PostgreSQL at .+: already up to date, schema version \d+\.\n$/,
      );
      const sqlite = { BRIEF_DATA_DIR: mkdtempSync(join(tmpdir(), 'brief-sqlite-')) };
      expect(JSON.parse((await brief(['migrate', '--json'], sqlite)).stdout)).toMatchObject({
        store: 'sqlite',
        applied: MIGRATIONS.length,
        version: MIGRATIONS.at(-1)?.version,
      });
      expect(JSON.parse((await brief(['migrate', '--json'], sqlite)).stdout)).toMatchObject({ applied: 0 });
    } finally {
      await fresh.drop();
    }
  });

  it('refuses an unreachable DATABASE_URL with one line naming it without its password', async () => {
    const run = await brief(['sources'], {
      DATABASE_URL: 'postgres://brief:hunter2@127.0.0.1:1/brief',
      BRIEF_DATA_DIR: mkdtempSync(join(tmpdir(), 'brief-pg-')),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^brief: Cannot open the PostgreSQL database at postgres:\/\/brief:\*\*\*@127\.0\.0\.1:1\/brief: .+\n$/,
    );
    expect(run.stderr).not.toContain('hunter2');
  });

  it('answers from the seeds on first use, as on SQLite: the same answer and citations', async () => {
    const { pg, sqlite } = await both(['ask', 'How big is the AWS deal?', '--json']);
    expect(pg.answer).toContain('$38 billion');
    expect(pg).toEqual(sqlite);
    expect(existsSync(join(pgEnv.BRIEF_DATA_DIR as string, 'briefbot.sqlite'))).toBe(false);
    const abstain = await both(['ask', 'Who won the 1966 World Cup?', '--json']);
    expect(abstain.pg.abstained).toBe(true);
    expect(abstain.pg).toEqual(abstain.sqlite);
  });

  it('searches and describes the store as SQLite does', async () => {
    const search = await both(['search', 'nuclear power data centers', '--json']);
    expect(search.pg.results.length).toBeGreaterThan(0);
    expect(search.pg).toEqual(search.sqlite);
    const sources = await both(['sources', '--json']);
    expect(sources.pg.articles).toBeGreaterThan(0);
    expect({ ...sources.pg, lastIngestedAt: null }).toEqual({ ...sources.sqlite, lastIngestedAt: null });
  });

  it('builds the same digest', async () => {
    const { pg, sqlite } = await both(['digest', '--since', '2000-01-01T00:00:00Z', '--json']);
    expect(pg.stories.length).toBeGreaterThan(0);
    // The window ends at each run's own "now".
    expect({ ...pg, window: pg.window.from }).toEqual({ ...sqlite, window: sqlite.window.from });
  });

  it('keeps subscribed feeds in PostgreSQL (brief feeds add and list)', async () => {
    const added = await brief(
      ['feeds', 'add', 'https://news.example/feed.xml', '--every', '1h', '--json'],
      pgEnv,
    );
    expect(added.code).toBe(0);
    const listed = await brief(['feeds', 'list', '--json'], pgEnv);
    expect(JSON.parse(listed.stdout).feeds).toEqual([
      expect.objectContaining({ url: 'https://news.example/feed.xml', every: '1h', lastPolledAt: null }),
    ]);
  });

  it('keeps story alerts in PostgreSQL (brief alerts add, list and remove)', async () => {
    const added = await brief(
      ['alerts', 'add', 'chips', '--channel', 'C9', '--quiet', '22:00-07:00', '--tz', 'Asia/Tokyo', '--json'],
      pgEnv,
    );
    expect(added.code).toBe(0);
    const listed = await brief(['alerts', 'list', '--json'], pgEnv);
    expect(JSON.parse(listed.stdout).alerts).toEqual([
      expect.objectContaining({
        topic: 'chips',
        channelId: 'C9',
        quiet: '22:00-07:00',
        timezone: 'Asia/Tokyo',
      }),
    ]);
    expect(JSON.parse((await brief(['alerts', 'remove', 'chips', '--json'], pgEnv)).stdout)).toEqual({
      removed: 1,
    });
  });

  it('ingests a new file, finds it, and leaves it unchanged the second time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-pg-in-'));
    const file = join(dir, 'harbour.txt');
    writeFileSync(
      file,
      'Harbour reopens\n\nThe harbour reopened on Monday after the storm damage was repaired.\n',
    );
    const first = await brief(['ingest', file, '--json'], pgEnv);
    expect(JSON.parse(first.stdout)).toMatchObject({ added: 1, updated: 0, unchanged: 0 });
    const again = await brief(['ingest', file, '--json'], pgEnv);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, unchanged: 1 });
    const found = await brief(['search', 'harbour', '--json'], pgEnv);
    expect(JSON.parse(found.stdout).results[0].title).toBe('Harbour reopens');
  });
});

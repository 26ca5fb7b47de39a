/**
 * End-to-end on PostgreSQL: `brief ingest` killed with SIGKILL in the middle of a write leaves no
 * partial article (each input's transaction is committed whole or not at all, passage totals agree),
 * and the next run stores the rest. Skipped with one line without a PostgreSQL server.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres } from '../src/store/postgres/pg-migrations.js';
import {
  createTestDatabase,
  pgSkipReason,
  type TestDatabase,
} from '../src/store/postgres/testing/pg-test-database.js';
import { PROJECT_ROOT } from '../src/test-support/seeded-briefing.js';

const FILES = 5;
const PER_FILE = 400;

function ingest(env: Record<string, string>, inputs: string[]) {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/brief.js'), 'ingest', ...inputs, '--json'], {
    env: { ...process.env, ...env, BRIEF_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (c) => {
    stdout += String(c);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout })),
  );
  return { child, exited };
}

describe.skipIf(pgSkipReason())('brief ingest killed on PostgreSQL', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    await migratePostgres(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('leaves whole inputs only after SIGKILL mid-write, and the next run completes the ingest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-kill-'));
    const inputs = Array.from({ length: FILES }, (_, f) => {
      const lines = Array.from({ length: PER_FILE }, (_, i) =>
        JSON.stringify({
          url: `https://news.example/${f}/${i}`,
          title: `Harbour report ${f}-${i}`,
          text: `The harbour authority reported ${f * PER_FILE + i} ships on Monday.\n\nDock workers said the cranes were repaired after the storm of week ${i}.`,
          published_at: '2026-01-05T10:00:00Z',
        }),
      );
      const file = join(dir, `batch-${f}.jsonl`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      return file;
    });
    const env = { DATABASE_URL: database.url, BRIEF_DATA_DIR: dir, BRIEF_SEEDS_DIR: dir };
    const first = ingest(env, inputs);
    // Kill once a first input is committed and the next one's transaction has written rows.
    for (;;) {
      const { rows } = await pool.query<{ articles: number; writing: number }>(
        `SELECT (SELECT count(*)::int FROM articles) AS articles,
           (SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database()
              AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL) AS writing`,
      );
      if ((rows[0]?.articles ?? 0) >= PER_FILE && (rows[0]?.writing ?? 0) > 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    // The server rolls the dead connection's transaction back.
    for (;;) {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()
           AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      if (rows[0]?.n === 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const consistent = async () => {
      const { rows } = await pool.query<{
        articles: number;
        bare: number;
        passages: number;
        tokens: number;
        kept_passages: number;
        kept_tokens: number;
      }>(
        `SELECT (SELECT count(*)::int FROM articles) AS articles,
           (SELECT count(*)::int FROM articles a WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.article_id = a.id)) AS bare,
           (SELECT count(*)::int FROM passages) AS passages, (SELECT coalesce(sum(length), 0)::int FROM passages) AS tokens,
           t.passages::int AS kept_passages, t.tokens::int AS kept_tokens
         FROM passage_totals t`,
      );
      const r = rows[0] as NonNullable<(typeof rows)[0]>;
      expect(r.bare).toBe(0);
      expect([r.kept_passages, r.kept_tokens]).toEqual([r.passages, r.tokens]);
      return r;
    };
    const afterKill = await consistent();
    expect(afterKill.articles % PER_FILE).toBe(0);
    expect(afterKill.articles).toBeLessThan(FILES * PER_FILE);

    const second = await ingest(env, inputs).exited;
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      added: FILES * PER_FILE - afterKill.articles,
      unchanged: afterKill.articles,
      failed: [],
    });
    const done = await consistent();
    expect(done.articles).toBe(FILES * PER_FILE);
    // Two ingests of 2,000 articles in child processes: 17 s alone on a loaded 2-core machine.
  }, 90_000);
});

/**
 * @module adapters/http/healthz.test
 * The health endpoint over the real stores: 200 while the database answers; 503 with the reason when it
 * is closed, when PostgreSQL's read waits past the limit (the server cancels it: statement_timeout) or
 * while the process is shutting down; never much slower than the limit.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openStores, type Stores } from '../../store/open-stores.js';
import { createTestDatabase, pgSkipReason } from '../../store/postgres/testing/pg-test-database.js';
import { silentLogger } from '../log/json-logger.js';
import { createHealthCheck, type HealthServer, startHealthServer } from './healthz.js';

const LIMIT_MS = 300;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serverOver(stores: Stores, refusal: () => string | null = () => null): Promise<HealthServer> {
  const server = await startHealthServer({
    port: 0,
    host: '127.0.0.1',
    check: createHealthCheck({ ping: (ms) => stores.ping(ms), refusal, timeoutMs: LIMIT_MS }),
    logger: silentLogger,
  });
  cleanups.push(() => server.close());
  return server;
}

async function probe(server: HealthServer): Promise<{ status: number; body: unknown; ms: number }> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${server.port}/healthz`);
  return { status: response.status, body: await response.json(), ms: performance.now() - started };
}

describe('GET /healthz on SQLite', () => {
  it('answers 200, then 503 with the reason while shutting down, and 404 elsewhere', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'brief-healthz-'));
    const stores = await openStores({ databaseUrl: undefined, dataDir });
    cleanups.push(() => stores.close());
    let stopping = false;
    const server = await serverOver(stores, () => (stopping ? 'shutting down' : null));
    expect(await probe(server)).toMatchObject({ status: 200, body: { ok: true } });
    expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
    stopping = true;
    expect(await probe(server)).toMatchObject({ status: 503, body: { ok: false, error: 'shutting down' } });
  });

  it('answers 503 when the database is closed', async () => {
    const stores = await openStores({
      databaseUrl: undefined,
      dataDir: mkdtempSync(join(tmpdir(), 'brief-healthz-')),
    });
    const server = await serverOver(stores);
    await stores.close();
    expect(await probe(server)).toMatchObject({
      status: 503,
      body: { ok: false, error: 'database: the SQLite database is closed' },
    });
  });
});

describe.skipIf(pgSkipReason())('GET /healthz on PostgreSQL', () => {
  it('has the server cancel a read that waits past the limit, answers 503 with why, and keeps the pool usable', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const stores = await openStores({
      databaseUrl: database.url,
      dataDir: mkdtempSync(join(tmpdir(), 'brief-healthz-')),
    });
    cleanups.push(() => stores.close());
    const server = await serverOver(stores);
    expect(await probe(server)).toMatchObject({ status: 200, body: { ok: true } });
    // A migration (or anything) holding the schema table exclusively: the probe's read waits on the lock.
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    cleanups.push(() => locker.end());
    await locker.query('BEGIN; LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE');
    const locked = await probe(server);
    expect(locked).toMatchObject({
      status: 503,
      body: { ok: false, error: 'database: canceling statement due to statement timeout' },
    });
    expect(locked.ms).toBeLessThan(LIMIT_MS + 1_500);
    // Cancelled in the server, not left waiting behind the lock.
    const waiting = await locker.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
    );
    expect(waiting.rows[0]?.n).toBe(0);
    await locker.query('ROLLBACK');
    expect(await probe(server)).toMatchObject({ status: 200, body: { ok: true } });
  });
});

/**
 * @module store/postgres/testing/pg-test-database
 * A fresh database per test (or test file) on the run's throwaway server, dropped afterwards, and the
 * one-line reason to skip when there is no server.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * Why the PostgreSQL tests are skipped, or '' when they run; the reason is printed as one line for each
 * suite that skips (`describe.skipIf(pgSkipReason())`).
 */
export function pgSkipReason(
  reason: string = inject('pgUnavailable'),
  warn: (line: string) => void = console.warn,
): string {
  if (reason) warn(`PostgreSQL tests skipped: ${reason.replace(/\s*\n\s*/g, ' ')}`);
  return reason;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database on the test server; `drop()` ends its connections and removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = inject('pgServerUrl');
  if (!server) throw new Error(`No PostgreSQL test server: ${inject('pgUnavailable')}`);
  const name = `brief_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * @module store/postgres/testing/pg-vector-available
 * Whether the run's test server has pgvector, for the tests that need it: '' when it has, otherwise
 * the one line to skip with. Under CI=true a server without it fails the run (.ci/run builds it).
 */
import pg from 'pg';
import { inject } from 'vitest';

/** Why the pgvector tests are skipped ('' when they run); throws under CI=true instead of skipping. */
export async function pgvectorSkipReason(): Promise<string> {
  const server = inject('pgServerUrl');
  if (!server) return `no PostgreSQL server (${inject('pgUnavailable')})`;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  let reason = '';
  try {
    const { rows } = await client.query(
      "SELECT default_version FROM pg_available_extensions WHERE name = 'vector'",
    );
    if (rows.length === 0)
      reason = 'the test PostgreSQL server has no pgvector extension (.ci/install-pgvector builds it)';
  } finally {
    await client.end();
  }
  if (!reason) return '';
  if (process.env.CI === 'true') throw new Error(`pgvector tests cannot run under CI: ${reason}`);
  console.warn(`pgvector tests skipped: ${reason}`);
  return reason;
}

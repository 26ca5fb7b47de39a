/**
 * @module store/postgres/pg-database
 * Opens the PostgreSQL store's connection pool (node-postgres) from DATABASE_URL and brings its schema
 * up to date. Every store on one database shares the pool; a transaction holds one of its clients.
 */
import pg from 'pg';
import { BriefError } from '../../core/errors.js';
import { migratePostgres } from './pg-migrations.js';

/** Pool sizing and timeouts, documented in docs/DEPLOY.md. */
export const PG_POOL = {
  /** Connections per process; N processes need N × max below the server's max_connections. */
  max: 10,
  /** A process waits this long for a free connection before the call fails. */
  connectionTimeoutMillis: 10_000,
  idleTimeoutMillis: 30_000,
  /** Statements running longer are cancelled by the server (no request should need this long). */
  statementTimeoutMs: 30_000,
} as const;

export interface PostgresOptions {
  url: string;
  /** Apply pending migrations on open (default true; `brief migrate` does it explicitly). */
  migrate?: boolean;
  max?: number;
}

/** Whether `url` names a PostgreSQL database (postgres:// or postgresql://). */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

export async function openPostgresPool(options: PostgresOptions): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? PG_POOL.max,
    connectionTimeoutMillis: PG_POOL.connectionTimeoutMillis,
    idleTimeoutMillis: PG_POOL.idleTimeoutMillis,
    statement_timeout: PG_POOL.statementTimeoutMs,
  });
  // An idle client losing its connection (server restart) must not crash the process: the pool drops
  // it and the next call opens another.
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
    if (options.migrate !== false) await migratePostgres(pool);
  } catch (cause) {
    await pool.end().catch(() => {});
    throw new BriefError(
      'store',
      `Cannot open the PostgreSQL database at ${redactUrl(options.url)}: ${(cause as Error).message}`,
      { cause },
    );
  }
  return pool;
}

/**
 * @module adapters/http/healthz
 * `GET /healthz` for every `brief serve` process: 200 `{"ok":true}` when the database answers within the
 * time limit, 503 with the reason when it does not, or while the process is shutting down (so a load
 * balancer takes it out of rotation). Served by the Slack HTTP receiver when there is one, otherwise by
 * a small listener of its own on PORT (Discord only, Slack Socket Mode).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { BriefError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';

/** How long /healthz waits for the database before answering 503 (a load balancer's probe is short). */
export const HEALTH_TIMEOUT_MS = 2_000;

export interface HealthOptions {
  /**
   * Resolves when the database answers; given the time limit, so the store can cancel its own query
   * (PostgreSQL statement_timeout, SQLite busy timeout) instead of leaving it to run on.
   */
  ping?: (timeoutMs: number) => Promise<void>;
  /** Why the process answers 503 whatever the database says (it is draining), or null. */
  refusal?: () => string | null;
  timeoutMs?: number;
}

export interface HealthReport {
  status: 200 | 503;
  body: { ok: true } | { ok: false; error: string };
}

/** One health check: never slower than the time limit, never rejects. */
export function createHealthCheck(options: HealthOptions): () => Promise<HealthReport> {
  const timeoutMs = options.timeoutMs ?? HEALTH_TIMEOUT_MS;
  return async () => {
    const refused = options.refusal?.() ?? null;
    if (refused) return { status: 503, body: { ok: false, error: refused } };
    if (!options.ping) return { status: 200, body: { ok: true } };
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The store's own cancellation is the first line; this bound holds even if it does not fire.
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs + 100);
    });
    try {
      await Promise.race([options.ping(timeoutMs), late]);
      return { status: 200, body: { ok: true } };
    } catch (error) {
      return { status: 503, body: { ok: false, error: `database: ${(error as Error).message}` } };
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The `/healthz` request handler, in the shape of Bolt's custom routes and of node:http. */
export function healthzHandler(check: () => Promise<HealthReport>) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    void check().then((report) => {
      res.writeHead(report.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(report.body));
    });
  };
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/** A listener on `port` (0: any free one) that answers `GET /healthz` and 404 to everything else. */
export async function startHealthServer(options: {
  port: number;
  host?: string;
  check: () => Promise<HealthReport>;
  logger: Logger;
}): Promise<HealthServer> {
  const handle = healthzHandler(options.check);
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) return handle(req, res);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: false, error: 'not found' }));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
  } catch (cause) {
    const where = options.host ? `${options.host}:${options.port}` : `port ${options.port}`;
    throw new BriefError(
      'config',
      `The health endpoint could not listen on ${where}: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  options.logger.info('health endpoint listening', { port, host: options.host ?? 'all interfaces' });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

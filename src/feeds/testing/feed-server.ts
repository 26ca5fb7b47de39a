/**
 * @module feeds/testing/feed-server
 * A local HTTP server on 127.0.0.1 that serves feeds and pages the way publishers do: ETag and
 * Last-Modified with 304s, gzip/deflate/br, redirects, slow, trickling or endless responses. Every
 * request is counted, and how many were in flight at once.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

export interface Route {
  status?: number;
  type?: string;
  /** The body (a string is sent as UTF-8); a function is called per request. */
  body?: string | Buffer | (() => string | Buffer);
  headers?: Record<string, string>;
  /**
   * Sends ETag and Last-Modified derived from the body (`true`), or only one of them, and answers a
   * conditional request that still matches with 304.
   */
  validators?: boolean | 'etag' | 'last-modified';
  gzip?: boolean;
  /** Compresses the body this way when the request accepts it. */
  encoding?: 'gzip' | 'deflate' | 'br';
  /** Never answers (a black hole); the client's timeout or deadline must end it. */
  hang?: boolean;
  /** Answers once this settles (a slow publisher the test lets go). */
  until?: Promise<unknown>;
  /** Sends the headers and the first half of the body at once, the rest after this many ms. */
  trickleMs?: number;
  /** Sends 64 KB chunks of this byte without end, until the client goes away (a 1 GB body). */
  endless?: boolean;
}

export interface FeedServer {
  base: string;
  routes: Map<string, Route>;
  /** Paths requested, in order. */
  requests: string[];
  /** Requests carrying a conditional header. */
  conditional: string[];
  /** The most requests that were being answered at the same time, and bytes sent by endless routes. */
  stats: { inFlight: number; maxInFlight: number; endlessBytes: number };
  countOf(path: string): number;
  close(): Promise<void>;
}

export const PAGE_TEXT =
  'The city council approved the new transport budget on Tuesday after a debate that ran late into the night. ' +
  'Officials said the plan adds bus routes, repairs two bridges and funds safer crossings near schools.';

/** A news page whose article text names `title`, long enough for the reader to take it. */
export function pageHtml(title: string, extra = ''): string {
  return `<html><head><title>${title}</title></head><body><article><h1>${title}</h1>
    <p>${PAGE_TEXT}</p><p>${title}: ${PAGE_TEXT}</p><p>${extra || PAGE_TEXT}</p></article></body></html>`;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const conditional: string[] = [];
  const hanging = new Set<ServerResponse>();
  const stats = { inFlight: 0, maxInFlight: 0, endlessBytes: 0 };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    requests.push(path);
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.on('close', () => stats.inFlight--);
    const route = routes.get(path);
    if (!route) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    if (route.hang) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    const respond = () => {
      const raw = typeof route.body === 'function' ? route.body() : (route.body ?? '');
      const body = typeof raw === 'string' ? Buffer.from(raw) : raw;
      const headers: Record<string, string> = {
        'content-type': route.type ?? 'application/rss+xml',
        ...route.headers,
      };
      if (route.endless) {
        res.writeHead(200, headers);
        const chunk = Buffer.alloc(64 * 1024, 'x');
        const pump = () => {
          while (!res.destroyed && stats.endlessBytes < 2 ** 30) {
            stats.endlessBytes += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
        return;
      }
      if (route.validators) {
        const tag = `"${body.length.toString(16)}-${hash(body)}"`;
        // The date changes with the body, as a publisher's would.
        const modified = new Date(Date.UTC(2026, 11, 1) + (Number.parseInt(hash(body), 16) % 86_400) * 1000);
        const lastModified = modified.toUTCString();
        if (route.validators !== 'last-modified') headers.etag = tag;
        if (route.validators !== 'etag') headers['last-modified'] = lastModified;
        if (req.headers['if-none-match'] || req.headers['if-modified-since']) conditional.push(path);
        const fresh =
          route.validators === 'last-modified'
            ? req.headers['if-modified-since'] === lastModified
            : req.headers['if-none-match'] === tag;
        if (fresh) {
          res.writeHead(304, headers.etag ? { etag: tag } : {});
          res.end();
          return;
        }
      }
      let out = body;
      const encoding = route.encoding ?? (route.gzip ? 'gzip' : null);
      if (encoding && String(req.headers['accept-encoding']).includes(encoding)) {
        out =
          encoding === 'gzip'
            ? gzipSync(body)
            : encoding === 'br'
              ? brotliCompressSync(body)
              : deflateSync(body);
        headers['content-encoding'] = encoding;
      }
      res.writeHead(route.status ?? 200, headers);
      if (route.trickleMs === undefined) {
        res.end(out);
        return;
      }
      const half = Math.floor(out.length / 2);
      res.write(out.subarray(0, half));
      const timer = setTimeout(() => res.end(out.subarray(half)), route.trickleMs);
      res.on('close', () => clearTimeout(timer));
    };
    if (route.until) void route.until.then(respond, respond);
    else respond();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    routes,
    requests,
    conditional,
    stats,
    countOf: (path) => requests.filter((p) => p === path).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function hash(body: Buffer): string {
  let h = 0;
  for (const byte of body) h = (h * 31 + byte) >>> 0;
  return h.toString(16);
}

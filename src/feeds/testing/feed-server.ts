/**
 * @module feeds/testing/feed-server
 * A local HTTP server on 127.0.0.1 that serves feeds and pages the way publishers do: ETag and
 * Last-Modified with 304s, gzip, redirects, slow or endless responses. Every request is counted.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface Route {
  status?: number;
  type?: string;
  /** The body (a string is sent as UTF-8); a function is called per request. */
  body?: string | Buffer | (() => string | Buffer);
  headers?: Record<string, string>;
  /** Sends ETag/Last-Modified derived from the body and answers matching conditional requests with 304. */
  validators?: boolean;
  gzip?: boolean;
  /** Never answers (a black hole); the client's timeout or deadline must end it. */
  hang?: boolean;
  /** Answers once this settles (a slow publisher the test lets go). */
  until?: Promise<unknown>;
}

export interface FeedServer {
  base: string;
  routes: Map<string, Route>;
  /** Paths requested, in order. */
  requests: string[];
  /** Requests carrying a conditional header. */
  conditional: string[];
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
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    requests.push(path);
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
      if (route.validators) {
        const tag = `"${body.length.toString(16)}-${hash(body)}"`;
        headers.etag = tag;
        headers['last-modified'] = 'Tue, 01 Dec 2026 10:00:00 GMT';
        if (req.headers['if-none-match'] || req.headers['if-modified-since']) conditional.push(path);
        if (req.headers['if-none-match'] === tag) {
          res.writeHead(304, { etag: tag });
          res.end();
          return;
        }
      }
      let out = body;
      if (route.gzip && /gzip/.test(String(req.headers['accept-encoding']))) {
        out = gzipSync(body);
        headers['content-encoding'] = 'gzip';
      }
      res.writeHead(route.status ?? 200, headers);
      res.end(out);
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

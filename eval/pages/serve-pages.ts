/**
 * @module eval/pages/serve-pages
 * Serves saved pages over HTTP on 127.0.0.1, each at `/<name>/`, so that the evaluation ingests them
 * by URL exactly as a user's `brief ingest https://…` would.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PageServer {
  /** Page name → its URL. */
  urls: Map<string, string>;
  close(): Promise<void>;
}

export async function servePages(pages: Map<string, string>): Promise<PageServer> {
  const byPath = new Map([...pages].map(([name, file]) => [`/${encodeURIComponent(name)}/`, file]));
  const server = createServer((request, response) => {
    const file = byPath.get(request.url ?? '');
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('unreadable'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    urls: new Map([...pages.keys()].map((name) => [name, `${base}/${encodeURIComponent(name)}/`])),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredCharset, decodeText, fetchText } from './fetch-text.js';

// "Café – naïve" in windows-1252: é = E9, – = 96, ï = EF.
const CP1252 = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65]);
const page = (head: string) => Buffer.concat([Buffer.from(`<html><head>${head}</head><body><p>`), CP1252]);

describe('fetchText', () => {
  let server: Server;
  let base: string;
  let endlessBytesSent = 0;
  let endlessClosed = false;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/latin1-header') {
        res.setHeader('content-type', 'text/html; charset=iso-8859-1');
        res.end(page(''));
      } else if (req.url === '/cp1252-meta') {
        res.setHeader('content-type', 'text/html');
        res.end(page('<meta charset="windows-1252">'));
      } else if (req.url === '/http-equiv') {
        res.setHeader('content-type', 'text/html');
        res.end(page('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'));
      } else if (req.url === '/undeclared') {
        res.setHeader('content-type', 'text/html');
        res.end(page(''));
      } else if (req.url === '/loop') {
        res.writeHead(302, { location: '/loop' });
        res.end();
      } else if (req.url === '/endless') {
        // Chunked, no content-length, never ends on its own: only the client can stop it.
        res.setHeader('content-type', 'text/html');
        const chunk = Buffer.alloc(16 * 1024, 'a');
        const pump = () => {
          while (!endlessClosed && res.write(chunk)) endlessBytesSent += chunk.length;
        };
        res.on('drain', pump);
        res.on('close', () => {
          endlessClosed = true;
        });
        pump();
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const options = { maxBytes: 64 * 1024, fetch: globalThis.fetch, fetchTimeoutMs: 5000 };

  it('decodes a page with the charset its header or <meta> declares', async () => {
    for (const path of ['/latin1-header', '/cp1252-meta', '/http-equiv']) {
      const { body } = await fetchText(`${base}${path}`, options);
      expect(body, path).toContain('<p>Café – naïve');
    }
  });

  it('still rejects invalid UTF-8 when the page declares no charset', async () => {
    await expect(fetchText(`${base}/undeclared`, options)).rejects.toThrow(/invalid UTF-8/);
  });

  it('stops reading a chunked response at the size limit', async () => {
    const started = Date.now();
    await expect(fetchText(`${base}/endless`, options)).rejects.toThrow(
      /page too large: more than the limit of 65,536 bytes/,
    );
    // Without a limit on the stream this would run until the 5 s timeout, buffering all the while.
    expect(Date.now() - started).toBeLessThan(2000);
    await expect.poll(() => endlessClosed).toBe(true);
    expect(endlessBytesSent).toBeLessThan(16 * 1024 * 1024);
  });

  it('says why a fetch failed: a redirect loop, a refused connection', async () => {
    await expect(fetchText(`${base}/loop`, options)).rejects.toThrow(
      /^could not fetch: redirect count exceeded$/,
    );
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(fetchText(`http://127.0.0.1:${port}/`, options)).rejects.toThrow(
      /^could not fetch: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
    );
  });

  it('names the code when the cause has no message of its own', async () => {
    const refusedEverywhere = Object.assign(
      new AggregateError([Object.assign(new Error(''), { code: 'ECONNREFUSED' })], ''),
      { code: 'ECONNREFUSED' },
    );
    const certificate = Object.assign(new Error('self-signed certificate'), {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    const failing = (cause: Error) => async () => {
      throw new TypeError('fetch failed', { cause });
    };
    await expect(
      fetchText('https://news.example/', { ...options, fetch: failing(refusedEverywhere) }),
    ).rejects.toThrow(/^could not fetch: ECONNREFUSED$/);
    await expect(
      fetchText('https://news.example/', { ...options, fetch: failing(certificate) }),
    ).rejects.toThrow(/^could not fetch: self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\)$/);
  });
});

describe('declaredCharset and decodeText', () => {
  const feed = '<?xml version="1.0"?><rss><channel><title>Ünïcode €</title></channel></rss>';
  const utf32 = (text: string, bigEndian: boolean, mark: boolean) => {
    const points = [...(mark ? '\uFEFF' : ''), ...text].map((c) => c.codePointAt(0) ?? 0);
    const view = new DataView(new ArrayBuffer(points.length * 4));
    for (const [i, p] of points.entries()) view.setUint32(i * 4, p, !bigEndian);
    return new Uint8Array(view.buffer);
  };
  const utf16 = (text: string, bigEndian: boolean) => {
    const bytes = Buffer.from(text, 'utf16le');
    return bigEndian ? new Uint8Array(bytes.swap16()) : new Uint8Array(bytes);
  };
  const read = (bytes: Uint8Array, type = 'application/xml') =>
    decodeText('https://x.example/rss', bytes, declaredCharset(type, bytes));

  it('reads UTF-32 with a BOM as UTF-32, not as UTF-16 with a NUL after every character', () => {
    expect(read(utf32(feed, false, true))).toBe(feed);
    expect(read(utf32(feed, true, true))).toBe(feed);
    // The mark outranks a header that says otherwise.
    expect(read(utf32(feed, false, true), 'text/xml; charset=utf-8')).toBe(feed);
  });

  it('reads BOM-less UTF-16 and UTF-32 by where their NULs fall, instead of refusing them as binary', () => {
    expect(read(utf16(feed, false))).toBe(feed);
    expect(read(utf16(feed, true))).toBe(feed);
    expect(read(utf32(feed, false, false))).toBe(feed);
    expect(read(utf32(feed, true, false))).toBe(feed);
  });

  it('reads windows-1251 and ISO-8859-1 as their XML declarations say', () => {
    const cyrillic = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>'),
      Buffer.from([0xcd, 0xee, 0xe2, 0xee, 0xf1, 0xf2, 0xe8]),
      Buffer.from('</title></channel></rss>'),
    ]);
    expect(read(new Uint8Array(cyrillic))).toContain('<title>Новости</title>');
    const latin = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Caf'),
      Buffer.from([0xe9]),
      Buffer.from('</title></channel></rss>'),
    ]);
    expect(read(new Uint8Array(latin))).toContain('<title>Café</title>');
  });

  it('still refuses binary bytes', () => {
    expect(() => read(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2]))).toThrow(/binary/);
  });
});

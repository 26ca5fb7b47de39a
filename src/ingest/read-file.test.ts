import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBytes, overLimit } from './byte-size.js';
import { readFileBounded } from './read-file.js';

const dir = mkdtempSync(join(tmpdir(), 'brief-read-file-'));

describe('readFileBounded', () => {
  it('reads a regular file whole', async () => {
    writeFileSync(join(dir, 'a.txt'), 'hello');
    expect(Buffer.from(await readFileBounded(join(dir, 'a.txt'), 'a.txt', 5)).toString()).toBe('hello');
  });

  it('refuses a file over the limit, naming both sizes to the byte', async () => {
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(1025));
    await expect(readFileBounded(join(dir, 'big.txt'), 'big.txt', 1024)).rejects.toThrow(
      'file too large: 1,025 bytes, over the limit of 1,024 bytes',
    );
  });

  it('refuses a link to /dev/zero by its type instead of reading without end', async () => {
    symlinkSync('/dev/zero', join(dir, 'zero.txt'));
    await expect(readFileBounded(join(dir, 'zero.txt'), 'zero.txt', 1024)).rejects.toThrow(
      /not a regular file: it is a character device/,
    );
  });

  it('refuses a named pipe without waiting for a writer', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    await expect(readFileBounded(join(dir, 'pipe.md'), 'pipe.md', 1024)).rejects.toThrow(
      /not a regular file: it is a named pipe/,
    );
  });

  it('refuses a socket', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'sock.txt'), resolve));
    try {
      await expect(readFileBounded(join(dir, 'sock.txt'), 'sock.txt', 1024)).rejects.toThrow(
        /it is a socket/,
      );
    } finally {
      server.close();
    }
  });

  it('stops at the limit while reading a file whose size says 0', async () => {
    // Files under /proc report size 0 and are read to their end; the limit holds while reading.
    await expect(readFileBounded('/proc/self/maps', 'maps.txt', 16)).rejects.toThrow(
      'file too large: more than the limit of 16 bytes',
    );
  });
});

describe('formatBytes', () => {
  it('never shows a size and its limit alike', () => {
    expect(overLimit(1025, 1024)).toBe('1,025 bytes, over the limit of 1,024 bytes');
    expect(formatBytes(5 * 1024 * 1024 + 1)).toBe('5,242,881 bytes (5.0 MB)');
  });
});

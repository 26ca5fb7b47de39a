/**
 * @module ingest/read-file
 * Reads one local file for ingest, bounded: only regular files (a named pipe never ends, /dev/zero
 * never stops, a socket cannot be read), and never more than the byte limit, counted while reading,
 * since a size read first says 0 for /dev/zero and for files under /proc.
 */
import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { IngestError } from '../core/errors.js';
import { overLimit } from './byte-size.js';

const CHUNK_BYTES = 64 * 1024;

export async function readFileBounded(path: string, origin: string, maxBytes: number): Promise<Uint8Array> {
  refuseUnlessRegular(origin, await stat(path));
  // O_NONBLOCK: should the path have become a named pipe since the stat, opening it does not wait
  // for a writer; fstat below then refuses it.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    refuseUnlessRegular(origin, info);
    if (info.size > maxBytes)
      throw new IngestError(origin, `file too large: ${overLimit(info.size, maxBytes)}`);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = new Uint8Array(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.byteLength, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) {
        throw new IngestError(origin, `file too large: ${overLimit('unknown', maxBytes)}`);
      }
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** A clear refusal for anything but a regular file, named by its type. */
function refuseUnlessRegular(origin: string, info: Stats): void {
  if (info.isFile()) return;
  const kind = info.isFIFO()
    ? 'a named pipe (FIFO)'
    : info.isCharacterDevice()
      ? 'a character device (such as /dev/zero)'
      : info.isBlockDevice()
        ? 'a block device'
        : info.isSocket()
          ? 'a socket'
          : info.isDirectory()
            ? 'a folder'
            : 'not a file';
  throw new IngestError(origin, `not a regular file: it is ${kind}; only files, folders and URLs are read`);
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

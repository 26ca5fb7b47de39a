/**
 * @module store/postgres/pg-copy-in
 * `COPY ... FROM STDIN` of rows already in COPY's text format, on one node-postgres client. node-postgres
 * has no COPY of its own; it runs any object with `submit` (its Submittable interface) and hands it the
 * COPY messages, which is all this needs for a body held in memory (pg-copy-streams does the same for
 * streams).
 */
import type { PoolClient } from 'pg';

/** The parts of node-postgres's connection a COPY FROM uses. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** Bytes per CopyData message: the server takes any size, but one huge message is one huge buffer. */
const CHUNK_BYTES = 64 * 1024;

class CopyFromText {
  callback: ((error: Error | null, rowCount?: number) => void) | undefined;
  private rowCount = 0;

  constructor(
    private readonly sql: string,
    private readonly body: string,
  ) {}

  submit(connection: CopyConnection): void {
    connection.query(this.sql);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    // After an error the server drops any CopyData still coming, so the body is sent in one go.
    const bytes = Buffer.from(this.body, 'utf8');
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
      connection.sendCopyFromChunk(bytes.subarray(at, at + CHUNK_BYTES));
    }
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }): void {
    this.rowCount = Number(/\d+$/.exec(message.text ?? '')?.[0] ?? 0);
  }

  handleReadyForQuery(): void {
    this.callback?.(null, this.rowCount);
  }

  handleError(error: Error): void {
    this.callback?.(error);
  }

  // A COPY FROM returns no rows; these are never called for it, but node-postgres expects them.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** Runs `sql` (a `COPY table (columns) FROM STDIN`) with `body` as its data; resolves to the rows copied. */
export function copyFromText(client: PoolClient, sql: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const copy = new CopyFromText(sql, body);
    copy.callback = (error, rowCount) => (error ? reject(error) : resolve(rowCount ?? 0));
    // node-postgres runs a Submittable as it is; its types only know its own Query objects.
    (client as unknown as { query(submittable: CopyFromText): void }).query(copy);
  });
}

/** A value as a field of COPY's text format: backslash, tab, newline and carriage return escaped. */
export function copyField(value: string): string {
  return COPY_SPECIAL.test(value) ? value.replace(COPY_SPECIAL_ALL, escapeCopyChar) : value;
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIAL_ALL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeCopyChar(char: string): string {
  return COPY_ESCAPES[char] ?? char;
}

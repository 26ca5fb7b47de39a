/**
 * @module probe/store-check
 * What the probe asks of a store after each run, read straight from the SQLite file: is it intact
 * (integrity_check), is every article whole (passages, their index rows, nothing half-written), are
 * there duplicates, and which stored articles changed since a snapshot.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface StoreHealth {
  integrity: string;
  articles: number;
  /** Articles without a passage (a partial write). */
  withoutPassages: number;
  /** Passages without an index row, and index rows without a passage. */
  ftsOutOfStep: number;
  /** Articles sharing their content hash with another. */
  duplicates: number;
}

/** Each stored article's id and a digest of every field a reader sees. */
export type StoreSnapshot = Map<string, string>;

export function openStoreFile(dataDir: string): Database.Database {
  return new Database(join(dataDir, 'briefbot.sqlite'), { readonly: true, fileMustExist: true });
}

export function storeHealth(db: Database.Database): StoreHealth {
  const one = (sql: string) => (db.prepare(sql).get() as { n: number | string }).n;
  const passages = new Set(db.prepare('SELECT id FROM passages').pluck().all() as number[]);
  const indexed = new Set(db.prepare('SELECT rowid FROM passage_index').pluck().all() as number[]);
  let ftsOutOfStep = 0;
  for (const id of passages) if (!indexed.has(id)) ftsOutOfStep++;
  for (const id of indexed) if (!passages.has(id)) ftsOutOfStep++;
  return {
    integrity: String(one('SELECT group_concat(integrity_check) AS n FROM pragma_integrity_check')),
    articles: Number(one('SELECT COUNT(*) AS n FROM articles')),
    withoutPassages: Number(
      one(
        'SELECT COUNT(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.article_id = a.id)',
      ),
    ),
    ftsOutOfStep,
    duplicates: Number(
      one(
        'SELECT COALESCE(SUM(n - 1), 0) AS n FROM (SELECT COUNT(*) AS n FROM articles GROUP BY content_hash)',
      ),
    ),
  };
}

export function snapshot(db: Database.Database): StoreSnapshot {
  const rows = db
    .prepare('SELECT id, content_hash, title, source, url, published_at, text FROM articles')
    .all() as Record<string, string | null>[];
  return new Map(
    rows.map((row) => [String(row.id), createHash('sha256').update(JSON.stringify(row)).digest('hex')]),
  );
}

/** Articles of `before` that are gone or different in `after`. */
export function changedSince(
  before: StoreSnapshot,
  after: StoreSnapshot,
): { lost: string[]; altered: string[] } {
  const lost: string[] = [];
  const altered: string[] = [];
  for (const [id, digest] of before) {
    const now = after.get(id);
    if (now === undefined) lost.push(id);
    else if (now !== digest) altered.push(id);
  }
  return { lost, altered };
}

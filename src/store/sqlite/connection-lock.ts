/**
 * @module store/sqlite/connection-lock
 * One async lock per SQLite connection, shared by every store on it. better-sqlite3 is synchronous
 * and its `db.transaction` cannot span an await, so an open `inTransaction` holds this lock across its
 * awaits: any other call on the connection (another store's too) waits instead of running its
 * statements inside someone else's transaction.
 */
import type Database from 'better-sqlite3';
import { type AsyncLock, createLock } from '../async-lock.js';

const locks = new WeakMap<Database.Database, AsyncLock>();

/** The lock of `db`, created on first use. */
export function lockOf(db: Database.Database): AsyncLock {
  let lock = locks.get(db);
  if (!lock) {
    lock = createLock();
    locks.set(db, lock);
  }
  return lock;
}

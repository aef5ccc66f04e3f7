// Who has a data folder open. Every process that opens one (the app, browser mode, each `recert`
// command) holds it shared for as long as it is open; a restore, which swaps the database and the
// certificate files under everyone, needs it alone, and so does anything that removes a file another
// process may be using (the open-time inspection's companions, an interrupted restore's recovery).
//
// The lock is SQLite's own file lock on an empty file, `recert.lock`: a shared lock is an open read
// transaction, "alone" is BEGIN EXCLUSIVE. The operating system holds these locks for the process
// (fcntl on Unix, LockFileEx on Windows) and drops them when it ends, however it ends: a process
// killed with kill -9 or a power cut leaves nothing stuck, and there is no pid to check or reuse.
// SQLite already depends on these locks for the database itself, so a folder where they do not work
// (some network shares) was never safe for Recert anyway.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export const LOCK_FILE = 'recert.lock';

/** Another process holds the folder in a way that this one must wait for or refuse: exit 2 in the CLI. */
export class FolderBusyError extends Error {
  override name = 'FolderBusyError';
}

export interface FolderHold {
  /** Whether this process holds the folder alone at the moment. */
  readonly alone: boolean;
  /**
   * Runs `work` with the folder to this process alone, then goes back to holding it shared; answers
   * null, without running `work`, when another process has the folder open.
   */
  whileAlone<T>(work: () => T): T | null;
  /** Takes the folder alone (a restore) until `share()`; false when another process has it open. */
  takeAlone(): boolean;
  /** Back to holding the folder shared, waiting for another process's restore to end. */
  share(): void;
  release(): void;
}

export interface HoldOptions {
  nativeBinding?: string | undefined;
  /** How long to wait for another process's restore to end before refusing (ms). */
  waitMs?: number;
}

const BUSY_WHILE_RESTORING =
  'Another Recert process is restoring a backup into this folder (or holds it alone); wait for it to finish and try again.';

function isBusy(error: unknown): boolean {
  return error instanceof Error && /^SQLITE_BUSY/.test(String((error as { code?: unknown }).code));
}

function connect(dataDir: string, nativeBinding: string | undefined): Database.Database {
  return new Database(join(dataDir, LOCK_FILE), { timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
}

/** A read transaction keeps SQLite's shared lock on the file until it ends. */
function takeShared(db: Database.Database, waitMs: number): boolean {
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(waitMs))}`);
  db.exec('BEGIN');
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return true;
  } catch (error) {
    db.exec('ROLLBACK');
    if (isBusy(error)) return false;
    throw error;
  }
}

function takeExclusive(db: Database.Database): boolean {
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN EXCLUSIVE');
    return true;
  } catch (error) {
    if (isBusy(error)) return false;
    throw error;
  }
}

function hold(db: Database.Database, startAlone: boolean, waitMs: number): FolderHold {
  let alone = startAlone;
  const end = () => {
    // Nothing is ever written to the lock file: ending the transaction releases the lock.
    if (db.inTransaction) db.exec('ROLLBACK');
  };
  const share = () => {
    end();
    alone = false;
    if (!takeShared(db, waitMs)) throw new FolderBusyError(BUSY_WHILE_RESTORING);
  };
  return {
    get alone() {
      return alone;
    },
    whileAlone<T>(work: () => T): T | null {
      if (alone) return work();
      if (!this.takeAlone()) return null;
      try {
        return work();
      } finally {
        share();
      }
    },
    takeAlone(): boolean {
      if (alone) return true;
      end();
      if (takeExclusive(db)) {
        alone = true;
        return true;
      }
      share();
      return false;
    },
    share,
    release() {
      if (!db.open) return;
      end();
      db.close();
    },
  };
}

/** Holds the folder shared (waiting up to `waitMs`, 10 s by default, for another process's restore to end). */
export function holdFolder(dataDir: string, options: HoldOptions = {}): FolderHold {
  const waitMs = options.waitMs ?? 10_000;
  const db = connect(dataDir, options.nativeBinding);
  try {
    if (!takeShared(db, waitMs)) throw new FolderBusyError(BUSY_WHILE_RESTORING);
  } catch (error) {
    db.close();
    throw error;
  }
  return hold(db, false, waitMs);
}

/** Holds the folder alone, or answers null at once when another process has it open. */
export function holdFolderAlone(dataDir: string, options: HoldOptions = {}): FolderHold | null {
  const db = connect(dataDir, options.nativeBinding);
  let taken = false;
  try {
    taken = takeExclusive(db);
  } finally {
    if (!taken) db.close();
  }
  return taken ? hold(db, true, options.waitMs ?? 10_000) : null;
}

/**
 * Runs `work` if no process has the folder open (for code that opened no hold of its own); a folder
 * without a lock file has never been opened by a process that takes one. Answers whether it ran.
 */
export function ifNobodyElse(dataDir: string, work: () => void, nativeBinding?: string): boolean {
  if (!existsSync(join(dataDir, LOCK_FILE))) {
    work();
    return true;
  }
  const alone = holdFolderAlone(dataDir, { nativeBinding });
  if (!alone) return false;
  try {
    work();
    return true;
  } finally {
    alone.release();
  }
}

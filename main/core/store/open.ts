import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { latestVersion, migrations } from './migrations';
import type { Migration } from './migrations/types';

export type Db = Database.Database;

/** Opening the store failed in a way the user must act on; the file was not changed. */
export class StoreOpenError extends Error {
  constructor(
    readonly code: 'future-version' | 'not-a-database',
    message: string,
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

/** Reads the 16-byte header without opening the file as a database, so nothing is written. */
function assertSqliteFileOrMissing(file: string): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return; // a new store
  }
  if (size === 0) return; // an empty file is what SQLite itself creates for a new database
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) {
    throw new StoreOpenError(
      'not-a-database',
      `${file} is not a Recert database (not a SQLite file). It was left untouched: move it away or set RECERT_DATA_DIR to another folder.`,
    );
  }
}

export interface OpenStoreOptions {
  /** Path to a better-sqlite3 binary built for another ABI (Electron's), see scripts/electron-native.mjs. */
  nativeBinding?: string;
  /** Migrate only up to this version (tests of step-by-step upgrades). */
  upTo?: number;
}

/**
 * Opens (creating if needed) the database and brings its schema up to date.
 * ':memory:' works too, for tests.
 */
export function openStore(file: string, options: OpenStoreOptions = {}): Db {
  if (file !== ':memory:') assertSqliteFileOrMissing(file);
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // Read the version before any pragma that writes (journal_mode = WAL rewrites the header).
    const found = db.pragma('user_version', { simple: true }) as number;
    if (found > latestVersion) {
      throw new StoreOpenError(
        'future-version',
        `${file} was written by a newer version of Recert (schema ${found}; this version knows up to ${latestVersion}). It was left untouched: update Recert to open it.`,
      );
    }
    db.pragma('journal_mode = WAL');
    // FULL: audit records must survive a power cut; WAL's default NORMAL can lose the last commits.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, options.upTo ?? latestVersion);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof Error && /file is not a database|file is encrypted/i.test(error.message)) {
      throw new StoreOpenError('not-a-database', `${file} is not a readable Recert database (${error.message}). It was left untouched.`);
    }
    throw error;
  }
}

/** Runs every pending migration up to `target` in one transaction: all of them or none. */
export function migrate(db: Db, target: number = latestVersion, list: readonly Migration[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = list.filter((m) => m.version > current && m.version <= target);
  let reached = current;
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      // user_version cannot be bound as a parameter; the value is an integer from our own list.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`);
      reached = migration.version;
    }
  })();
  return reached;
}

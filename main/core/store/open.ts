import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ifNobodyElse } from '../folder-lock';
import { latestVersion, migrations } from './migrations';
import type { Migration } from './migrations/types';

export type Db = Database.Database;

/** Opening the store failed in a way the user must act on; the file was not changed. */
export class StoreOpenError extends Error {
  constructor(
    readonly code: 'future-version' | 'not-a-database' | 'damaged',
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
    const stat = statSync(file);
    if (stat.isDirectory()) {
      throw new StoreOpenError(
        'not-a-database',
        `${file} is a folder, not a Recert database. It was left untouched: move it away, or restore a backup.`,
      );
    }
    size = stat.size;
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
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
  /**
   * Runs `work` only while no other process has the data folder open (see folder-lock.ts) and says
   * whether it ran; by default a lock of its own is tried. Whoever already holds the folder passes
   * its own hold, since a second lock in the same process would count as another process.
   */
  whileAlone?: (work: () => void) => boolean;
}

/**
 * Opens (creating if needed) the database and brings its schema up to date.
 * ':memory:' works too, for tests.
 */
/** The message for a database SQLite cannot read as a whole: what happened and what to do. */
export function damagedMessage(file: string, detail: string): string {
  return `${file} is damaged (${detail}). It was left untouched: restore your latest backup (Settings lists them; recert restore FILE), or move it away to start afresh.`;
}

/**
 * Reads the schema version and the page count with a read-only connection first: a database of a
 * newer version (even with a pending WAL) or a truncated one is refused without a byte changing.
 */
function inspectReadOnly(file: string, options: OpenStoreOptions): void {
  if (statSync(file, { throwIfNoEntry: false })?.size ?? 0) {
    // A read-only connection to a WAL database still creates its -wal and -shm companions. They are
    // left in place when the database is accepted (the connection that opens it next uses them), and
    // removed from a refused folder only while no other process has the folder open: another
    // connection may have created them a moment ago and be writing into them, and deleting a -wal
    // someone writes into loses every commit made after (two imports started together did).
    const companions = [`${file}-wal`, `${file}-shm`].filter((path) => !existsSync(path));
    const nativeBinding = options.nativeBinding;
    const probe = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    try {
      const found = probe.pragma('user_version', { simple: true }) as number;
      if (found > latestVersion) {
        throw new StoreOpenError(
          'future-version',
          `${file} was written by a newer version of Recert (schema ${found}; this version knows up to ${latestVersion}). It was left untouched: update Recert to open it.`,
        );
      }
      const pages = probe.pragma('page_count', { simple: true }) as number;
      const pageSize = probe.pragma('page_size', { simple: true }) as number;
      const size = statSync(file).size;
      const wal = statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
      if (wal === 0 && pages * pageSize > size)
        throw new StoreOpenError('damaged', damagedMessage(file, 'the file is shorter than its own header says: it was cut off'));
    } catch (error) {
      probe.close();
      const removeCompanions = () => {
        for (const path of companions)
          if ((statSync(path, { throwIfNoEntry: false })?.size ?? 1) === 0 || path.endsWith('-shm')) rmSync(path, { force: true });
      };
      (options.whileAlone ?? ((work) => ifNobodyElse(dirname(file), work, nativeBinding)))(removeCompanions);
      if (error instanceof StoreOpenError) throw error;
      const detail = error instanceof Error ? error.message : String(error);
      if (/file is not a database|file is encrypted/i.test(detail))
        throw new StoreOpenError('not-a-database', `${file} is not a readable Recert database (${detail}). It was left untouched.`);
      throw new StoreOpenError('damaged', damagedMessage(file, detail));
    }
    probe.close();
  }
}

export function openStore(file: string, options: OpenStoreOptions = {}): Db {
  if (file !== ':memory:') {
    assertSqliteFileOrMissing(file);
    inspectReadOnly(file, options);
  }
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    // FULL: audit records must survive a power cut; WAL's default NORMAL can lose the last commits.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Reads map the file rather than copying each page through a read call: the first dashboard after
    // start scans all of a busy trainer's courses in the cycle. Writes still go through write() and
    // the WAL (SQLite writes through the map only when built to), so what reaches the disk, and when,
    // is unchanged. 256 MiB is an address-space window, not memory.
    db.pragma('mmap_size = 268435456');
    migrate(db, options.upTo ?? latestVersion);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof Error && /file is not a database|file is encrypted/i.test(error.message)) {
      throw new StoreOpenError('not-a-database', `${file} is not a readable Recert database (${error.message}). It was left untouched.`);
    }
    if (
      error instanceof Error &&
      /malformed|SQLITE_CORRUPT|disk image/i.test(`${error.message} ${(error as { code?: string }).code ?? ''}`)
    ) {
      throw new StoreOpenError('damaged', damagedMessage(file, error.message));
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

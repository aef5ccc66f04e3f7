// Databases that cannot be used are refused with a message that says what to do, and left as they were.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, truncateSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore, StoreOpenError } from '../../../main/core/store';
import { tempDir } from '../../helpers/context';

function files(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).map((name) => [
      name,
      createHash('sha256')
        .update(readFileSync(join(dir, name)))
        .digest('hex'),
    ]),
  );
}

/** A real store with a few hundred rows, closed. */
function store(dir: string): string {
  const file = join(dir, 'recert.sqlite3');
  const db = openStore(file);
  const insert = db.prepare("INSERT INTO people (id, name) VALUES (?, 'Trainer ' || ?)");
  db.transaction(() => {
    for (let i = 0; i < 400; i++) insert.run(`p${i}`, i);
  })();
  db.close();
  return file;
}

describe('damaged and foreign databases', () => {
  it('leaves a newer version with a pending WAL byte-identical', () => {
    const dir = tempDir('recert-future-');
    const file = join(dir, 'recert.sqlite3');
    const writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    writer.pragma('user_version = 999');
    // Copy the files while the WAL still holds the commits (as a crash of the newer app would leave them).
    const snapshot = Object.fromEntries(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n))]));
    writer.close();
    const copy = join(tempDir('recert-future-copy-'));
    for (const [name, bytes] of Object.entries(snapshot)) writeFileSync(join(copy, name), bytes);
    // The database and its WAL (the data) stay byte-identical; SQLite rebuilds its shared-memory index (-shm) on any open.
    const data = () => Object.fromEntries(Object.entries(files(copy)).filter(([name]) => !name.endsWith('-shm')));
    const before = data();
    expect(Object.keys(before)).toContain('recert.sqlite3-wal');
    expect(() => openStore(join(copy, 'recert.sqlite3'))).toThrow(/written by a newer version of Recert .* update Recert/);
    expect(data()).toEqual(before);
  });

  it('refuses a truncated database, saying to restore a backup', () => {
    const dir = tempDir('recert-truncated-');
    const file = store(dir);
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    const before = files(dir);
    expect(() => openStore(file)).toThrow(StoreOpenError);
    expect(() => openStore(file)).toThrow(/is damaged \(.*\)\. It was left untouched: restore your latest backup/);
    expect(files(dir)).toEqual(before);
  });

  it('refuses a folder named like the database', () => {
    const dir = tempDir('recert-folder-');
    mkdirSync(join(dir, 'recert.sqlite3'));
    expect(() => openStore(join(dir, 'recert.sqlite3'))).toThrow(
      /is a folder, not a Recert database\. It was left untouched: move it away/,
    );
  });

  it('answers a read of overwritten pages with what to do, not a stack trace', async () => {
    const { openAppContext } = await import('../../../main/app-context');
    const { resourcesDir } = await import('../../helpers/context');
    const dir = tempDir('recert-overwritten-');
    const file = store(dir);
    // Overwrite the pages after the schema with garbage, keeping the file's length.
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 4, 0xa5), 0, 4096 * 4, 4096 * 3);
    closeSync(fd);
    let message = '';
    try {
      const context = openAppContext({ dataDir: dir, resourcesDir, logError: () => undefined });
      const result = await context.dispatch('listPeople', {});
      message = result.ok ? 'read fine' : result.error.message;
      context.close();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/damaged.*restore your latest backup/);
  });
});

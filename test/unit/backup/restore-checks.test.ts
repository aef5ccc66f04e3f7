// A backup whose manifest is consistent (every entry listed with its true size and SHA-256) but whose
// database is wrong: the built `recert restore` opens the database read-only before the swap and
// refuses it (exit 2), with the target left as it was. Each variant is made from a real backup's
// database, changed, then zipped with a manifest that vouches for it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ZipFile } from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppContext } from '../../../main/app-context';
import { projectRoot, resourcesDir, tempDir } from '../../helpers/context';
import { seed } from '../../helpers/seed';

let dir: string;
let source: string;
let schemaVersion: number;
/** The source's certificate files, as a backup holds them. */
let certificates: [string, Buffer][];

function recert(...args: string[]) {
  return spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { encoding: 'utf8' });
}

beforeAll(() => {
  dir = tempDir('recert-restore-checks-');
  source = join(dir, 'source');
  const context = openAppContext({ dataDir: source, resourcesDir });
  seed(context);
  context.close();
  const db = new Database(join(source, 'recert.sqlite3'), { readonly: true });
  schemaVersion = Number(db.pragma('user_version', { simple: true }));
  db.close();
  const root = join(source, 'attachments');
  certificates = readdirSync(root).flatMap((d) =>
    readdirSync(join(root, d)).map((name): [string, Buffer] => [`attachments/${d}/${name}`, readFileSync(join(root, d, name))]),
  );
  expect(certificates).toHaveLength(1);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let made = 0;
/** A copy of the source's database, changed by `change` (given a writable connection). */
function changedDatabase(change: (db: Database.Database) => void): Buffer {
  const copy = join(dir, `db-${made++}.sqlite3`);
  const from = new Database(join(source, 'recert.sqlite3'), { readonly: true });
  from.exec(`VACUUM INTO '${copy}'`);
  from.close();
  const db = new Database(copy);
  change(db);
  db.close();
  return readFileSync(copy);
}

/** A backup of `database` and `files` whose manifest lists each with its true size and SHA-256. */
async function backupOf(database: Buffer, files: [string, Buffer][], version = schemaVersion): Promise<string> {
  const entries: [string, Buffer][] = [['recert.sqlite3', database], ...files];
  const manifest = {
    format: 'recert-backup/1',
    createdAt: new Date().toISOString(),
    schemaVersion: version,
    files: entries.map(([path, bytes]) => ({ path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') })),
  };
  const zip = new ZipFile();
  for (const [name, bytes] of entries) zip.addBuffer(bytes, name, { compress: false });
  zip.addBuffer(Buffer.from(JSON.stringify(manifest)), 'manifest.json', { compress: false });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const file = join(dir, `backup-${made++}.zip`);
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

function foreignDatabase(): Buffer {
  const file = join(dir, `foreign-${made++}.sqlite3`);
  const db = new Database(file);
  db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello')");
  db.close();
  return readFileSync(file);
}

describe('restore checks the database a consistent manifest vouches for', () => {
  it('restores the unchanged database (the way every variant below is made)', async () => {
    const target = join(dir, 'good');
    const result = recert(
      'restore',
      await backupOf(
        changedDatabase(() => undefined),
        certificates,
      ),
      '--db',
      target,
    );
    expect(result.status, result.stderr).toBe(0);
  });

  const variants: [string, () => Promise<string>, RegExp][] = [
    [
      'user_version 999 (the manifest says 999 too)',
      async () =>
        backupOf(
          changedDatabase((db) => db.pragma('user_version = 999')),
          certificates,
          999,
        ),
      /made by a newer version of Recert; update Recert first/,
    ],
    [
      'user_version 999 under a manifest of this version',
      async () =>
        backupOf(
          changedDatabase((db) => db.pragma('user_version = 999')),
          certificates,
        ),
      /made by a newer version of Recert \(schema 999/,
    ],
    ['a foreign SQLite file', async () => backupOf(foreignDatabase(), []), /its database is not a Recert database/],
    [
      'no people table',
      async () =>
        backupOf(
          changedDatabase((db) => {
            db.pragma('foreign_keys = OFF');
            db.exec('DROP TABLE people');
          }),
          certificates,
        ),
      /its database has no table "people"; it is not a whole Recert database/,
    ],
    [
      'an added trigger that makes every course insert fail',
      async () =>
        backupOf(
          changedDatabase((db) => db.exec("CREATE TRIGGER no_courses BEFORE INSERT ON activities BEGIN SELECT RAISE(ABORT, 'no'); END")),
          certificates,
        ),
      /its database has a trigger "no_courses" that Recert does not make/,
    ],
    [
      'an added view',
      async () =>
        backupOf(
          changedDatabase((db) => db.exec('CREATE VIEW everyone AS SELECT * FROM people')),
          certificates,
        ),
      /its database has a view "everyone" that Recert does not make/,
    ],
    [
      'a course of a person it does not hold',
      async () =>
        backupOf(
          changedDatabase((db) => {
            db.pragma('foreign_keys = OFF');
            db.exec('DELETE FROM people');
          }),
          certificates,
        ),
      /records? that refers? to records it does not hold/,
    ],
    [
      'a certificate missing, and left out of the manifest',
      async () =>
        backupOf(
          changedDatabase(() => undefined),
          [],
        ),
      /it does not hold the certificate file "ces\.pdf" that its database refers to/,
    ],
  ];
  for (const [name, make, message] of variants) {
    it(`refuses ${name}, changing nothing`, async () => {
      const target = join(dir, `target-${made++}`);
      // A folder that already holds data: it must be exactly as it was after the refusal.
      const before = recert(
        'restore',
        await backupOf(
          changedDatabase(() => undefined),
          certificates,
        ),
        '--db',
        target,
      );
      expect(before.status, before.stderr).toBe(0);
      const bytes = readFileSync(join(target, 'recert.sqlite3'));
      const result = recert('restore', await make(), '--db', target, '--replace');
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain('Nothing was changed');
      expect(result.stderr).not.toMatch(/at .*\.js/);
      expect(readFileSync(join(target, 'recert.sqlite3')).equals(bytes)).toBe(true);
      expect(existsSync(join(target, 'backups')) ? readdirSync(join(target, 'backups')) : []).toEqual([]);
      const check = recert('check', '--db', target);
      expect(check.status, check.stdout + check.stderr).toBe(0);
    });
  }
});

// A backup: one ZIP file (written by yazl) holding a consistent copy of the database, made with
// SQLite's online backup (safe while the app runs), every certificate file, and a manifest of
// SHA-256s written last. Stored, not compressed: certificates are PDFs and photos that do not shrink,
// and a backup should cost little more than copying the folder. Written to a temporary name, flushed,
// then renamed: a crash leaves either the old file or the complete new one.
import { createHash, randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  closeSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { Db } from '../store';

export const BACKUP_FORMAT = 'recert-backup/1';
export const DATABASE_ENTRY = 'recert.sqlite3';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  /** The database's schema version (PRAGMA user_version). */
  schemaVersion: number;
  files: { path: string; size: number; sha256: string }[];
}

/** Every certificate file of the content store, as `attachments/<aa>/<sha256>`. */
function certificateFiles(attachmentsDir: string): { path: string; entry: string }[] {
  if (!existsSync(attachmentsDir)) return [];
  return readdirSync(attachmentsDir)
    .filter((folder) => /^[0-9a-f]{2}$/.test(folder))
    .flatMap((folder) =>
      readdirSync(join(attachmentsDir, folder))
        .filter((name) => /^[0-9a-f]{64}$/.test(name) && name.startsWith(folder))
        .map((name) => ({ path: join(attachmentsDir, folder, name), entry: `attachments/${folder}/${name}` })),
    );
}

/** Temporary files of an earlier attempt at the same backup that was killed: removed before writing again. */
function sweepEarlierAttempts(out: string): void {
  const prefix = `.${basename(out)}.`;
  for (const name of readdirSync(dirname(out)))
    if (name.startsWith(prefix)) rmSync(join(dirname(out), name), { recursive: true, force: true });
}

export async function writeBackup(input: { db: Db; attachmentsDir: string; out: string; now?: Date }): Promise<BackupManifest> {
  const folder = dirname(input.out);
  sweepEarlierAttempts(input.out);
  const work = mkdtempSync(join(folder, `.${basename(input.out)}.`));
  const temporary = join(folder, `.${basename(input.out)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const databaseCopy = join(work, DATABASE_ENTRY);
    await input.db.backup(databaseCopy);
    const entries = [{ path: databaseCopy, entry: DATABASE_ENTRY }, ...certificateFiles(input.attachmentsDir)];
    const zip = new ZipFile();
    const written = pipeline(zip.outputStream, createWriteStream(temporary, { flags: 'wx' }));
    // One read per file: each is hashed for the manifest as it streams into the archive.
    const hashed = entries.map(
      ({ path, entry }) =>
        new Promise<BackupManifest['files'][number]>((resolveFile, rejectFile) => {
          const size = statSync(path).size;
          zip.addReadStreamLazy(entry, { compress: false, size }, (give) => {
            const hash = createHash('sha256');
            const tap = new Transform({
              transform(chunk: Buffer, _encoding, done) {
                hash.update(chunk);
                done(null, chunk);
              },
              flush(done) {
                resolveFile({ path: entry, size, sha256: hash.digest('hex') });
                done();
              },
            });
            const source = createReadStream(path);
            source.once('error', rejectFile);
            give(null, source.pipe(tap));
          });
        }),
    );
    // The manifest goes last, once every entry's hash is known.
    // A failure writing the archive ends the wait at once (marked handled: it is awaited again below).
    const failedEarly = written.then(() => new Promise<never>(() => undefined));
    failedEarly.catch(() => undefined);
    const files = await Promise.race([Promise.all(hashed), failedEarly]);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: (input.now ?? new Date()).toISOString(),
      schemaVersion: Number(input.db.pragma('user_version', { simple: true })),
      files,
    };
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'manifest.json', { compress: true });
    zip.end();
    await written;
    const fd = openSync(temporary, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, input.out);
    return manifest;
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

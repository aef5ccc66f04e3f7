// A backup: one ZIP file holding a consistent copy of the database, made with SQLite's online
// backup (safe while the app runs), every certificate file, and a manifest of SHA-256s written last.
// Stored, not compressed: certificates are PDFs and photos that do not shrink, and a backup should
// cost little more than copying the folder. Every byte is read once, hashed and copied (see
// copy-hashed.ts); the ZIP records are written around the copied data (zip-stored.ts). Written to a
// temporary name, flushed, then renamed: a crash leaves either the old file or the complete new one.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fdatasync,
  fdatasyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { writeAll } from '../atomic-write';
import { diskFullOr } from '../disk-full';
import type { Db } from '../store';
import { prepareCopy, type CopyResult } from './copy-hashed';
import { centralDirectoryAndEnd, localHeader, localHeaderLength, type StoredEntry } from './zip-stored';

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
export function sweepEarlierAttempts(out: string): void {
  const prefix = `.${basename(out)}.`;
  for (const name of readdirSync(dirname(out)))
    if (name.startsWith(prefix)) rmSync(join(dirname(out), name), { recursive: true, force: true });
}

/**
 * While the copy runs, asks the kernel every few milliseconds to start writing what is copied to
 * disk, so the flush before the rename finds little left to do, instead of all of it at the end.
 */
function flushWhileCopying(fd: number): { stop: () => Promise<void> } {
  let flushing: Promise<void> | null = null;
  const timer = setInterval(() => {
    flushing ??= new Promise<void>((resolve) => fdatasync(fd, () => resolve())).finally(() => (flushing = null));
  }, 10);
  return {
    stop: async () => {
      clearInterval(timer);
      await flushing;
    },
  };
}

export async function writeBackup(input: {
  db: Db;
  attachmentsDir: string;
  out: string;
  now?: Date;
  /**
   * Where the copy of the database is made: the data folder's temporary area (temporary-area.ts),
   * swept at start. Without it, a `.tmp` folder beside the backup, which the next attempt removes.
   */
  temporaryDir?: string;
}): Promise<BackupManifest> {
  const folder = dirname(input.out);
  const now = input.now ?? new Date();
  sweepEarlierAttempts(input.out);
  const work = input.temporaryDir
    ? mkdtempSync(join(input.temporaryDir, 'backup-'))
    : join(folder, `.${basename(input.out)}.${randomBytes(6).toString('hex')}.work.tmp`);
  mkdirSync(work, { recursive: true });
  const temporary = join(folder, `.${basename(input.out)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  const copier = prepareCopy();
  try {
    const databaseCopy = join(work, DATABASE_ENTRY);
    await input.db.backup(databaseCopy);
    const files = [{ path: databaseCopy, entry: DATABASE_ENTRY }, ...certificateFiles(input.attachmentsDir)];
    // Every entry's place is known from the sizes before a byte is copied, so the copy can run on two
    // threads writing into the same file; the headers, which need the CRC-32, are written afterwards.
    let offset = 0;
    const entries = files.map(({ path, entry }) => {
      const size = statSync(path).size;
      const placed = { path, name: entry, size, offset, dataOffset: offset + localHeaderLength({ name: entry, size }) };
      offset = placed.dataOffset + size;
      return placed;
    });
    fd = openSync(temporary, 'wx');
    const flusher = flushWhileCopying(fd);
    let copied: CopyResult[];
    try {
      copied = await copier.copy(
        entries.map((e) => ({ from: e.path, fromOffset: 0, size: e.size, to: temporary, toOffset: e.dataOffset, create: false })),
        { crc32: true },
      );
    } finally {
      await flusher.stop();
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: now.toISOString(),
      schemaVersion: Number(input.db.pragma('user_version', { simple: true })),
      files: entries.map((e, i) => ({ path: e.name, size: e.size, sha256: copied[i]?.sha256 ?? '' })),
    };
    const stored: StoredEntry[] = entries.map((e, i) => ({ name: e.name, size: e.size, offset: e.offset, crc32: copied[i]?.crc32 ?? 0 }));
    for (const entry of stored) writeAll(fd, localHeader(entry, now), entry.offset);
    // The manifest goes last, once every entry's hash is known.
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
    const manifestEntry: StoredEntry = { name: 'manifest.json', size: manifestBytes.length, offset, crc32: crc32(manifestBytes) };
    const manifestHeader = localHeader(manifestEntry, now);
    writeAll(fd, Buffer.concat([manifestHeader, manifestBytes]), offset);
    offset += manifestHeader.length + manifestBytes.length;
    writeAll(fd, centralDirectoryAndEnd([...stored, manifestEntry], offset, now), offset);
    fdatasyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temporary, input.out);
    return manifest;
  } catch (error) {
    if (fd !== null) closeSync(fd);
    rmSync(temporary, { force: true });
    throw diskFullOr(error, folder);
  } finally {
    await copier.close();
    rmSync(work, { recursive: true, force: true });
  }
}

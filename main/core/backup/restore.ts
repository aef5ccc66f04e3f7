// Restoring a backup: the whole file is read and checked before anything in the data folder is
// touched. Every entry must be one the backup format has, no larger than the manifest says, with
// the manifest's SHA-256; the database must pass SQLite's integrity check and be of a version this
// app can open. Only then is the data swapped in, by renames, the replaced data first kept as a
// backup of its own.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import yauzl from 'yauzl';
import { ATTACHMENTS_FOLDER, DATABASE_FILE } from '../data-dir';
import { latestVersion } from '../store/migrations';
import { BACKUP_FORMAT, DATABASE_ENTRY, type BackupManifest } from './write';

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const ENTRY = /^(recert\.sqlite3|manifest\.json|attachments\/[0-9a-f]{2}\/[0-9a-f]{64})$/;
/** No single certificate is anywhere near this; a larger entry means a damaged or hostile file. */
const MAX_ENTRY_BYTES = 4 * 1024 ** 3;

function refuse(file: string, why: string): BackupError {
  return new BackupError(
    `${file} cannot be restored: ${why}. Nothing was changed; choose another backup (the app keeps them in the data folder's backups/).`,
  );
}

/** Streams every entry into `staging`, hashing as it goes; returns the manifest and the hashes seen. */
async function extract(
  file: string,
  staging: string,
): Promise<{ manifest: BackupManifest; seen: Map<string, { size: number; sha256: string }> }> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true });
  } catch (error) {
    throw refuse(file, `it is not a complete Recert backup (${error instanceof Error ? error.message : String(error)})`);
  }
  const seen = new Map<string, { size: number; sha256: string }>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: Error) => reject(refuse(file, `it is damaged (${error.message})`)));
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (!ENTRY.test(name)) return reject(refuse(file, `it holds "${name.slice(0, 100)}", which no Recert backup has`));
        if (seen.has(name)) return reject(refuse(file, `"${name}" appears twice`));
        if (entry.uncompressedSize > MAX_ENTRY_BYTES) return reject(refuse(file, `"${name}" is implausibly large`));
        const target = join(staging, name);
        mkdirSync(dirname(target), { recursive: true });
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) return reject(refuse(file, `"${name}" cannot be read (${error?.message ?? 'no data'})`));
          const hash = createHash('sha256');
          let size = 0;
          const tap = new Transform({
            transform(chunk: Buffer, _encoding, done) {
              size += chunk.length;
              hash.update(chunk);
              done(null, chunk);
            },
          });
          pipeline(stream, tap, createWriteStream(target, { flags: 'wx' })).then(
            () => {
              seen.set(name, { size, sha256: hash.digest('hex') });
              zip.readEntry();
            },
            (cause: unknown) => reject(refuse(file, `"${name}" is damaged (${cause instanceof Error ? cause.message : String(cause)})`)),
          );
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  if (!seen.has('manifest.json')) throw refuse(file, 'it has no manifest');
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(join(staging, 'manifest.json'), 'utf8')) as BackupManifest;
  } catch {
    throw refuse(file, 'its manifest is not readable');
  }
  if (manifest.format !== BACKUP_FORMAT || !Array.isArray(manifest.files)) throw refuse(file, 'it is not a Recert backup');
  return { manifest, seen };
}

function verify(file: string, staging: string, manifest: BackupManifest, seen: Map<string, { size: number; sha256: string }>): void {
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const expected of manifest.files) {
    const actual = seen.get(expected.path);
    if (!actual) throw refuse(file, `"${expected.path}" is missing`);
    if (actual.size !== expected.size || actual.sha256 !== expected.sha256)
      throw refuse(file, `"${expected.path}" does not match its SHA-256`);
  }
  for (const name of seen.keys()) if (name !== 'manifest.json' && !listed.has(name)) throw refuse(file, `"${name}" is not in its manifest`);
  if (!listed.has(DATABASE_ENTRY)) throw refuse(file, 'it holds no database');
  if (manifest.schemaVersion > latestVersion) throw refuse(file, 'it was made by a newer version of Recert; update Recert first');
  const db = new Database(join(staging, DATABASE_ENTRY), { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw refuse(file, `its database is damaged (${String(result)})`);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw refuse(file, `its database cannot be read (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    db.close();
  }
}

/** Whether the data folder already holds Recert data (a database or certificate files). */
export function holdsData(dataDir: string): boolean {
  const attachments = join(dataDir, ATTACHMENTS_FOLDER);
  return existsSync(join(dataDir, DATABASE_FILE)) || (existsSync(attachments) && readdirSync(attachments).length > 0);
}

/**
 * Checks the backup completely, then puts it in place. `keepReplaced` makes a backup of the data
 * being replaced (into the folder's backups/) before anything is moved.
 */
export async function restoreBackup(input: {
  file: string;
  dataDir: string;
  replace: boolean;
  keepReplaced: () => Promise<string | null>;
  /** Called once the backup is verified and the old data kept, just before the swap: the app closes its database here. */
  beforeSwap?: () => void;
}): Promise<{ manifest: BackupManifest; keptAs: string | null }> {
  const { file, dataDir } = input;
  if (!existsSync(file)) throw new BackupError(`${file} does not exist: give the path of a backup file.`);
  if (holdsData(dataDir) && !input.replace) {
    throw new BackupError(
      `${dataDir} already holds Recert data. Nothing was changed; to replace it with the backup, restore with --replace (the data now there is kept as a backup first).`,
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const staging = join(dataDir, `.restore-${randomBytes(6).toString('hex')}.tmp`);
  mkdirSync(staging);
  try {
    const { manifest, seen } = await extract(file, staging);
    verify(file, staging, manifest, seen);
    const keptAs = holdsData(dataDir) ? await input.keepReplaced() : null;
    input.beforeSwap?.();
    // Swap by renames: the old data goes aside first, so a failure can be undone and a crash leaves
    // either the old data or the new, with the other beside it in a folder the next start sweeps.
    const aside = join(dataDir, `.replaced-${randomBytes(6).toString('hex')}.tmp`);
    mkdirSync(aside);
    const moved: string[] = [];
    try {
      for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, ATTACHMENTS_FOLDER]) {
        if (existsSync(join(dataDir, name))) {
          renameSync(join(dataDir, name), join(aside, name));
          moved.push(name);
        }
      }
      renameSync(join(staging, DATABASE_ENTRY), join(dataDir, DATABASE_FILE));
      if (existsSync(join(staging, ATTACHMENTS_FOLDER))) renameSync(join(staging, ATTACHMENTS_FOLDER), join(dataDir, ATTACHMENTS_FOLDER));
    } catch (error) {
      rmSync(join(dataDir, DATABASE_FILE), { force: true });
      rmSync(join(dataDir, ATTACHMENTS_FOLDER), { recursive: true, force: true });
      for (const name of moved) renameSync(join(aside, name), join(dataDir, name));
      throw error;
    } finally {
      rmSync(aside, { recursive: true, force: true });
    }
    return { manifest, keptAs };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

// Restoring a backup: the whole file is read and checked before anything in the data folder is
// touched. Every entry must be one the backup format has, no larger than the manifest says, with
// the manifest's SHA-256; the database must pass SQLite's checks, be Recert's schema of a version
// this app can open, and hold every certificate it refers to (check-restored.ts). Only then, with
// the folder held alone (folder-lock.ts), the replaced data first kept as a backup of its own, is
// the data swapped in, as a journal (restore-journal.ts).
import { basename, join, relative, sep } from 'node:path';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { diskFullOr } from '../disk-full';
import yauzl from 'yauzl';
import { ATTACHMENTS_FOLDER, DATABASE_FILE } from '../data-dir';
import { latestVersion } from '../store/migrations';
import { temporaryFolder } from '../temporary-area';
import { problemOfRestoredDatabase } from './check-restored';
import { DamagedSourceError, prepareCopy, type Copier, type CopyJob } from './copy-hashed';
import { interruptedRestore, recoverRestore, swapIn } from './restore-journal';
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
const MAX_MANIFEST_BYTES = 64 * 1024 ** 2;

/**
 * The backup was read whole, but what it holds is not sound data (a damaged or foreign database, a
 * certificate its records refer to and it lacks): a problem of the backup, not an unreadable file.
 */
export class BackupContentError extends BackupError {
  constructor(
    message: string,
    /** What is wrong, on its own ("its database is damaged (…)"). */
    readonly problem: string,
  ) {
    // Keeps the name BackupError: every caller that refuses by name (the CLI's exit 2) still does.
    super(message);
  }
}

function refuse(file: string, why: string): BackupError {
  return new BackupError(
    `${file} cannot be restored: ${why}. Nothing was changed; choose another backup (the app keeps them in the data folder's backups/).`,
  );
}

/** Every entry but the manifest is stored; the manifest is small and may be compressed (older backups). */
async function readManifest(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The next entry of the directory, or null at its end. */
function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry) => (settle(), resolve(entry));
    const onEnd = () => (settle(), resolve(null));
    const onError = (error: Error) => (settle(), reject(error));
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

/**
 * Reads the archive with synchronous reads: yauzl reads each directory entry with two reads, and
 * through the thread pool those small reads took about as long as copying the certificates after them.
 */
class FileReader extends yauzl.RandomAccessReader {
  constructor(private readonly fd: number) {
    super();
  }
  /** Only the manifest is read as a stream (it may be compressed); its size is checked first. */
  override _readStreamForRange(start: number, end: number): Readable {
    const bytes = Buffer.alloc(end - start);
    const read = readSync(this.fd, bytes, 0, bytes.length, start);
    return Readable.from([bytes.subarray(0, read)]);
  }
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    try {
      for (let done = 0; done < length;) {
        const read = readSync(this.fd, buffer, offset + done, length - done, position + done);
        if (read === 0) throw new Error('unexpected end of file');
        done += read;
      }
    } catch (error) {
      return process.nextTick(callback, error instanceof Error ? error : new Error(String(error)));
    }
    process.nextTick(callback, null);
  }
}

/**
 * Reads the archive's directory, then copies every entry into `staging`, hashing as it goes (two
 * threads, see copy-hashed.ts); returns the manifest and the size and SHA-256 of every entry.
 */
async function extract(
  file: string,
  staging: string,
  copier: Copier,
  /** The data folder, named when its disk fills (staging is inside its temporary area). */
  dataDir: string,
): Promise<{ manifest: BackupManifest; seen: Map<string, { size: number; sha256: string }> }> {
  let zip: yauzl.ZipFile;
  const fd = openSync(file, 'r');
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(new FileReader(fd), fstatSync(fd).size, {
      lazyEntries: true,
      validateEntrySizes: true,
      strictFileNames: true,
    });
  } catch (error) {
    closeSync(fd);
    throw refuse(file, `it is not a complete Recert backup (${error instanceof Error ? error.message : String(error)})`);
  }
  const jobs: CopyJob[] = [];
  const names = new Set<string>();
  let manifestBytes: Buffer | null = null;
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      const name = entry.fileName;
      if (!ENTRY.test(name)) throw refuse(file, `it holds "${name.slice(0, 100)}", which no Recert backup has`);
      if (names.has(name)) throw refuse(file, `"${name}" appears twice`);
      names.add(name);
      if (entry.uncompressedSize > MAX_ENTRY_BYTES) throw refuse(file, `"${name}" is implausibly large`);
      if (name === 'manifest.json') {
        if (Math.max(entry.uncompressedSize, entry.compressedSize) > MAX_MANIFEST_BYTES)
          throw refuse(file, 'its manifest is implausibly large');
        manifestBytes = await readManifest(zip, entry);
        continue;
      }
      if (entry.compressionMethod !== 0 || entry.compressedSize !== entry.uncompressedSize)
        throw refuse(file, `"${name}" is compressed, which no Recert backup does`);
      const target = join(staging, name);
      jobs.push({
        from: file,
        fromOffset: entry.relativeOffsetOfLocalHeader,
        afterZipHeader: true,
        size: entry.uncompressedSize,
        to: target,
        toOffset: 0,
        create: true,
      });
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw refuse(file, `it is damaged (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    closeSync(fd);
  }
  if (!manifestBytes) throw refuse(file, 'it has no manifest');
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as BackupManifest;
  } catch {
    throw refuse(file, 'its manifest is not readable');
  }
  if (manifest.format !== BACKUP_FORMAT || !Array.isArray(manifest.files)) throw refuse(file, 'it is not a Recert backup');
  let copied;
  try {
    copied = await copier.copy(jobs, { crc32: false });
  } catch (error) {
    if (error instanceof DamagedSourceError) throw refuse(file, `it is damaged or truncated (${error.message})`);
    throw diskFullOr(error, dataDir);
  }
  const seen = new Map<string, { size: number; sha256: string }>();
  jobs.forEach((job, i) =>
    seen.set(
      job.to
        .slice(staging.length + 1)
        .split(sep)
        .join('/'),
      { size: job.size, sha256: copied[i]?.sha256 ?? '' },
    ),
  );
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
  for (const name of seen.keys()) if (!listed.has(name)) throw refuse(file, `"${name}" is not in its manifest`);
  if (!listed.has(DATABASE_ENTRY)) throw refuse(file, 'it holds no database');
  if (manifest.schemaVersion > latestVersion) throw refuse(file, 'it was made by a newer version of Recert; update Recert first');
  const problem = problemOfRestoredDatabase(join(staging, DATABASE_ENTRY), manifest.schemaVersion, (sha256) =>
    seen.has(`attachments/${sha256.slice(0, 2)}/${sha256}`),
  );
  if (problem) throw new BackupContentError(refuse(file, problem).message, problem);
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
  /**
   * Called once the backup is verified, before the data is kept and swapped: takes the folder alone
   * (folder-lock.ts), or throws a BackupError saying who has it open. Absent when the caller already
   * holds it alone.
   */
  takeFolder?: () => void;
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
  const staging = temporaryFolder(dataDir, 'restore');
  const copier = prepareCopy();
  try {
    const { manifest, seen } = await extract(file, staging, copier, dataDir);
    await copier.close();
    verify(file, staging, manifest, seen);
    input.takeFolder?.();
    if (interruptedRestore(dataDir))
      throw new BackupError(
        'An earlier restore into this folder was interrupted: open Recert (or run recert check) once to finish it, then restore again.',
      );
    const keptAs = holdsData(dataDir) ? await input.keepReplaced() : null;
    input.beforeSwap?.();
    const inFolder = relative(dataDir, staging).split(sep).join('/');
    try {
      swapIn({ dataDir, staging: inFolder, aside: `${inFolder}-replaced`, backup: basename(file), keptAs });
    } catch (error) {
      // A rename refused (not a crash): undone at once. Should the undoing fail too, the journal stays
      // for the next start, with both folders it names.
      try {
        recoverRestore(dataDir);
      } catch {
        // Left to the next start.
      }
      throw error;
    }
    return { manifest, keptAs };
  } finally {
    await copier.close();
    if (!interruptedRestore(dataDir)) rmSync(staging, { recursive: true, force: true });
  }
}

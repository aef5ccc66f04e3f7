// The records bundle (`.recert`): one ZIP file with `records.json` and its `certs/` folder, what a
// trainer e-mails to a manager. Written with yazl (streamed from the content store, to a temporary
// name renamed when complete); read with yauzl into a private temporary folder. The whole directory
// is checked before anything is written (names that can be files, sizes within the app's limits and
// in total, no two entries sharing their data), each entry's CRC-32 as it is written; then the
// records file is parsed the way a records file on disk is — and every certificate must carry its
// SHA-256 and match it.
import {
  createWriteStream,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import type yauzl from 'yauzl';
import { bytes } from '../bytes';
import { DiskFullError, isDiskFull } from '../disk-full';
import { inputFileProblem } from '../input-file';
import { MAX_ATTACHMENT_BYTES } from '../domain/records';
import { escapeControlCharacters, hasControlCharacters } from '../text';
import type { ContentStore } from '../attachments/file-store';
import type { Repositories } from '../store';
import { attachmentRecord, buildRecordsDocument } from './export';
import type { ImportSummary } from './import';
import { readRecordsFile, RecordsFileError, type ParsedRecords } from './parse';
import { importRecordsFileStreamed } from './stream-import';

export const BUNDLE_EXTENSION = '.recert';
const RECORDS_ENTRY = 'records.json';
/**
 * A gym chain's records file (10,000 trainers × 100 courses) is about 170 MB; well past that means a
 * damaged or hostile file.
 */
const MAX_RECORDS_BYTES = 256 * 1024 * 1024;
const MAX_ENTRIES = 20_000;
const MAX_TOTAL_BYTES = 4 * 1024 ** 3;

/** True for a ZIP file (a bundle), whatever its name says; an empty ZIP starts with its end record. */
export function looksLikeBundle(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06));
}

export interface BundleSummary {
  people: number;
  certificateFiles: number;
}

/** Writes one person's records (or everyone's) and their certificates as one `.recert` file. */
export async function writeBundle(store: Repositories, files: ContentStore, out: string, personId?: string): Promise<BundleSummary> {
  const document = buildRecordsDocument(store);
  if (personId !== undefined) {
    document.people = document.people.filter((p) => p.id === personId);
    if (document.people.length === 0) throw new RecordsFileError([`--person: "${personId}" is not a person in this data folder`]);
  }
  const certificates = new Map<string, string>();
  const keep = new Set(document.people.flatMap((p) => [...p.activities, ...p.cprAed].map((r) => r.id)));
  for (const attachment of store.attachments.listAll()) {
    const owner = attachment.courseId ?? attachment.cprAedCardId;
    if (owner && keep.has(owner)) certificates.set(attachmentRecord(attachment).file, attachment.sha256);
  }
  // The zip libraries load only when a bundle is written or opened: reading a plain records file
  // (`recert evaluate`, `recert import`) does not pay for compiling them.
  const { ZipFile } = await import('yazl');
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(document, null, 2)}\n`), RECORDS_ENTRY, { compress: true });
  // Certificates are PDFs and photos that do not shrink: stored as they are.
  for (const [path, sha256] of certificates) zip.addFile(files.pathOf(sha256), path, { compress: false });
  zip.end();
  const temporary = join(dirname(out), `.${basename(out)}.${randomBytes(6).toString('hex')}.tmp`);
  mkdirSync(dirname(out), { recursive: true });
  try {
    await pipeline(zip.outputStream, createWriteStream(temporary, { flags: 'wx' }));
    const fd = openSync(temporary, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, out);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return { people: document.people.length, certificateFiles: certificates.size };
}

function refuse(file: string, why: string): RecordsFileError {
  return new RecordsFileError([`(bundle): ${basename(file)} cannot be used: ${why}. Nothing was changed; ask for the bundle again.`]);
}

/** Entry names a bundle may hold: records.json, and files under certs/ (yauzl already refuses absolute paths and ".."). */
function allowedEntry(name: string): boolean {
  if (name === RECORDS_ENTRY) return true;
  if (!name.startsWith('certs/') || name.includes('\\')) return false;
  return name.split('/').every((part) => part !== '' && part !== '.' && part !== '..') || name.endsWith('/');
}

/** An export writes certs/<12 hex>/<name of at most 200 bytes>; these leave room and stay far below what a file system takes. */
const MAX_NAME_BYTES = 400;
const MAX_NAME_LEVELS = 8;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Why an entry's name cannot be written as a file, or null; checked before anything is written. */
function nameProblem(entry: yauzl.Entry): string | null {
  const name = entry.fileName;
  const shown = `"${escapeControlCharacters(name.slice(0, 100))}${name.length > 100 ? '…' : ''}"`;
  if (hasControlCharacters(name)) return `the name ${shown} holds a control character`;
  if (Buffer.byteLength(name) > MAX_NAME_BYTES || name.split('/').length > MAX_NAME_LEVELS)
    return `the name ${shown} is longer or deeper than any certificate's`;
  if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) return `${shown} is a link, which no records bundle holds`;
  return null;
}

interface PlannedEntry {
  entry: yauzl.Entry;
  limit: number;
}

/** Reads the whole directory and checks every entry (names, sizes, overlaps, the total) before writing anything. */
async function planEntries(file: string, zip: yauzl.ZipFile, folder: string): Promise<PlannedEntry[]> {
  const planned: PlannedEntry[] = [];
  const seen = new Set<string>();
  const folders = new Set<string>();
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', (error: Error) => reject(refuse(file, `it is damaged (${error.message})`)));
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName;
      const problem = nameProblem(entry);
      if (problem) return reject(refuse(file, problem));
      if (!allowedEntry(name)) return reject(refuse(file, `it holds "${name.slice(0, 100)}", which no records bundle has`));
      if (name.endsWith('/')) return zip.readEntry();
      const key = name.normalize('NFC');
      if (seen.has(key)) return reject(refuse(file, `"${name.slice(0, 100)}" appears twice`));
      seen.add(key);
      // A file and a folder of one name ("certs/x", then "certs/x/y.pdf") cannot both be written.
      const parents = key
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/'));
      const clash = folders.has(key) ? key : parents.find((parent) => seen.has(parent));
      if (clash !== undefined) return reject(refuse(file, `"${clash.slice(0, 100)}" is both a file and a folder`));
      for (const parent of parents) folders.add(parent);
      if (planned.length + 1 > MAX_ENTRIES) return reject(refuse(file, `it holds more than ${MAX_ENTRIES} files`));
      const limit = name === RECORDS_ENTRY ? MAX_RECORDS_BYTES : MAX_ATTACHMENT_BYTES;
      if (entry.uncompressedSize > limit)
        return reject(refuse(file, `"${name.slice(0, 100)}" is larger than ${limit / 1024 / 1024} MB, more than a certificate may be`));
      total += entry.uncompressedSize;
      if (total > MAX_TOTAL_BYTES) return reject(refuse(file, `it expands to more than ${MAX_TOTAL_BYTES / 1024 ** 3} GB`));
      planned.push({ entry, limit });
      zip.readEntry();
    });
    zip.readEntry();
  });
  // Entries sharing their data (thousands of names for one 24 MB entry, a ZIP bomb) are refused:
  // each entry's data starts after the previous entry's local header and data end.
  const byOffset = planned.map((p) => p.entry).sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  for (let i = 1; i < byOffset.length; i++) {
    const before = byOffset[i - 1] as yauzl.Entry;
    const entry = byOffset[i] as yauzl.Entry;
    if (entry.relativeOffsetOfLocalHeader < before.relativeOffsetOfLocalHeader + 30 + before.compressedSize)
      return Promise.reject(refuse(file, `"${entry.fileName.slice(0, 100)}" overlaps "${before.fileName.slice(0, 100)}"`));
  }
  const free = freeBytes(folder);
  if (free !== null && total > free) throw new DiskFullError(folder);
  return planned;
}

function freeBytes(folder: string): number | null {
  try {
    const stats = statfsSync(folder);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

/** Writes one checked entry: its size is counted as it streams, and its CRC-32 must match the one the ZIP gives. */
async function writeEntry(file: string, zip: yauzl.ZipFile, { entry, limit }: PlannedEntry, folder: string): Promise<void> {
  const name = entry.fileName;
  const target = join(folder, name);
  try {
    mkdirSync(dirname(target), { recursive: true });
    const stream = await zip.openReadStreamPromise(entry);
    let size = 0;
    let crc = 0;
    const check = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        crc = crc32(chunk, crc);
        // validateEntrySizes stops a stream that runs past its declared size; this counts as well,
        // so a lying header can never fill the disk.
        done(size > limit ? new Error('larger than declared') : null, chunk);
      },
      flush(done) {
        done(crc >>> 0 !== entry.crc32 >>> 0 ? new Error('its CRC-32 does not match: the file was changed or damaged') : null);
      },
    });
    await pipeline(stream, check, createWriteStream(target, { flags: 'wx' }));
  } catch (cause) {
    if (isDiskFull(cause)) throw new DiskFullError(folder);
    throw refuse(file, `"${name.slice(0, 100)}" is damaged (${cause instanceof Error ? cause.message : String(cause)})`);
  }
}

async function extract(file: string, folder: string): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    const { default: unzip } = await import('yauzl');
    zip = await unzip.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true });
  } catch (error) {
    throw refuse(
      file,
      `it is not a complete records bundle (${escapeControlCharacters(error instanceof Error ? error.message : String(error))})`,
    );
  }
  try {
    const planned = await planEntries(file, zip, folder);
    if (!planned.some((p) => p.entry.fileName === RECORDS_ENTRY)) throw refuse(file, 'it holds no records.json');
    for (const entry of planned) await writeEntry(file, zip, entry, folder);
  } finally {
    zip.close();
  }
}

export interface OpenedRecords {
  parsed: ParsedRecords;
  /** Removes the bundle's temporary folder (a records file on disk needs nothing). */
  dispose: () => void;
}

/**
 * Opens a bundle: extracted privately, checked, parsed; every certificate's SHA-256 must be given and
 * match. Extracted into `temporaryDir`: the data folder's temporary area, swept at start, so that a
 * killed read leaves nothing behind for good; the system's temporary folder without one.
 */
export async function openBundle(file: string, ruleSetIds: ReadonlySet<string>, temporaryDir: string = tmpdir()): Promise<OpenedRecords> {
  const folder = mkdtempSync(join(temporaryDir, 'recert-bundle-'));
  const dispose = () => rmSync(folder, { recursive: true, force: true });
  try {
    await extract(file, folder);
    const parsed = readRecordsFile(join(folder, RECORDS_ENTRY), ruleSetIds);
    const unsigned = parsed.file.people.flatMap((p) =>
      [...p.courses, ...p.cprAed].flatMap((r) => (r.attachments ?? []).filter((a) => !a.sha256).map((a) => a.file)),
    );
    if (unsigned.length > 0) throw refuse(file, `its records.json gives no SHA-256 for ${unsigned.slice(0, 3).join(', ')}`);
    return { parsed, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** The first bytes of a records file or bundle, or a RecordsFileError saying why they cannot be read. */
function headOf(file: string): Buffer {
  const problem = inputFileProblem(file, 'a records file (.json) or a records bundle (.recert)', MAX_TOTAL_BYTES);
  if (problem) throw new RecordsFileError([`(file): ${problem}`]);
  try {
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.alloc(4);
      readSync(fd, head, 0, 4, 0);
      return head;
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new RecordsFileError([`(file): cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`]);
  }
}

function checkRecordsFileSize(file: string): void {
  const size = statSync(file).size;
  if (size > MAX_RECORDS_BYTES)
    throw new RecordsFileError([
      `(file): ${file} is ${bytes(size)}, larger than a records file may be (at most ${bytes(MAX_RECORDS_BYTES)})`,
    ]);
}

/**
 * True when `file` is a plain records file (not a bundle, within the size a records file may be),
 * which a first import reads as a stream; a RecordsFileError when it cannot be used at all.
 */
export function isPlainRecordsFile(file: string): boolean {
  if (looksLikeBundle(headOf(file))) return false;
  checkRecordsFileSize(file);
  return true;
}

/**
 * Imports a bundle into a data folder (a first import, not an update), its records file streamed as
 * a records file on disk is (stream-import.ts): extracted privately and checked as openBundle does.
 */
export async function importBundleStreamed(
  file: string,
  ruleSetIds: ReadonlySet<string>,
  store: Repositories,
  files: ContentStore,
  temporaryDir: string = tmpdir(),
): Promise<ImportSummary> {
  const folder = mkdtempSync(join(temporaryDir, 'recert-bundle-'));
  try {
    await extract(file, folder);
    return importRecordsFileStreamed(join(folder, RECORDS_ENTRY), ruleSetIds, store, files, {
      unsigned: (names) => refuse(file, `its records.json gives no SHA-256 for ${names.join(', ')}`),
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A records file (`.json`, certificates beside it) or a bundle (`.recert`, recognised by its content). */
export async function openRecords(file: string, ruleSetIds: ReadonlySet<string>, temporaryDir?: string): Promise<OpenedRecords> {
  if (looksLikeBundle(headOf(file))) return openBundle(file, ruleSetIds, temporaryDir);
  checkRecordsFileSize(file);
  return { parsed: readRecordsFile(file, ruleSetIds), dispose: () => undefined };
}

// The records bundle (`.recert`): one ZIP file with `records.json` and its `certs/` folder, what a
// trainer e-mails to a manager. Written with yazl (streamed from the content store, to a temporary
// name renamed when complete); read with yauzl into a private temporary folder, every entry checked
// (a path inside the bundle, a size within the app's limits) before the records file is parsed the
// way a records file on disk is — and every certificate must carry its SHA-256 and match it.
import { createWriteStream, fsyncSync, mkdirSync, mkdtempSync, openSync, closeSync, readSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { ZipFile } from 'yazl';
import { MAX_ATTACHMENT_BYTES } from '../domain/records';
import type { ContentStore } from '../attachments/file-store';
import type { Repositories } from '../store';
import { attachmentRecord, buildRecordsDocument } from './export';
import { readRecordsFile, RecordsFileError, type ParsedRecords } from './parse';

export const BUNDLE_EXTENSION = '.recert';
const RECORDS_ENTRY = 'records.json';
/** A records file of tens of thousands of courses is a few MB; more means a damaged or hostile file. */
const MAX_RECORDS_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 20_000;
const MAX_TOTAL_BYTES = 4 * 1024 ** 3;

/** True for a ZIP file (a bundle), whatever its name says. */
export function looksLikeBundle(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
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
    const owner = attachment.activityId ?? attachment.cprAedCardId;
    if (owner && keep.has(owner)) certificates.set(attachmentRecord(attachment).file, attachment.sha256);
  }
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

async function extract(file: string, folder: string): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true });
  } catch (error) {
    throw refuse(file, `it is not a complete records bundle (${error instanceof Error ? error.message : String(error)})`);
  }
  let entries = 0;
  let total = 0;
  const seen = new Set<string>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: Error) => reject(refuse(file, `it is damaged (${error.message})`)));
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (!allowedEntry(name)) return reject(refuse(file, `it holds "${name.slice(0, 100)}", which no records bundle has`));
        if (name.endsWith('/')) return zip.readEntry();
        if (seen.has(name.normalize('NFC'))) return reject(refuse(file, `"${name.slice(0, 100)}" appears twice`));
        seen.add(name.normalize('NFC'));
        entries += 1;
        const limit = name === RECORDS_ENTRY ? MAX_RECORDS_BYTES : MAX_ATTACHMENT_BYTES;
        if (entries > MAX_ENTRIES) return reject(refuse(file, `it holds more than ${MAX_ENTRIES} files`));
        if (entry.uncompressedSize > limit)
          return reject(refuse(file, `"${name.slice(0, 100)}" is larger than ${limit / 1024 / 1024} MB, more than a certificate may be`));
        total += entry.uncompressedSize;
        if (total > MAX_TOTAL_BYTES) return reject(refuse(file, 'it expands to more than 4 GB'));
        const target = join(folder, name);
        mkdirSync(dirname(target), { recursive: true });
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) return reject(refuse(file, `"${name}" cannot be read (${error?.message ?? 'no data'})`));
          // validateEntrySizes stops a stream that runs past its declared size; this counts as well,
          // so a lying header can never fill the disk.
          let size = 0;
          const cap = new Transform({
            transform(chunk: Buffer, _encoding, done) {
              size += chunk.length;
              done(size > limit ? new Error('larger than declared') : null, chunk);
            },
          });
          pipeline(stream, cap, createWriteStream(target, { flags: 'wx' })).then(
            () => zip.readEntry(),
            (cause: unknown) => reject(refuse(file, `"${name}" is damaged (${cause instanceof Error ? cause.message : String(cause)})`)),
          );
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  if (!seen.has(RECORDS_ENTRY)) throw refuse(file, 'it holds no records.json');
}

export interface OpenedRecords {
  parsed: ParsedRecords;
  /** Removes the bundle's temporary folder (a records file on disk needs nothing). */
  dispose: () => void;
}

/** Opens a bundle: extracted privately, checked, parsed; every certificate's SHA-256 must be given and match. */
export async function openBundle(file: string, ruleSetIds: ReadonlySet<string>): Promise<OpenedRecords> {
  const folder = mkdtempSync(join(tmpdir(), 'recert-bundle-'));
  const dispose = () => rmSync(folder, { recursive: true, force: true });
  try {
    await extract(file, folder);
    const parsed = readRecordsFile(join(folder, RECORDS_ENTRY), ruleSetIds);
    const unsigned = parsed.file.people.flatMap((p) =>
      [...p.activities, ...p.cprAed].flatMap((r) => (r.attachments ?? []).filter((a) => !a.sha256).map((a) => a.file)),
    );
    if (unsigned.length > 0) throw refuse(file, `its records.json gives no SHA-256 for ${unsigned.slice(0, 3).join(', ')}`);
    return { parsed, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** A records file (`.json`, certificates beside it) or a bundle (`.recert`, recognised by its content). */
export async function openRecords(file: string, ruleSetIds: ReadonlySet<string>): Promise<OpenedRecords> {
  let head: Buffer;
  try {
    const fd = openSync(file, 'r');
    try {
      head = Buffer.alloc(4);
      readSync(fd, head, 0, 4, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new RecordsFileError([`(file): cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  if (looksLikeBundle(head)) return openBundle(file, ruleSetIds);
  return { parsed: readRecordsFile(file, ruleSetIds), dispose: () => undefined };
}

// One file copied to another place the safe way, optionally encrypted or decrypted on the way:
// written under a temporary name (`.name.xxxx.tmp`), flushed, renamed, then read back and its
// SHA-256 compared with what was written. A crash, a full disk or a drive pulled out leaves at most
// the temporary file, never a partial file under the real name.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { decryptInto, drain, encryptInto, fileStream } from './encryption';

export type CopyTransform = { kind: 'encrypt'; passphrase: string } | { kind: 'decrypt'; passphrase: string | null; fileName: string };

/** The temporary name a copy to `to` is written under; `sweepStaleCopies` recognises it. */
export function temporaryNameFor(to: string): string {
  return join(dirname(to), `.${basename(to)}.${randomBytes(6).toString('hex')}.tmp`);
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Raised when the copy read back does not match what was written (a failing drive, a sync client rewriting it). */
export class CopyMismatchError extends Error {
  constructor(path: string) {
    super(`the copy ${path} did not read back as written (its SHA-256 differs); it was removed`);
    this.name = 'CopyMismatchError';
  }
}

async function syncFolder(folder: string): Promise<void> {
  // Makes the rename itself durable; folders cannot be opened for this on Windows, where it is not needed.
  let handle: FileHandle | null = null;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export interface CopyOptions {
  from: string;
  to: string;
  transform?: CopyTransform;
  /** Read the finished file back and compare its SHA-256 with what was written (default true). */
  verify?: boolean;
  /** Opens the temporary file: tests pass one whose writes fail (a full disk), the default is `open(path, 'wx')`. */
  openTemporary?: (path: string) => Promise<FileHandle>;
}

/** Copies `from` to `to` as above; answers the SHA-256 and size of the file now at `to`. */
export async function copyFileSafely(options: CopyOptions): Promise<{ sha256: string; size: number }> {
  const { from, to, transform } = options;
  const temporary = temporaryNameFor(to);
  const handle = await (options.openTemporary ?? ((path: string) => open(path, 'wx')))(temporary);
  let written: { sha256: string; size: number };
  try {
    if (transform?.kind === 'encrypt') written = await encryptInto(from, handle, transform.passphrase);
    else if (transform?.kind === 'decrypt') written = await decryptInto(from, handle, transform.passphrase, transform.fileName);
    else {
      const source = await open(from, 'r');
      try {
        written = await drain(fileStream(source), handle);
      } finally {
        await source.close();
      }
    }
    await handle.datasync();
    await handle.close();
    await rename(temporary, to);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(to));
  if (options.verify !== false && (await sha256OfFile(to)) !== written.sha256) {
    await rm(to, { force: true }).catch(() => undefined);
    throw new CopyMismatchError(to);
  }
  return written;
}

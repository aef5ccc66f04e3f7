import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes all of `bytes` (at `position` when given; a write may take less than it is given). */
export function writeAll(fd: number, bytes: Uint8Array, position?: number): void {
  for (let written = 0; written < bytes.length;)
    written += writeSync(fd, bytes, written, bytes.length - written, position === undefined ? null : position + written);
}

/** Writes a file so that readers see the old content or the new, never half of it: temp file, fsync, rename. */
export function writeFileAtomic(path: string, data: string | Uint8Array, beforeRename?: () => void): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fd = openSync(temporary, 'wx');
  try {
    writeAll(fd, bytes);
    fsyncSync(fd);
    closeSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  beforeRename?.();
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

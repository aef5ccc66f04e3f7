import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, utimesSync } from 'node:fs';
import { writeAll } from '../atomic-write';
import { join } from 'node:path';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Certificate files stored by content: <root>/<first two hex digits>/<sha256>. The same file added
 * twice is stored once; a file is written to a temporary name, flushed and then renamed, so a crash
 * never leaves a half-written certificate under its hash.
 */
export function contentStore(root: string) {
  function pathOf(sha256: string): string {
    // The hash is the only part of the path that comes from data: it must be exactly 64 hex digits.
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256 hash: ${sha256.slice(0, 80)}`);
    return join(root, sha256.slice(0, 2), sha256);
  }

  return {
    root,
    pathOf,
    has(sha256: string): boolean {
      return existsSync(pathOf(sha256));
    },
    /** Stores the bytes (if not already there) and returns their hash. */
    put(bytes: Uint8Array): string {
      const sha256 = sha256Hex(bytes);
      const target = pathOf(sha256);
      if (existsSync(target)) {
        // Touched: the sweep of files no record uses leaves a file alone for an hour after it was last
        // stored, so one that a write is about to refer to again is not removed under it.
        try {
          const now = new Date();
          utimesSync(target, now, now);
          return sha256;
        } catch {
          // Removed a moment ago: stored again below.
        }
      }
      const folder = join(root, sha256.slice(0, 2));
      mkdirSync(folder, { recursive: true });
      const temporary = join(folder, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
      const fd = openSync(temporary, 'wx');
      try {
        writeAll(fd, bytes);
        fsyncSync(fd);
      } catch (error) {
        closeSync(fd);
        rmSync(temporary, { force: true });
        throw error;
      }
      closeSync(fd);
      renameSync(temporary, target);
      return sha256;
    },
    read(sha256: string): Buffer {
      return readFileSync(pathOf(sha256));
    },
    remove(sha256: string): void {
      rmSync(pathOf(sha256), { force: true });
    },
  };
}

export type ContentStore = ReturnType<typeof contentStore>;

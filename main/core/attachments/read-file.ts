import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK = 1024 * 1024;
/**
 * The one buffer every file is hashed through (hashing is synchronous): a buffer per file was left
 * for the collector, and checking a records file of 50 phone photos and scans held 50 of them.
 */
const HASH_BUFFER = Buffer.alloc(CHUNK);

/** The first bytes of a file: enough to recognise its type without reading it whole. */
export function readHead(path: string, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(length);
    const read = readSync(fd, head, 0, length, 0);
    return head.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * SHA-256, size and the first 4 KB of a file, read through one 1 MB buffer for all: hashing a gym's
 * worth of phone photos must not hold them all in memory.
 */
export function hashFile(path: string): { sha256: string; size: number; head: Buffer } {
  const fd = openSync(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = HASH_BUFFER;
    let size = 0;
    let head = Buffer.alloc(0);
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK, null);
      if (read === 0) break;
      if (size === 0) head = Buffer.from(buffer.subarray(0, Math.min(read, 4096)));
      hash.update(buffer.subarray(0, read));
      size += read;
    }
    return { sha256: hash.digest('hex'), size, head };
  } finally {
    closeSync(fd);
  }
}

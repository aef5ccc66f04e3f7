// The copy loop behind writing and restoring a backup, run by both threads of copy-hashed.ts: this
// module is imported by the main thread and by the worker (main/copy-worker.ts), so the same typed,
// linted code runs in each.
import { closeSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export interface CopyJob {
  from: string;
  fromOffset: number;
  size: number;
  to: string;
  toOffset: number;
  /** Create `to` and its folder (refusing an existing file); otherwise `to` exists and is written in place. */
  create: boolean;
  /**
   * `fromOffset` is where a ZIP entry's local header starts: the bytes copied begin after it (its
   * length is read here, as part of the copy, rather than by one more read per entry beforehand).
   */
  afterZipHeader?: boolean;
}

export interface CopyResult {
  sha256: string;
  crc32: number;
}

/** A job finished: its index in the jobs and what was copied. */
export type Done = [index: number, result: CopyResult];

/** Raised when a source is not what the job says: a truncated archive, a missing entry header, a file that shrank. */
export class DamagedSourceError extends Error {
  constructor(message: string) {
    super(message);
    // An own property, so that the name survives being passed from the worker to the main thread.
    this.name = 'DamagedSourceError';
  }
}

const CHUNK = 4 * 1024 * 1024;
const LOCAL_HEADER = 30;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;

// A new file's folder is made when it is first needed, so that both threads share that work too.
function create(path: string): number {
  try {
    return openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(path), { recursive: true });
    return openSync(path, 'wx');
  }
}

/**
 * Takes jobs by index from `counter`, shared by both threads (Atomics on a SharedArrayBuffer), so a
 * thread that started late or got small files simply takes more of them. Yields after every chunk
 * (null, so the main thread can let others run) and after every job.
 */
export function* copyEach(jobs: readonly CopyJob[], counter: Int32Array, withCrc: boolean): Generator<Done | null, void, undefined> {
  const buffer = Buffer.allocUnsafe(CHUNK);
  const shared = new Map<string, number>();
  try {
    for (let index = Atomics.add(counter, 0, 1); index < jobs.length; index = Atomics.add(counter, 0, 1)) {
      const job = jobs[index] as CopyJob;
      const source = openSync(job.from, 'r');
      let target: number | undefined;
      try {
        let from = job.fromOffset;
        if (job.afterZipHeader) {
          const header = Buffer.alloc(LOCAL_HEADER);
          if (readSync(source, header, 0, LOCAL_HEADER, from) !== LOCAL_HEADER || header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE)
            throw new DamagedSourceError(`${job.from} has no entry header at byte ${from}`);
          from += LOCAL_HEADER + header.readUInt16LE(26) + header.readUInt16LE(28);
        }
        target = job.create ? create(job.to) : shared.get(job.to);
        if (target === undefined) {
          target = openSync(job.to, 'r+');
          shared.set(job.to, target);
        }
        const hash = createHash('sha256');
        let crc = 0;
        let done = 0;
        while (done < job.size) {
          const read = readSync(source, buffer, 0, Math.min(CHUNK, job.size - done), from + done);
          if (read === 0) throw new DamagedSourceError(`${job.from} ends ${job.size - done} bytes early`);
          const view = buffer.subarray(0, read);
          hash.update(view);
          if (withCrc) crc = crc32(view, crc);
          for (let written = 0; written < read;) written += writeSync(target, view, written, read - written, job.toOffset + done + written);
          done += read;
          yield null;
        }
        yield [index, { sha256: hash.digest('hex'), crc32: crc }];
      } finally {
        closeSync(source);
        if (job.create && target !== undefined) closeSync(target);
      }
    }
  } catch (error) {
    // The other thread stops at its next job too.
    Atomics.store(counter, 0, jobs.length);
    throw error;
  } finally {
    for (const fd of shared.values()) closeSync(fd);
  }
}

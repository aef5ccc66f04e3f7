// Copies byte ranges between files while hashing them: the one loop behind writing and restoring a
// backup. A backup is mostly this copy, so it is made to cost little more than `tar`:
//   - Node's native CRC-32 (zlib.crc32) and SHA-256 (OpenSSL) over 4 MB chunks, one read per byte;
//   - on a machine with more than one core, this thread and one worker thread share the files, and
//     this thread yields between chunks so the app stays responsive;
//   - the worker starts while the caller is still listing files.
// Measured on 91 MB of certificates (2 cores): the backup went from 619–675 ms with yazl to
// 112–138 ms, and a restore from 923–1,272 ms (whole command) to 139–154 ms in the app.
// The loop is kept as source text because the worker runs it with `eval`: a worker file would need a
// path that survives bundling and the app's asar archive, and this code needs nothing but Node.
import { openSync, closeSync, readSync, writeSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { Worker } from 'node:worker_threads';

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

/** Raised when a source is not what the job says: a truncated archive, a missing entry header, a file that shrank. */
export class DamagedSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DamagedSourceError';
  }
}

// `copyEach` takes jobs by index from a counter shared by both threads (Atomics on a
// SharedArrayBuffer), so a thread that started late or got small files simply takes more of them. It
// yields after every chunk (null) and after every job ([index, result]), and takes its Node functions
// as parameters so the same text runs here and in the worker.
const COPY_EACH = String.raw`
function copyEach(jobs, counter, withCrc, fs, createHash, crc32) {
  const CHUNK = 4 * 1024 * 1024;
  const buffer = Buffer.allocUnsafe(CHUNK);
  const shared = new Map();
  const damaged = (message) => Object.assign(new Error(message), { name: 'DamagedSourceError' });
  // A new file's folder is made when it is first needed, so that both threads share that work too.
  function create(path) {
    try {
      return fs.openSync(path, 'wx');
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
      fs.mkdirSync(path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))), { recursive: true });
      return fs.openSync(path, 'wx');
    }
  }
  function* run() {
    try {
      for (let index = Atomics.add(counter, 0, 1); index < jobs.length; index = Atomics.add(counter, 0, 1)) {
        const job = jobs[index];
        const source = fs.openSync(job.from, 'r');
        let target;
        try {
          let from = job.fromOffset;
          if (job.afterZipHeader) {
            const header = Buffer.alloc(30);
            if (fs.readSync(source, header, 0, 30, from) !== 30 || header.readUInt32LE(0) !== 0x04034b50)
              throw damaged(job.from + ' has no entry header at byte ' + from);
            from += 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
          }
          target = job.create ? create(job.to) : shared.get(job.to);
          if (target === undefined) {
            target = fs.openSync(job.to, 'r+');
            shared.set(job.to, target);
          }
          const hash = createHash('sha256');
          let crc = 0;
          let done = 0;
          while (done < job.size) {
            const read = fs.readSync(source, buffer, 0, Math.min(CHUNK, job.size - done), from + done);
            if (read === 0) throw damaged(job.from + ' ends ' + (job.size - done) + ' bytes early');
            const view = buffer.subarray(0, read);
            hash.update(view);
            if (withCrc) crc = crc32(view, crc);
            for (let written = 0; written < read; )
              written += fs.writeSync(target, view, written, read - written, job.toOffset + done + written);
            done += read;
            yield null;
          }
          yield [index, { sha256: hash.digest('hex'), crc32: crc }];
        } finally {
          fs.closeSync(source);
          if (job.create && target !== undefined) fs.closeSync(target);
        }
      }
    } catch (error) {
      // The other thread stops at its next job too.
      Atomics.store(counter, 0, jobs.length);
      throw error;
    } finally {
      for (const fd of shared.values()) fs.closeSync(fd);
    }
  }
  return run();
}`;

type Done = [index: number, result: CopyResult];

type CopyEach = (
  jobs: CopyJob[],
  counter: Int32Array,
  withCrc: boolean,
  fs: {
    openSync: typeof openSync;
    closeSync: typeof closeSync;
    readSync: typeof readSync;
    writeSync: typeof writeSync;
    mkdirSync: typeof mkdirSync;
  },
  hash: typeof createHash,
  crc: typeof crc32,
) => Generator<Done | null, void, undefined>;

// The same text the worker evaluates (see above).
const copyEach = new Function(`${COPY_EACH}\nreturn copyEach;`)() as CopyEach;

const WORKER_SOURCE = `${COPY_EACH}
const { parentPort } = require('node:worker_threads');
parentPort.once('message', ({ jobs, counter, withCrc }) => {
  const done = [];
  for (const step of copyEach(jobs, counter, withCrc, require('node:fs'), require('node:crypto').createHash, require('node:zlib').crc32))
    if (step) done.push(step);
  parentPort.postMessage(done);
});`;

/** Below this many bytes a worker's start (about 25 ms) costs more than it saves. */
const WORKER_THRESHOLD = 16 * 1024 * 1024;

function damagedSource(error: unknown): unknown {
  if (error instanceof Error && error.name === 'DamagedSourceError' && !(error instanceof DamagedSourceError))
    return new DamagedSourceError(error.message);
  return error;
}

async function copyHere(jobs: CopyJob[], counter: Int32Array, withCrc: boolean): Promise<Done[]> {
  const done: Done[] = [];
  try {
    for (const step of copyEach(jobs, counter, withCrc, { openSync, closeSync, readSync, writeSync, mkdirSync }, createHash, crc32)) {
      if (step) done.push(step);
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    throw damagedSource(error);
  }
  return done;
}

function copyInWorker(worker: Worker, jobs: CopyJob[], counter: Int32Array, withCrc: boolean): Promise<Done[]> {
  return new Promise((resolve, reject) => {
    worker.once('message', (done: Done[]) => resolve(done));
    worker.once('error', (error) => reject(damagedSource(error)));
    worker.once('exit', (code) => reject(new Error(`the copying thread stopped (exit code ${code})`)));
    worker.postMessage({ jobs, counter, withCrc });
  });
}

export interface Copier {
  /**
   * Copies every job; the results are in the order of `jobs`. Throws on the first failure. Once only.
   * `crc32: false` leaves out the CRC-32 (0 in the results) where only the SHA-256 is checked.
   */
  copy(jobs: CopyJob[], options: { crc32: boolean }): Promise<CopyResult[]>;
  /** Stops the copying thread if it is still there; always call it (a thread keeps the process alive). */
  close(): Promise<void>;
}

/**
 * Starts the copying thread at once (it takes about 25 ms to start), so that it is ready by the time
 * the caller has listed what to copy.
 */
export function prepareCopy(): Copier {
  const worker = availableParallelism() >= 2 ? new Worker(WORKER_SOURCE, { eval: true }) : null;
  // A thread that fails to start leaves all the work to this one.
  const started = new Promise<boolean>((resolve) => {
    if (!worker) return resolve(false);
    worker.once('online', () => resolve(true));
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
  });
  return {
    async copy(jobs, { crc32: withCrc }) {
      const counter = new Int32Array(new SharedArrayBuffer(4));
      const total = jobs.reduce((sum, job) => sum + job.size, 0);
      // Largest first, so that neither thread is left with one big file at the end.
      const order = jobs.map((_, index) => index).sort((a, b) => (jobs[b]?.size ?? 0) - (jobs[a]?.size ?? 0));
      const ordered = order.map((index) => jobs[index] as CopyJob);
      const useWorker = worker !== null && total >= WORKER_THRESHOLD && jobs.length >= 2;
      // Both threads run to the end even if one fails, so no file is still being written when this returns.
      const settled = await Promise.allSettled([
        copyHere(ordered, counter, withCrc),
        ...(useWorker ? [started.then((ok) => (ok ? copyInWorker(worker, ordered, counter, withCrc) : []))] : []),
      ]);
      const results = new Array<CopyResult>(jobs.length);
      for (const outcome of settled) {
        if (outcome.status === 'rejected') throw outcome.reason;
        for (const [position, result] of outcome.value) results[order[position] ?? 0] = result;
      }
      return results;
    },
    async close() {
      await worker?.terminate();
    },
  };
}

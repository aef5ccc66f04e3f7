// Copies byte ranges between files while hashing them: the one loop behind writing and restoring a
// backup. A backup is mostly this copy, so it is made to cost little more than `tar`:
//   - Node's native CRC-32 (zlib.crc32) and SHA-256 (OpenSSL) over 4 MB chunks, one read per byte;
//   - on a machine with more than one core, this thread and one worker thread share the files, and
//     this thread yields between chunks so the app stays responsive;
//   - the worker starts while the caller is still listing files.
// The loop itself is copy-each.ts; the worker is main/copy-worker.ts, built beside the main bundle.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { copyEach, DamagedSourceError, type CopyJob, type CopyResult, type Done } from './copy-each';

export { DamagedSourceError, type CopyJob, type CopyResult } from './copy-each';

const WORKER_FILE = 'copy-worker.js';

/**
 * The built worker (electron.vite.config.ts makes it an entry of out/main). The bundle puts this
 * module in an entry in out/main or in a shared chunk in out/main/chunks; run from the sources, as
 * the tests do, it is the project's out/main. Null when it is not built: the copy then runs on one thread.
 */
export function copyWorkerFile(): string | null {
  const places = [__dirname, join(__dirname, '..'), join(__dirname, '..', '..', '..', 'out', 'main')];
  return places.map((dir) => join(dir, WORKER_FILE)).find((file) => existsSync(file)) ?? null;
}

/** Below this many bytes a worker's start costs more than it saves. */
const WORKER_THRESHOLD = 16 * 1024 * 1024;

function damagedSource(error: unknown): unknown {
  if (error instanceof Error && error.name === 'DamagedSourceError' && !(error instanceof DamagedSourceError))
    return new DamagedSourceError(error.message);
  return error;
}

async function copyHere(jobs: CopyJob[], counter: Int32Array, withCrc: boolean): Promise<Done[]> {
  const done: Done[] = [];
  try {
    for (const step of copyEach(jobs, counter, withCrc)) {
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
  /** How many jobs of the last copy the worker thread did (0 when this thread did them all). */
  readonly workerJobs: number;
  /** Settles once the copying thread is running (true) or will not run (false). */
  ready(): Promise<boolean>;
}

/**
 * Starts the copying thread at once, so that it is ready by the time the caller has listed what to
 * copy. `workerFile` is the built worker; by default the one beside the bundle (copyWorkerFile).
 */
export function prepareCopy(workerFile: string | null = copyWorkerFile()): Copier {
  const worker = workerFile !== null && availableParallelism() >= 2 ? new Worker(workerFile) : null;
  let workerJobs = 0;
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
      for (const [thread, outcome] of settled.entries()) {
        if (outcome.status === 'rejected') throw outcome.reason;
        if (thread === 1) workerJobs = outcome.value.length;
        for (const [position, result] of outcome.value) results[order[position] ?? 0] = result;
      }
      return results;
    },
    async close() {
      await worker?.terminate();
    },
    ready() {
      return started;
    },
    get workerJobs() {
      return workerJobs;
    },
  };
}

// Packet exports running on worker threads: progress, cancellation, and an atomic write at the end,
// so that a failed or cancelled export never leaves a half-written PDF under the chosen name.
import { renameSync, rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { newId } from '../ids';
import type { PacketProgress } from './build';
import { temporaryPathFor } from './paths';
import type { PacketPlan } from './plan';

export type PacketJobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface PacketJobStatus {
  jobId: string;
  state: PacketJobState;
  progress: PacketProgress;
  /** The file's name as offered to the user. */
  fileName: string;
  /** Where the finished packet was written. */
  destination: string;
  error: string | null;
}

interface Job extends PacketJobStatus {
  worker: Worker | null;
  finished: Promise<void>;
  end(state: PacketJobState, error?: string | null): void;
}

type WorkerMessage =
  { type: 'progress'; progress: PacketProgress } | { type: 'done' } | { type: 'cancelled' } | { type: 'failed'; message: string };

export function packetJobs({ workerFile, fontDir }: { workerFile: string; fontDir: string }) {
  const jobs = new Map<string, Job>();

  function status(job: Job): PacketJobStatus {
    const { worker: _worker, finished: _finished, end: _end, ...rest } = job;
    return { ...rest, progress: { ...rest.progress } };
  }

  return {
    start(plan: PacketPlan, destination: string, fileName: string): PacketJobStatus {
      const jobId = newId('x');
      let settle: () => void = () => undefined;
      const job: Job = {
        jobId,
        state: 'running',
        progress: { done: 0, total: plan.exhibits.length * 2 + 2, message: 'Starting…' },
        fileName,
        destination,
        error: null,
        worker: null,
        finished: new Promise<void>((resolve) => (settle = resolve)),
        end: () => undefined,
      };
      // The worker streams the PDF to a temporary file beside the destination; only a finished
      // packet is renamed into place, so a failed or cancelled export leaves nothing behind.
      const temporary = temporaryPathFor(destination);
      const worker = new Worker(workerFile, { workerData: { plan, fontDir, temporary } });
      job.worker = worker;
      const end = (state: PacketJobState, error: string | null = null) => {
        if (job.state !== 'running') return;
        job.state = state;
        job.error = error;
        job.worker = null;
        void worker.terminate().then(() => {
          if (state !== 'done') rmSync(temporary, { force: true });
          settle();
        });
      };
      job.end = end;
      worker.on('message', (message: WorkerMessage) => {
        if (job.state !== 'running') return;
        if (message.type === 'progress') job.progress = message.progress;
        else if (message.type === 'cancelled') end('cancelled');
        else if (message.type === 'failed') end('failed', message.message);
        else {
          try {
            renameSync(temporary, destination);
            end('done');
          } catch (error) {
            end('failed', `The packet could not be written to ${destination}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      });
      worker.on('error', (error) => end('failed', error.message));
      worker.on('exit', () => end('failed', 'The export stopped unexpectedly.'));
      jobs.set(jobId, job);
      return status(job);
    },
    status(jobId: string): PacketJobStatus | undefined {
      const job = jobs.get(jobId);
      return job ? status(job) : undefined;
    },
    /** Asks the worker to stop between exhibits; it is terminated if it does not within 2 s. */
    cancel(jobId: string): PacketJobStatus | undefined {
      const job = jobs.get(jobId);
      if (!job) return undefined;
      const worker = job.worker;
      if (job.state === 'running' && worker) {
        worker.postMessage('cancel');
        const timer = setTimeout(() => job.end('cancelled'), 2000);
        void job.finished.then(() => clearTimeout(timer));
      }
      return status(job);
    },
    /** Resolves when the job has ended, whichever way. */
    async finished(jobId: string): Promise<PacketJobStatus | undefined> {
      const job = jobs.get(jobId);
      if (!job) return undefined;
      await job.finished;
      return status(job);
    },
  };
}

export type PacketJobs = ReturnType<typeof packetJobs>;

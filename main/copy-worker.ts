// The second thread of a backup's copy (core/backup/copy-hashed.ts): takes jobs from the counter it
// shares with the main thread until none are left, then sends back what it copied. A failure is
// thrown, which ends the thread with an 'error' event the main thread turns back into the error.
import { parentPort } from 'node:worker_threads';
import { copyEach, type CopyJob, type Done } from './core/backup/copy-each';

interface Request {
  jobs: CopyJob[];
  counter: Int32Array;
  withCrc: boolean;
}

const port = parentPort;
if (port) {
  port.once('message', ({ jobs, counter, withCrc }: Request) => {
    const done: Done[] = [];
    for (const step of copyEach(jobs, counter, withCrc)) if (step) done.push(step);
    port.postMessage(done);
  });
}

// Builds an audit packet on a worker thread, so that neither the UI nor the main process waits on it.
// It writes to the temporary file it is given; the main thread renames it into place when done.
// Messages in: 'cancel'. Messages out: progress, then done, cancelled or failed.
import { parentPort, workerData } from 'node:worker_threads';
import { PacketCancelled, writePacketTo } from './core/packet/build';
import type { PacketPlan } from './core/packet/plan';

interface Job {
  plan: PacketPlan;
  fontDir: string;
  temporary: string;
}

const port = parentPort;
if (port) {
  const { plan, fontDir, temporary } = workerData as Job;
  const controller = new AbortController();
  port.on('message', (message: unknown) => {
    if (message === 'cancel') controller.abort();
  });
  writePacketTo(plan, temporary, {
    fontDir,
    signal: controller.signal,
    onProgress: (progress) => port.postMessage({ type: 'progress', progress }),
  })
    .then(() => port.postMessage({ type: 'done' }))
    .catch((error: unknown) => {
      if (error instanceof PacketCancelled) port.postMessage({ type: 'cancelled' });
      else port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    });
}

// How many photos are read at once, apart from the OCR itself so that knowing it loads no Tesseract.
import { availableParallelism } from 'node:os';

/**
 * As many workers as the machine has cores; at most eight, since each worker holds its own copy of
 * the model and Tesseract's memory.
 */
let count = Math.max(1, Math.min(8, availableParallelism()));

/** How many OCR workers read at once (the intake reads that many files at a time). */
export function ocrWorkerCount(): number {
  return count;
}

/** Sets the pool's size; ocr.ts's useOcrWorkers stops the running workers first. */
export function setOcrWorkerCount(workers: number): void {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError('the OCR pool needs at least one worker');
  count = workers;
}

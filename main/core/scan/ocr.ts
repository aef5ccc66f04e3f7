// Reading a photo on this computer: tesseract.js (Tesseract compiled to WebAssembly, in worker
// threads, so the app stays responsive and several photos are read at once) with its English data from the npm package
// @tesseract.js-data/eng, loaded from the local files; nothing is downloaded. Small rotations are
// straightened by Tesseract (rotateAuto); a JPEG's EXIF orientation is applied first.
import { dirname, join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { createWorker, type Worker } from 'tesseract.js';
import { readJpegInfo } from '../packet/jpeg';
import { flattenLight } from './flatten';
import { ocrWorkerCount, setOcrWorkerCount } from './ocr-workers';
import type { TextPiece } from './lines';

/** The "best" English model, quantised: more accurate than the fast one, at about the same speed. */
function languageFolder(): string {
  return join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

/** Tesseract's progress on the image being read: 0–1, with what it is doing. */
export interface OcrProgress {
  status: string;
  progress: number;
}

/** A different pool size (a test, or a host short of memory); the workers running are stopped first. */
export async function useOcrWorkers(workers: number): Promise<void> {
  setOcrWorkerCount(workers);
  await stopOcr();
}

interface PooledWorker {
  worker: Promise<Worker>;
  // Each worker tells its own progress to whoever is reading with it: two photos read at once never mix.
  listener: ((progress: OcrProgress) => void) | null;
  busy: boolean;
}
interface Pool {
  workers: PooledWorker[];
  waiting: { give: (w: PooledWorker) => void; refuse: (error: Error) => void }[];
  idle: NodeJS.Timeout | null;
}
let pool: Pool | null = null;

function startWorker(current: Pool): PooledWorker {
  const listen = (m: OcrProgress): void => pooled.listener?.(m);
  const started = createWorker('eng', 1, {
    langPath: languageFolder(),
    gzip: true,
    cacheMethod: 'none',
    logger: listen,
  }).then(async (w) => {
    // Tesseract's own notes ("Estimating resolution as 245") would reach the terminal: they go nowhere.
    await w.setParameters({ debug_file: '/dev/null' });
    return w;
  });
  const pooled: PooledWorker = { worker: started, listener: null, busy: true };
  // A worker that could not start is forgotten, so the next photo tries a new one.
  pooled.worker.catch(() => {
    current.workers = current.workers.filter((w) => w !== pooled);
  });
  current.workers.push(pooled);
  return pooled;
}

/** A free worker, a new one while the pool is not full, or the next one freed. */
function acquire(): Promise<PooledWorker> {
  pool ??= { workers: [], waiting: [], idle: null };
  const current = pool;
  if (current.idle) clearTimeout(current.idle);
  current.idle = null;
  const free = current.workers.find((w) => !w.busy);
  if (free) {
    free.busy = true;
    return Promise.resolve(free);
  }
  if (current.workers.length < ocrWorkerCount()) return Promise.resolve(startWorker(current));
  return new Promise((give, refuse) => current.waiting.push({ give, refuse }));
}

/** Hands the worker to the next photo waiting; the pool stops after a minute without work (a model is 15 MB). */
function release(current: Pool, pooled: PooledWorker): void {
  pooled.listener = null;
  const next = pool === current ? current.waiting.shift() : undefined;
  if (next) {
    // A worker that failed to start is not handed on: the photo waiting gets a new one.
    next.give(current.workers.includes(pooled) ? pooled : startWorker(current));
    return;
  }
  pooled.busy = false;
  if (pool !== current) {
    // The pool was stopped while this photo was read: its worker ends now.
    void pooled.worker.then((w) => w.terminate()).catch(() => undefined);
    return;
  }
  if (current.workers.some((w) => w.busy)) return;
  current.idle = setTimeout(() => {
    if (pool === current) pool = null;
    for (const w of current.workers) void w.worker.then((x) => x.terminate()).catch(() => undefined);
  }, 60_000);
  current.idle.unref();
}

/** Stops the workers at once (the command line, when it is done); one still reading ends after its photo. */
export async function stopOcr(): Promise<void> {
  const current = pool;
  pool = null;
  if (!current) return;
  if (current.idle) clearTimeout(current.idle);
  for (const waiting of current.waiting.splice(0)) waiting.refuse(new Error('the OCR workers were stopped'));
  await Promise.all(current.workers.filter((w) => !w.busy).map((w) => w.worker.then((x) => x.terminate()).catch(() => undefined)));
}

/** EXIF orientations 2–8 turned into upright pixels (as a PNG); other images as they are. */
export function upright(image: Uint8Array): Uint8Array {
  const orientation = readJpegInfo(image)?.orientation ?? 1;
  if (orientation === 1) return image;
  const decoded = jpeg.decode(image, { useTArray: true, maxMemoryUsageInMB: 1024 });
  const { width, height, data } = decoded;
  const swap = orientation >= 5;
  const out = new PNG({ width: swap ? height : width, height: swap ? width : height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Where pixel (x, y) of the stored image goes in the upright one (EXIF 2–8).
      const [tx, ty] = (
        {
          2: [width - 1 - x, y],
          3: [width - 1 - x, height - 1 - y],
          4: [x, height - 1 - y],
          5: [y, x],
          6: [height - 1 - y, x],
          7: [height - 1 - y, width - 1 - x],
          8: [y, width - 1 - x],
        } as Record<number, [number, number]>
      )[orientation] ?? [x, y];
      const from = (y * width + x) * 4;
      const to = (ty * out.width + tx) * 4;
      out.data[to] = data[from] ?? 0;
      out.data[to + 1] = data[from + 1] ?? 0;
      out.data[to + 2] = data[from + 2] ?? 0;
      out.data[to + 3] = 255;
    }
  }
  return PNG.sync.write(out);
}

interface OcrWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}
interface OcrBlock {
  paragraphs: { lines: { text: string; confidence: number; bbox: OcrWord['bbox']; words: OcrWord[] }[] }[];
}

/**
 * The words Tesseract reads in the image, each with the box of its line. Tesseract reads a page as
 * one block of text, so a table's row ("Aging and Exercise   2/15/2026   4") comes back as one line;
 * its words keep their own left edge and width, and linesFromPieces splits the row into cells at the
 * wide gaps, as it does a PDF's text. The line's top and height are kept for every word, so that a
 * short word ("on", "4") stays in its row.
 */
export async function ocrPieces(image: Uint8Array, onProgress?: (progress: OcrProgress) => void): Promise<TextPiece[]> {
  const current = pool ?? (pool = { workers: [], waiting: [], idle: null });
  const pooled = await acquire();
  pooled.listener = onProgress ?? null;
  try {
    const w = await pooled.worker;
    const { data } = await w.recognize(Buffer.from(flattenLight(upright(image))), { rotateAuto: true }, { blocks: true, text: false });
    const blocks = (data as unknown as { blocks: OcrBlock[] | null }).blocks ?? [];
    return blocks.flatMap((block) =>
      block.paragraphs.flatMap((paragraph) =>
        paragraph.lines.flatMap((line) =>
          line.words.map((word) => ({
            text: word.text.trim(),
            x: word.bbox.x0,
            y: line.bbox.y0,
            width: word.bbox.x1 - word.bbox.x0,
            height: line.bbox.y1 - line.bbox.y0,
            page: 1,
            confidence: line.confidence / 100,
          })),
        ),
      ),
    );
  } finally {
    release(current, pooled);
  }
}

// Reading a photo on this computer: tesseract.js (Tesseract compiled to WebAssembly, in a worker
// thread, so the app stays responsive) with its English data from the npm package
// @tesseract.js-data/eng, loaded from the local files; nothing is downloaded. Small rotations are
// straightened by Tesseract (rotateAuto); a JPEG's EXIF orientation is applied first.
import { dirname, join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { createWorker, type Worker } from 'tesseract.js';
import { readJpegInfo } from '../packet/jpeg';
import { flattenLight } from './flatten';
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
let listener: ((progress: OcrProgress) => void) | null = null;

let shared: { worker: Promise<Worker>; idle: NodeJS.Timeout | null } | null = null;
/** One worker, started on first use and stopped after a minute without work (its model is 15 MB). */
function worker(): Promise<Worker> {
  if (!shared) {
    const created = createWorker('eng', 1, {
      langPath: languageFolder(),
      gzip: true,
      cacheMethod: 'none',
      logger: (m: OcrProgress) => listener?.(m),
    }).then(async (w) => {
      // Tesseract's own notes ("Estimating resolution as 245") would reach the terminal: they go nowhere.
      await w.setParameters({ debug_file: '/dev/null' });
      return w;
    });
    shared = { worker: created, idle: null };
  }
  if (shared.idle) clearTimeout(shared.idle);
  return shared.worker;
}
function releaseLater(): void {
  if (!shared) return;
  const current = shared;
  current.idle = setTimeout(() => {
    if (shared === current) shared = null;
    void current.worker.then((w) => w.terminate());
  }, 60_000);
  current.idle.unref();
}

/** Stops the worker at once (the command line, when it is done). */
export async function stopOcr(): Promise<void> {
  const current = shared;
  shared = null;
  if (current) {
    if (current.idle) clearTimeout(current.idle);
    await (await current.worker).terminate();
  }
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

/** The lines Tesseract reads in the image (its own line finding), with their boxes and confidence. */
export async function ocrPieces(image: Uint8Array, onProgress?: (progress: OcrProgress) => void): Promise<TextPiece[]> {
  listener = onProgress ?? null;
  const w = await worker();
  try {
    const { data } = await w.recognize(Buffer.from(flattenLight(upright(image))), { rotateAuto: true }, { blocks: true, text: false });
    const blocks = (data as unknown as { blocks: OcrBlock[] | null }).blocks ?? [];
    return blocks.flatMap((block) =>
      block.paragraphs.flatMap((paragraph) =>
        paragraph.lines.map((line) => ({
          text: line.text.trim(),
          x: line.bbox.x0,
          y: line.bbox.y0,
          width: line.bbox.x1 - line.bbox.x0,
          height: line.bbox.y1 - line.bbox.y0,
          page: 1,
          confidence: line.confidence / 100,
        })),
      ),
    );
  } finally {
    listener = null;
    releaseLater();
  }
}

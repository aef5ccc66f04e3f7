// The OCR pool: two photos given at once are read at once, each on its own worker, each told only its
// own progress; with one worker the second waits for the first.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ocrPieces, stopOcr, useOcrWorkers, type OcrProgress } from '../../../main/core/scan/ocr';
import { ocrWorkerCount } from '../../../main/core/scan/ocr-workers';
import { photoOf } from '../../helpers/certificates';
import { certificate, variant } from '../../helpers/intake-files';
import { tempDir } from '../../helpers/context';

const dir = tempDir('recert-ocr-pool-');
const before = ocrWorkerCount();
afterAll(async () => {
  await useOcrWorkers(before);
  rmSync(dir, { recursive: true, force: true });
});

async function photo(name: string, n: number): Promise<Uint8Array> {
  const pdf = await certificate(dir, `${name}.pdf`, 'A', variant(n));
  return readFileSync(photoOf(pdf, join(dir, `${name}.png`), { degrees: 1, seed: n }));
}

/** When each photo's recognition was under way, as the order of its progress reports among all of them. */
async function readTogether(images: Uint8Array[]): Promise<{ spans: [number, number][]; texts: string[] }> {
  let tick = 0;
  const spans = images.map((): [number, number] => [Infinity, -Infinity]);
  const pieces = await Promise.all(
    images.map((image, i) =>
      ocrPieces(image, (p: OcrProgress) => {
        if (p.status !== 'recognizing text') return;
        const span = spans[i] as [number, number];
        tick++;
        span[0] = Math.min(span[0], tick);
        span[1] = Math.max(span[1], tick);
      }),
    ),
  );
  return { spans, texts: pieces.map((p) => p.map((x) => x.text).join(' ')) };
}

it('reads two photos at once on two workers, each with its own progress, and one after the other on one', async () => {
  const images = [await photo('first', 0), await photo('second', 2)];
  await useOcrWorkers(2);
  // Once first, so that both workers have loaded their language data: a worker still starting would
  // let the other photo be read before its own began, which says nothing about the pool.
  await readTogether(images);
  const together = await readTogether(images);
  const [a, b] = together.spans as [[number, number], [number, number]];
  // Both were being recognised at the same time: each started before the other ended.
  expect(a[0]).toBeLessThan(b[1]);
  expect(b[0]).toBeLessThan(a[1]);
  expect(together.texts[0]).toMatch(/Dana Rivera/i);
  expect(together.texts[1]).not.toEqual(together.texts[0]);

  await useOcrWorkers(1);
  const alone = await readTogether(images);
  const [c, d] = alone.spans as [[number, number], [number, number]];
  expect(c[1] < d[0] || d[1] < c[0]).toBe(true);
  expect(alone.texts).toEqual(together.texts);
  await stopOcr();
}, 60_000);

// Accuracy on the generated corpus. The training part (certificates.ts and corpus-wide.ts) is what
// the finders were tuned on: every field right is expected there. Photos of a few of them (turned,
// noised, in shadow, in low light, stored sideways with an EXIF orientation) are read too; the full
// photo figure is in `npm run bench`. The held-out part (corpus-held-out.ts) was written after the
// finders were frozen and is measured as it came: its two figures are printed here and in the bench.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopOcr } from '../../../main/core/scan/ocr';
import { LAYOUTS, writeCorpus, type CorpusEntry } from '../../helpers/certificates';
import { HELD_OUT_LAYOUTS } from '../../helpers/corpus-held-out';
import { fieldsRight, heldOutPhotographed, readPhotos, readTextPdfs } from '../../helpers/corpus-reading';
import { WIDE_LAYOUTS } from '../../helpers/corpus-wide';
import { tempDir } from '../../helpers/context';

let dir: string;
let training: CorpusEntry[];
let heldOut: CorpusEntry[];
beforeAll(async () => {
  dir = tempDir('recert-scan-corpus-');
  training = await writeCorpus(dir, undefined, [...LAYOUTS, ...WIDE_LAYOUTS], 'training');
  heldOut = await writeCorpus(dir, undefined, HELD_OUT_LAYOUTS, 'held-out');
}, 120_000);
afterAll(async () => {
  await stopOcr();
  rmSync(dir, { recursive: true, force: true });
});

describe('reading certificates of the training layouts', () => {
  it('reads every field of every training layout from its text PDF', async () => {
    const reading = await readTextPdfs(training);
    expect(new Set(reading.sources)).toEqual(new Set(['pdf-text']));
    console.log(`text PDFs, training layouts: ${fieldsRight(reading)}`);
    expect(reading.accuracy, reading.misses.join('\n')).toBe(1);
  }, 180_000);

  it('reads photos of four training layouts, one of each kind of damage', async () => {
    const picked = ['N ', 'R ', 'U ', 'X '].map((prefix, n) => {
      const entry = training.find(
        (e) => e.id.startsWith(prefix) && e.id.endsWith(['Dana Rivera', 'Samuel Lee', 'María Núñez', 'Chris Okafor'][n] ?? ''),
      );
      if (!entry) throw new Error('corpus');
      return entry;
    });
    const reading = await readPhotos(picked, dir, 'training');
    expect(new Set(reading.sources)).toEqual(new Set(['ocr']));
    console.log(`photos, training layouts: ${fieldsRight(reading)}\n${reading.misses.join('\n')}`);
    expect(reading.accuracy, reading.misses.join('\n')).toBeGreaterThanOrEqual(0.85);
  }, 300_000);
});

/** Held-out floors: what these finders reach on layouts they never saw, held with a little margin. */
const TEXT_FLOOR = Number(process.env.SCAN_TEXT_FLOOR ?? 0.97);
const PHOTO_FLOOR = Number(process.env.SCAN_PHOTO_FLOOR ?? 0.94);

describe('reading certificates of the held-out layouts (written after the finders were frozen)', () => {
  it('prints and holds the fields-right figure from text PDFs', async () => {
    const reading = await readTextPdfs(heldOut);
    console.log(`HELD-OUT text PDFs: ${fieldsRight(reading)}\n${reading.misses.join('\n')}`);
    expect(reading.accuracy, reading.misses.join('\n')).toBeGreaterThanOrEqual(TEXT_FLOOR);
  }, 180_000);

  it('prints and holds the fields-right figure from photos of four held-out layouts', async () => {
    const reading = await readPhotos(heldOutPhotographed(heldOut), dir, 'held-out');
    console.log(`HELD-OUT photos: ${fieldsRight(reading)}\n${reading.misses.join('\n')}`);
    expect(reading.accuracy, reading.misses.join('\n')).toBeGreaterThanOrEqual(PHOTO_FLOOR);
  }, 400_000);
});

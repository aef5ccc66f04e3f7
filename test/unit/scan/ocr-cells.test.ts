// Tesseract reads a page as one block, so a table's row comes back as one line of text. The photo's
// words keep their own places: the row is split into cells at its wide gaps, as a PDF's text is, and
// a transcript's table photographed is read as a table.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { findFields } from '../../../main/core/scan/fields';
import { linesFromPieces } from '../../../main/core/scan/lines';
import { ocrPieces, stopOcr } from '../../../main/core/scan/ocr';
import { photoOf } from '../../helpers/certificates';
import { tempDir } from '../../helpers/context';
import { certificate, variant } from '../../helpers/intake-files';

const dir = tempDir('recert-ocr-cells-');
afterAll(async () => {
  await stopOcr();
  rmSync(dir, { recursive: true, force: true });
});

it("splits a photographed table's rows into cells, so that its courses are found", async () => {
  const pdf = await certificate(dir, 'transcript.pdf', 'P', variant(1));
  const photo = photoOf(pdf, join(dir, 'transcript.png'), { degrees: -1.5, seed: 5, shadow: true });
  const lines = linesFromPieces(await ocrPieces(readFileSync(photo)));
  const texts = lines.map((l) => l.text);
  // The first row's cells, each on its own: code, title, date, CEUs.
  expect(texts).toContain('Kettlebell Foundations Workshop');
  expect(texts).toContain('3/14/2026');
  expect(texts).toContain('0.5');
  const found = findFields(lines);
  expect(found.document).toBe('transcript');
  expect(found.courses?.map((c) => [c.title?.value, c.completed?.value, c.ceus?.value])[0]).toEqual([
    'Kettlebell Foundations Workshop',
    '2026-03-14',
    0.5,
  ]);
  expect(found.courses).toHaveLength(3);
}, 120_000);

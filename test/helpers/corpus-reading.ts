// Reading a part of the generated corpus and scoring it, the same way in the corpus test (which holds
// floors) and in `npm run bench` (which prints the figures beside the speed ones).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanCertificate } from '../../main/core/scan/scan';
import { photoOf, type CorpusEntry, type PhotoOptions } from './certificates';
import { score, total } from './scan-score';

/** One of each kind of damage a phone's photo brings: turned, a shadow, low light, stored sideways. */
export const PHOTO_DAMAGE: readonly PhotoOptions[] = [
  { degrees: 2.5, seed: 1 },
  { degrees: -1.5, seed: 2, shadow: true },
  { degrees: 1, seed: 3, light: 0.55 },
  { degrees: -1.5, seed: 4, exifOrientation6: true },
];

export interface Reading {
  right: number;
  all: number;
  accuracy: number;
  /** One line per field read wrong, naming the certificate (and the photo's damage). */
  misses: string[];
  /** How each was read: 'pdf-text' or 'ocr'. */
  sources: string[];
}

async function readAll(items: { entry: CorpusEntry; file: string; label: string }[]): Promise<Reading> {
  const scores = [];
  const misses: string[] = [];
  const sources: string[] = [];
  for (const { entry, file, label } of items) {
    const result = await scanCertificate(file, readFileSync(file));
    const s = score(result, entry.expected);
    scores.push(s);
    sources.push(result.source);
    misses.push(...s.wrong.map((w) => `${label}: ${w}`));
  }
  return { ...total(scores), misses, sources };
}

/** Every entry's text PDF read and scored. */
export function readTextPdfs(entries: readonly CorpusEntry[]): Promise<Reading> {
  return readAll(entries.map((entry) => ({ entry, file: entry.pdf, label: entry.id })));
}

/** A photo of each entry, with the damage of PHOTO_DAMAGE in turn, read and scored. */
export function readPhotos(entries: readonly CorpusEntry[], dir: string, prefix: string): Promise<Reading> {
  return readAll(
    entries.map((entry, n) => {
      const options = PHOTO_DAMAGE[n % PHOTO_DAMAGE.length] ?? { degrees: 0, seed: 0 };
      const file = photoOf(entry.pdf, join(dir, `${prefix}-photo-${n}.png`), options);
      return { entry, file, label: `${entry.id} ${JSON.stringify(options)}` };
    }),
  );
}

/** The held-out certificates photographed: four of different layouts, one per kind of damage. */
export function heldOutPhotographed(entries: readonly CorpusEntry[]): CorpusEntry[] {
  return entries.filter((_, i) => i % 10 === 3).slice(0, 4);
}

/** "right/all (percent)", as the test and the bench print it. */
export function fieldsRight(reading: Reading): string {
  return `${reading.right}/${reading.all} fields right (${(reading.accuracy * 100).toFixed(1)} %)`;
}

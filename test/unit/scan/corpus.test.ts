// Accuracy on the generated corpus: text PDFs (every layout × variant) and photos of them.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopOcr } from '../../../main/core/scan/ocr';
import { scanCertificate } from '../../../main/core/scan/scan';
import { photoOf, writeCorpus, type CorpusEntry } from '../../helpers/certificates';
import { tempDir } from '../../helpers/context';
import { score, type Score } from '../../helpers/scan-score';

let dir: string;
let corpus: CorpusEntry[];
beforeAll(async () => {
  dir = tempDir('recert-scan-corpus-');
  corpus = await writeCorpus(dir);
});
afterAll(async () => {
  await stopOcr();
  rmSync(dir, { recursive: true, force: true });
});

function total(scores: Score[]) {
  const right = scores.reduce((n, s) => n + s.right, 0);
  const all = scores.reduce((n, s) => n + s.total, 0);
  return { right, all, accuracy: right / all };
}

describe('reading certificates', () => {
  it('reads text PDFs: at least 95 % of fields right on the layouts the finders were not tuned on, and on all', async () => {
    const scores: { entry: CorpusEntry; score: Score }[] = [];
    for (const entry of corpus) {
      const result = await scanCertificate(entry.pdf, readFileSync(entry.pdf));
      expect(result.source).toBe('pdf-text');
      scores.push({ entry, score: score(result, entry.expected) });
    }
    const heldOut = total(scores.filter((s) => s.entry.heldOut).map((s) => s.score));
    const all = total(scores.map((s) => s.score));
    const misses = scores.flatMap((s) => s.score.wrong.map((w) => `${s.entry.id}: ${w}`));
    console.log(
      `text PDFs: held-out layouts ${heldOut.right}/${heldOut.all} (${(heldOut.accuracy * 100).toFixed(1)} %), all ${all.right}/${all.all} (${(all.accuracy * 100).toFixed(1)} %)`,
    );
    expect(heldOut.accuracy, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(all.accuracy, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  }, 120_000);

  it('reads photos (turned, noised, one stored sideways with an EXIF orientation): at least 80 % of fields right', async () => {
    // One variant of every layout, two photos each.
    const entries = corpus.filter((_, i) => i % 4 === 0);
    const scores: { entry: CorpusEntry; score: Score }[] = [];
    for (const [n, entry] of entries.entries()) {
      for (const exif of [false, true]) {
        const photo = photoOf(entry.pdf, join(dir, `photo-${n}-${exif ? 'exif' : 'turned'}.png`), {
          degrees: exif ? -1.5 : 2.5,
          seed: n + 1,
          exifOrientation6: exif,
        });
        const result = await scanCertificate(photo, readFileSync(photo));
        expect(result.source).toBe('ocr');
        scores.push({ entry, score: score(result, entry.expected) });
      }
    }
    const all = total(scores.map((s) => s.score));
    const misses = scores.flatMap((s) => s.score.wrong.map((w) => `${s.entry.id}: ${w}`));
    console.log(`photos: ${all.right}/${all.all} (${(all.accuracy * 100).toFixed(1)} %)\n${misses.join('\n')}`);
    expect(all.accuracy, misses.join('\n')).toBeGreaterThanOrEqual(0.8);
  }, 300_000);
});

// Reading certificates: a text PDF, and a photo against Debian's `tesseract` command on the same image
// (same run); and the accuracy on the generated corpus, and on its held-out part (layouts written after
// the finders were frozen), read as the corpus test reads it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { stopOcr } from '../../main/core/scan/ocr';
import { scanCertificate } from '../../main/core/scan/scan';
import { photoOf, writeCorpus } from '../helpers/certificates';
import { HELD_OUT_LAYOUTS } from '../helpers/corpus-held-out';
import { heldOutPhotographed, readPhotos, readTextPdfs } from '../helpers/corpus-reading';
import { score } from '../helpers/scan-score';
import { report } from './report';

async function medianOf(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

it('scan: a text PDF, a photo vs Debian tesseract, and accuracy on the corpus', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'recert-scan-bench-'));
  try {
    const corpus = await writeCorpus(dir);
    const [first] = corpus;
    if (!first) throw new Error('corpus');
    const pdfBytes = readFileSync(first.pdf);
    const pdf = await medianOf(10, () => scanCertificate(first.pdf, pdfBytes));
    const photo = photoOf(first.pdf, join(dir, 'photo.png'), { degrees: 2, seed: 7 });
    const photoBytes = readFileSync(photo);
    const hasTesseract = spawnSync('tesseract', ['--version']).status === 0;
    const cli = hasTesseract ? await medianOf(5, async () => spawnSync('tesseract', [photo, 'stdout'], { encoding: 'utf8' })) : Number.NaN;
    // Cold: a new OCR worker each time (what the command line does, like the tesseract command); warm: the app's kept worker.
    const cold = await medianOf(5, async () => {
      await scanCertificate(photo, photoBytes);
      await stopOcr();
    });
    await scanCertificate(photo, photoBytes);
    const warm = await medianOf(5, () => scanCertificate(photo, photoBytes));

    let textRight = 0;
    let textAll = 0;
    for (const entry of corpus) {
      const s = score(await scanCertificate(entry.pdf, readFileSync(entry.pdf)), entry.expected);
      textRight += s.right;
      textAll += s.total;
    }
    let photoRight = 0;
    let photoAll = 0;
    for (const [n, entry] of corpus.filter((_, i) => i % 4 === 1).entries()) {
      const image = photoOf(entry.pdf, join(dir, `p${n}.png`), { degrees: n % 2 ? -2 : 3, seed: 100 + n });
      const s = score(await scanCertificate(image, readFileSync(image)), entry.expected);
      photoRight += s.right;
      photoAll += s.total;
    }
    const heldOut = await writeCorpus(dir, undefined, HELD_OUT_LAYOUTS, 'held-out');
    const heldOutText = await readTextPdfs(heldOut);
    const heldOutPhotos = await readPhotos(heldOutPhotographed(heldOut), dir, 'held-out');
    await stopOcr();

    console.log(
      `BENCH scan: ${corpus.length} generated certificates in ${corpus.length / 4} layouts; a photo of 1275 × 1650 pixels (median of 5–10)`,
    );
    report('text PDF read and fields found', pdf, 'ms', '< 1,000 ms', pdf < 1000);
    report('photo, cold (new OCR worker, as recert scan)', cold, 'ms', 'reference', true);
    report('photo, warm (the app keeps its worker)', warm, 'ms', 'reference', true);
    report('  baseline: Debian tesseract command on the same image', cli, 'ms', 'reference', true);
    report('  cold vs tesseract command', cold / cli, 'x', '≤ 1.5×', cold / cli <= 1.5);
    report('  warm vs tesseract command', warm / cli, 'x', '≤ 1.5×', warm / cli <= 1.5);
    report('accuracy, text PDFs (fields right)', (100 * textRight) / textAll, '%', '≥ 95 %', textRight / textAll >= 0.95);
    report(
      'accuracy, photos of another variant (fields right)',
      (100 * photoRight) / photoAll,
      '%',
      '≥ 80 %',
      photoRight / photoAll >= 0.8,
    );
    console.log(
      `BENCH scan, held-out: ${heldOut.length} certificates in ${HELD_OUT_LAYOUTS.length} layouts the finders never saw; photos of ${heldOutPhotographed(heldOut).length}, one per kind of damage`,
    );
    report(
      `accuracy, held-out text PDFs (${heldOutText.right}/${heldOutText.all} fields right)`,
      100 * heldOutText.accuracy,
      '%',
      '≥ 95 %',
      heldOutText.accuracy >= 0.95,
    );
    report(
      `accuracy, held-out photos (${heldOutPhotos.right}/${heldOutPhotos.all} fields right)`,
      100 * heldOutPhotos.accuracy,
      '%',
      '≥ 80 %',
      heldOutPhotos.accuracy >= 0.8,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);

// A 200-file intake: its text PDFs read in one process against a `pdftotext` loop over the same files,
// and a stack of photos read on the OCR pool against the `tesseract` command run on each, both
// timed in turn in the same run (poppler-utils and tesseract-ocr from Debian).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { runIntake } from '../../main/core/intake/run';
import { walkIntakePaths } from '../../main/core/intake/walk';
import { stopOcr } from '../../main/core/scan/ocr';
import { ocrWorkerCount } from '../../main/core/scan/ocr-workers';
import { LAYOUTS, photoOf, VARIANTS } from '../helpers/certificates';
import { freshContext, tempDir } from '../helpers/context';
import { certificate, variant } from '../helpers/intake-files';
import { median, report, reportRatio } from './report';

const RUNS = 3;
const PDFS = 200;

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

it('intake: 200 text PDFs vs a pdftotext loop, photos on the pool vs the tesseract command', async () => {
  const dir = tempDir('recert-intake-bench-');
  const context = freshContext({ today: '2026-12-01' });
  try {
    const letters = LAYOUTS.map((l) => l.id.charAt(0));
    const pdfs: string[] = [];
    for (let i = 0; i < PDFS; i++) {
      const v = variant(i % VARIANTS.length, { title: `Course ${i + 1}` });
      pdfs.push(await certificate(join(dir, 'pdfs'), `c${String(i).padStart(3, '0')}.pdf`, letters[i % letters.length] ?? 'A', v));
    }
    const photoCount = 2 * ocrWorkerCount();
    mkdirSync(join(dir, 'photos'));
    const photos = pdfs
      .slice(0, photoCount)
      .map((pdf, n) => photoOf(pdf, join(dir, 'photos', `p${n}.png`), { degrees: n % 2 ? -2 : 2, seed: 50 + n }));
    const options = {
      store: context.store,
      files: context.files,
      today: '2026-12-01',
      dryRun: true,
      write: <T>(change: () => T) => context.store.transaction(change),
      release: () => undefined,
    };
    const intake = async (folder: string, keepWorkers = false): Promise<number> => {
      const start = process.hrtime.bigint();
      const result = await runIntake(walkIntakePaths([folder]).files, options);
      // Cold, as `recert intake` starts its workers; warm, as the app keeps them between uploads.
      if (!keepWorkers) await stopOcr();
      const unread = result.files.filter((f) => f.status === 'unreadable').length;
      if (unread > 0) throw new Error(`${unread} files unreadable`);
      return elapsedMs(start);
    };
    const loop = (command: string, args: (file: string) => string[], files: string[]): number => {
      const start = process.hrtime.bigint();
      for (const file of files) {
        const run = spawnSync(command, args(file), { encoding: 'utf8' });
        if (run.status !== 0) throw new Error(`${command} failed on ${file}`);
      }
      return elapsedMs(start);
    };

    const ours: number[] = [];
    const pdftotext: number[] = [];
    const ourPhotos: number[] = [];
    const tesseract: number[] = [];
    const warmPhotos: number[] = [];
    await intake(join(dir, 'pdfs')); // pdf.js and the parsers loaded once, as in a running app
    for (let r = 0; r < RUNS; r++) {
      pdftotext.push(loop('pdftotext', (f) => [f, '-'], pdfs));
      ours.push(await intake(join(dir, 'pdfs')));
      tesseract.push(loop('tesseract', (f) => [f, 'stdout'], photos));
      ourPhotos.push(await intake(join(dir, 'photos')));
      await intake(join(dir, 'photos'), true);
      warmPhotos.push(await intake(join(dir, 'photos'), true));
      await stopOcr();
    }
    console.log(
      `BENCH intake: ${PDFS} text PDFs; ${photoCount} photos of 1275 × 1650 pixels on ${ocrWorkerCount()} OCR workers; ${RUNS} paired runs`,
    );
    report('200 text PDFs read and proposed, one process (median)', median(ours), 'ms', 'reference', true);
    reportRatio('  200 text PDFs vs a pdftotext loop', ours, pdftotext, 2);
    reportRatio(`  ${photoCount} photos on the pool vs the tesseract command on each (cold, as recert intake)`, ourPhotos, tesseract, 1.5);
    reportRatio(`  ${photoCount} photos, workers kept (as the app), vs the tesseract command`, warmPhotos, tesseract, 1.5);
  } finally {
    context.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);

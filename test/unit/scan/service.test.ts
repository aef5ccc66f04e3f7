// Reading a certificate through the app's service: a photo's progress is told while it is read, the
// form's notes say how sure Recert is, and nothing is stored.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanView } from '../../../main/core/domain/scan';
import { stopOcr } from '../../../main/core/scan/ocr';
import { photoOf, VARIANTS, writeCorpus } from '../../helpers/certificates';
import { freshContext, rowCounts, tempDir } from '../../helpers/context';
import { value, valueNow } from '../../helpers/results';

const dir = tempDir('recert-scan-service-');
afterAll(async () => {
  await stopOcr();
  rmSync(dir, { recursive: true, force: true });
});

describe('scanCertificate in the app', () => {
  it('tells how far a photo has come while it is read, fills in with notes, and stores nothing', async () => {
    const context = freshContext();
    try {
      const [entry] = await writeCorpus(dir, VARIANTS.slice(0, 1));
      if (!entry) throw new Error('corpus');
      const photo = photoOf(entry.pdf, join(dir, 'photo.png'), { degrees: 1, seed: 3 });
      const before = rowCounts(context);
      const reading = context.dispatch('scanCertificate', {
        fileName: 'photo.png',
        contentBase64: readFileSync(photo).toString('base64'),
        form: 'course',
      });
      const seen = new Set<string>();
      let settled = false;
      void Promise.resolve(reading).then(() => (settled = true));
      while (!settled) {
        const text = valueNow<{ text: string | null }>(context.dispatch('getScanProgress', {})).text;
        if (text) seen.add(text);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const view = await value<ScanView>(reading);
      expect(
        [...seen].some((text) => /^Recognising text… \d+ %$/.test(text)),
        [...seen].join(' | '),
      ).toBe(true);
      expect(valueNow<{ text: string | null }>(context.dispatch('getScanProgress', {})).text).toBeNull();
      expect(view.result?.source).toBe('ocr');
      expect(view.result?.fields.title?.value).toBe('Corrective Exercise Specialist');
      expect(view.notes.title?.text).toMatch(/^Read from the photo \(\d+ % sure\)/);
      expect(view.message).toMatch(/^Filled in from photo\.png \(a course certificate, read from the image \(OCR\)\)/);
      expect(rowCounts(context)).toEqual(before);
    } finally {
      context.dispose();
    }
  }, 60_000);
});

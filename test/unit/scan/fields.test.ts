// The field finders one by one, on lines of text as a PDF or OCR gives them; and files that cannot
// be read, each with its reason and nothing proposed.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { findDates } from '../../../main/core/scan/dates';
import { findAmounts, findCompleted, findExpires, findFields } from '../../../main/core/scan/fields';
import type { TextLine } from '../../../main/core/scan/lines';
import { linesFromPieces } from '../../../main/core/scan/lines';
import { stopOcr } from '../../../main/core/scan/ocr';
import { scanCertificate, UnreadableFile } from '../../../main/core/scan/scan';
import { tempDir } from '../../helpers/context';
import { writeCorpus } from '../../helpers/certificates';
import { HEIC_FIXTURE } from '../../helpers/packet-fixtures';

const lines = (...texts: string[]): TextLine[] =>
  texts.map((text, i) => ({ text, x: 72, y: 72 + i * 20, height: 12, page: 1, confidence: 1 }));
const dir = tempDir('recert-scan-');
afterAll(async () => {
  await stopOcr();
  rmSync(dir, { recursive: true, force: true });
});

describe('dates', () => {
  it('reads the forms certificates print, and refuses dates that do not exist', () => {
    const read = (text: string) => findDates(text).map((d) => d.date);
    expect(read('Completed February 1, 2026')).toEqual(['2026-02-01']);
    expect(read('on Feb. 1st, 2026')).toEqual(['2026-02-01']);
    expect(read('1 February 2026')).toEqual(['2026-02-01']);
    expect(read('2/1/2026 (US, month first)')).toEqual(['2026-02-01']);
    expect(read('01.02.2026 (European, day first)')).toEqual(['2026-02-01']);
    expect(read('2026-02-01')).toEqual(['2026-02-01']);
    expect(read('Renewal 9/2027')).toEqual(['2027-09-30']);
    expect(read('June 2027')).toEqual(['2027-06-30']);
    expect(read('2/30/2026 and 2026-13-01')).toEqual([]);
  });

  it('prefers a date labelled completed or issued to a printed one, wherever they stand', () => {
    expect(findCompleted(lines('Printed 11/20/2026', 'Date completed: 3/14/2026'))?.value).toBe('2026-03-14');
    expect(findCompleted(lines('Issued', 'June 2, 2026', 'Report date 2026-11-20'))?.value).toBe('2026-06-02');
    expect(findCompleted(lines('Issue Date 6/1/2025', 'Recommended Renewal Date 6/2027'))?.value).toBe('2025-06-01');
    expect(findExpires(lines('Issue Date 6/1/2025', 'Recommended Renewal Date 6/2027'))?.value).toBe('2027-06-30');
    // One unlabelled date: taken, less sure; none: nothing.
    expect(findCompleted(lines('on 14 March 2026'))).toEqual({ value: '2026-03-14', confidence: 0.75 });
    expect(findCompleted(lines('no date here'))).toBeNull();
  });
});

describe('amounts', () => {
  it('tells CEUs from contact hours by their labels, never taking one for the other', () => {
    expect(findAmounts(lines('CEUs: 1.9'))).toMatchObject({ ceus: { value: 1.9 }, contactHours: null });
    expect(findAmounts(lines('Contact Hours: 3'))).toMatchObject({ ceus: null, contactHours: { value: 3 } });
    expect(findAmounts(lines('0.3 CEUs (3 contact hours)'))).toMatchObject({ ceus: { value: 0.3 }, contactHours: { value: 3 } });
    expect(findAmounts(lines('Contact Hours', '4'))).toMatchObject({ contactHours: { value: 4 } });
    expect(findAmounts(lines('Credits: 0,5 CEUs'))).toMatchObject({ ceus: { value: 0.5 } });
    expect(findAmounts(lines('Printed 11/20/2026 10:30', 'Course 12 of 40'))).toEqual({ ceus: null, contactHours: null });
  });
});

describe('the whole certificate', () => {
  it('proposes nothing for text that is not a certificate', () => {
    const result = findFields(lines('Quarterly newsletter', 'Our gym opens at 6 am on Mondays', 'Dana Rivera'));
    expect(result.document).toBe('unknown');
    expect(Object.values(result.fields).every((f) => f === null)).toBe(true);
  });

  it('reads a card: issuing organisation (not the training centre), dates and what it states', () => {
    const { document, fields } = findFields(
      lines(
        'American Heart Association',
        'Heartsaver CPR AED',
        'Sam Lee',
        'has successfully completed',
        'Issue Date 6/1/2025',
        'Expiration: 6/1/2027',
        'Training Center: Iron Gym',
      ),
    );
    expect(document).toBe('cpr-aed-card');
    expect(fields).toMatchObject({
      name: { value: 'Sam Lee' },
      provider: { value: 'American Heart Association' },
      completed: { value: '2025-06-01' },
      expires: { value: '2027-06-01' },
      aed: { value: true },
    });
    expect(fields.adultCpr).toBeNull(); // not stated
    expect(findFields(lines('Adult CPR/AED', 'Online only', 'Completed 2026-01-02')).fields.handsOn?.value).toBe(false);
  });

  it('splits a row into cells by its gaps', () => {
    const rows = linesFromPieces([
      { text: 'Date Completed', x: 72, y: 100, width: 90, height: 12, page: 1 },
      { text: '3/14/2026', x: 300, y: 100, width: 60, height: 12, page: 1 },
      { text: 'Contact', x: 72, y: 130, width: 45, height: 12, page: 1 },
      { text: 'Hours', x: 120, y: 131, width: 35, height: 12, page: 1 },
    ]);
    expect(rows.map((l) => l.text)).toEqual(['Date Completed', '3/14/2026', 'Contact Hours']);
  });
});

describe('files that cannot be read', () => {
  it('says why, for a file that is not a certificate, a locked or damaged PDF, an empty or oversized file, a blank photo', async () => {
    const [entry] = await writeCorpus(dir, [
      {
        name: 'Dana Rivera',
        title: 'Corrective Exercise Specialist',
        provider: 'National Academy of Sports Medicine',
        completed: '2026-02-01',
        amount: 1.9,
        code: 'CES-2026',
      },
    ]);
    if (!entry) throw new Error('no corpus');
    const locked = join(dir, 'locked.pdf');
    execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', entry.pdf, locked]);
    const blank = new PNG({ width: 400, height: 300 });
    blank.data.fill(255);
    const reasons: [string, Uint8Array, RegExp][] = [
      ['notes.txt', Buffer.from('just some notes'), /not a PDF, JPEG, PNG or HEIC/],
      ['locked.pdf', readFileSync(locked), /locked with a password/],
      ['damaged.pdf', readFileSync(entry.pdf).subarray(0, 400), /damaged/],
      ['empty.png', new Uint8Array(0), /empty/],
      ['huge.jpg', Buffer.alloc(26 * 1024 * 1024, 0xff), /larger than the 25 MB/],
      ['blank.png', PNG.sync.write(blank), /No text was found/],
    ];
    for (const [name, bytes, why] of reasons) {
      const failure = await scanCertificate(name, bytes).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure, name).toBeInstanceOf(UnreadableFile);
      expect((failure as Error).message, name).toMatch(why);
    }
  }, 60_000);

  it('decodes a HEIC photo from a phone and reads it; a photo of something else proposes nothing', async () => {
    const result = await scanCertificate('phone.heic', readFileSync(HEIC_FIXTURE));
    expect(result.source).toBe('ocr');
    expect(result.document).toBe('unknown');
    expect(Object.values(result.fields).every((f) => f === null)).toBe(true);
  }, 60_000);
});

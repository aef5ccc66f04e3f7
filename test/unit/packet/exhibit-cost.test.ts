// Certificates built to expand enormously (a small PDF whose page content inflates past the limit,
// a PNG of huge dimensions, a PDF of thousands of pages) become a placeholder page with the file
// attached; the packet is still written, and measuring them stops at the limit.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePacket } from '../../../main/core/packet/build';
import { MAX_PDF_CONTENT_BYTES } from '../../../main/core/packet/exhibit-cost';
import { inspectExhibit } from '../../../main/core/packet/exhibits';
import type { Exhibit } from '../../../main/core/packet/plan';
import { planFromRecords } from '../../../main/core/packet/sources';
import { readRecordsFile } from '../../../main/core/records-file/parse';
import { projectRoot, tempDir } from '../../helpers/context';
import { writePacketFixture } from '../../helpers/packet-fixtures';
import { shippedRuleSets } from '../../helpers/rules';

let dir: string;
beforeAll(() => {
  dir = tempDir('recert-bomb-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A one-page PDF whose content stream inflates to `bytes` (spaces: valid, empty page content). */
async function inflatingPdf(bytes: number): Promise<string> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  const stream = doc.context.stream(deflateSync(Buffer.alloc(bytes, 0x20), { level: 9 }), { Filter: 'FlateDecode' });
  page.node.set(PDFName.of('Contents'), doc.context.register(stream));
  const path = join(dir, `inflating-${bytes}.pdf`);
  writeFileSync(path, await doc.save({ useObjectStreams: false }));
  return path;
}

function exhibit(path: string, mediaType: Exhibit['mediaType']): Exhibit {
  const size = readFileSync(path).length;
  return { number: 1, label: 'Course', fileName: 'certificate', sha256: '0'.repeat(64), size, mediaType, path };
}

describe('what an exhibit may cost', () => {
  it('draws a PDF whose content is within the limit, and gives one past it a placeholder', async () => {
    const fine = await inflatingPdf(1024 * 1024);
    expect((await inspectExhibit(exhibit(fine, 'application/pdf'))).kind).toBe('pdf');
    const bomb = await inflatingPdf(MAX_PDF_CONTENT_BYTES + 1024 * 1024);
    expect(readFileSync(bomb).length).toBeLessThan(MAX_PDF_CONTENT_BYTES / 500);
    const inspected = await inspectExhibit(exhibit(bomb, 'application/pdf'));
    expect(inspected).toMatchObject({ kind: 'placeholder', fileReadable: true });
    if (inspected.kind === 'placeholder') expect(inspected.reason).toMatch(/expand to more than 64 MB.*the file itself is attached/);
  });

  it('refuses to draw a PNG of huge dimensions without decoding it, and a PDF of thousands of pages', async () => {
    const png = new PNG({ width: 1, height: 1 });
    const header = PNG.sync.write(png);
    // Width and height in the header say 20,000 × 20,000 (400 megapixels); the data is a single pixel.
    header.writeUInt32BE(20_000, 16);
    header.writeUInt32BE(20_000, 20);
    const huge = join(dir, 'huge.png');
    writeFileSync(huge, header);
    const inspected = await inspectExhibit(exhibit(huge, 'image/png'));
    expect(inspected).toMatchObject({ kind: 'placeholder' });
    if (inspected.kind === 'placeholder') expect(inspected.reason).toMatch(/400 megapixels/);

    const doc = await PDFDocument.create();
    for (let i = 0; i < 301; i++) doc.addPage([200, 200]);
    const many = join(dir, 'many.pdf');
    writeFileSync(many, await doc.save());
    const pages = await inspectExhibit(exhibit(many, 'application/pdf'));
    expect(pages).toMatchObject({ kind: 'placeholder' });
    if (pages.kind === 'placeholder') expect(pages.reason).toMatch(/301 pages, more than the 300/);
  });

  it('still writes the packet, with the placeholder page naming why and the file attached', async () => {
    const fixture = await writePacketFixture(join(dir, 'fixture'));
    const parsed = readRecordsFile(fixture.recordsFile, new Set(shippedRuleSets.map((r) => r.id)));
    const plan = planFromRecords(parsed, shippedRuleSets, 'p1', 'c1', '2027-04-15', '2027-04-20');
    const bomb = await inflatingPdf(MAX_PDF_CONTENT_BYTES * 2);
    const [first, ...rest] = plan.exhibits;
    if (!first) throw new Error('the fixture has exhibits');
    const bombed = {
      ...plan,
      exhibits: [{ ...first, path: bomb, size: readFileSync(bomb).length, mediaType: 'application/pdf' as const }, ...rest],
    };
    const out = join(dir, 'packet.pdf');
    await writePacket(bombed, out, { fontDir: join(projectRoot, 'resources/fonts') });
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).replace(/\s+/g, ' ');
    expect(text).toContain('expand to more than 64 MB');
    expect(execFileSync('qpdf', ['--list-attachments', out], { encoding: 'utf8' })).not.toBe('');
  }, 120_000);
});

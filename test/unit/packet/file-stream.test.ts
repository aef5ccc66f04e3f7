// Photos and scans' page images whose bytes stay in their file until the packet is saved: the saved
// PDF holds each file's bytes exactly (checked with poppler's pdfimages and qpdf), and a file that
// changes in between is refused with a message instead of being written half-changed.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  PDFRawStream,
  popGraphicsState,
  pushGraphicsState,
  type PDFEmbeddedPage,
} from '@cantoo/pdf-lib';
import { encode } from 'jpeg-js';
import PDFKit from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { FILE_BACKED_MIN_BYTES, openExhibitPdf } from '../../../main/core/packet/exhibit-pdf';
import { FileBackedStream, stampOf } from '../../../main/core/packet/file-stream';
import { savePdfToFile } from '../../../main/core/packet/stream-save';
import { tempDir } from '../../helpers/context';

const dir = tempDir('recert-file-stream-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A one-page PDF drawing the JPEG at `path` through a FileBackedStream. */
async function documentWith(path: string, width: number, height: number): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const { context } = doc;
  const dict = context.obj({
    Type: 'XObject',
    Subtype: 'Image',
    BitsPerComponent: 8,
    Width: width,
    Height: height,
    ColorSpace: 'DeviceRGB',
    Filter: 'DCTDecode',
  });
  const ref = context.register(new FileBackedStream(dict, path, stampOf(path)));
  const page = doc.addPage([200, 200]);
  const name = page.node.newXObject('Image', ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(100, 0, 0, 100, 50, 50), drawObject(name), popGraphicsState());
  return doc;
}

/** A small photo-like JPEG, encoded with jpeg-js. */
function jpeg(width = 40, height = 30): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([(i * 7) % 256, 90, 200, 255], i * 4);
  return Buffer.from(encode({ data, width, height }, 80).data);
}

describe('a photo kept in its file until the packet is saved', () => {
  it('is written byte for byte', async () => {
    const photo = join(dir, 'photo.jpg');
    writeFileSync(photo, jpeg());
    const out = join(dir, 'out.pdf');
    await savePdfToFile(await documentWith(photo, 40, 30), out);
    execFileSync('qpdf', ['--check', out]);
    execFileSync('pdfimages', ['-j', out, join(dir, 'extracted')]);
    expect(readFileSync(join(dir, 'extracted-000.jpg')).equals(readFileSync(photo))).toBe(true);
  });

  it('is refused when the file changed after it was checked', async () => {
    const photo = join(dir, 'changing.jpg');
    writeFileSync(photo, jpeg());
    const doc = await documentWith(photo, 40, 30);
    writeFileSync(photo, Buffer.concat([jpeg(), Buffer.from('more')]));
    const out = join(dir, 'changed.pdf');
    await expect(savePdfToFile(doc, out)).rejects.toThrow(/changing\.jpg changed while the packet was being written; export it again/);
  });
});

/** A scan as scanner software writes it: one page, one JPEG drawn over it (pdfkit). */
function scanPdf(photo: Buffer): Promise<Buffer> {
  const doc = new PDFKit({ size: 'LETTER', margin: 0 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.image(photo, 0, 0, { width: 612, height: 792 });
  doc.end();
  return done;
}

describe("a scan's page images kept in its file until the packet is saved", () => {
  it('are written byte for byte, and the opened scan holds none of the file', async () => {
    const page = jpeg(400, 300);
    expect(page.length).toBeGreaterThan(FILE_BACKED_MIN_BYTES);
    const path = join(dir, 'scan.pdf');
    const bytes = await scanPdf(page);
    writeFileSync(path, bytes);
    const source = await openExhibitPdf(readFileSync(path), { path, stamp: stampOf(path) });
    const streams = source.context.enumerateIndirectObjects().map(([, object]) => object);
    expect(streams.filter((o) => o instanceof FileBackedStream)).toHaveLength(1);
    // Every other stream is a copy: nothing keeps the file's bytes in memory.
    for (const o of streams) if (o instanceof PDFRawStream) expect(o.contents.buffer.byteLength).toBe(o.contents.length);

    const packet = await PDFDocument.create();
    const [embedded] = await packet.embedPages(source.getPages());
    packet.addPage([612, 792]).drawPage(embedded as PDFEmbeddedPage, { x: 0, y: 0 });
    const out = join(dir, 'with-scan.pdf');
    await savePdfToFile(packet, out);
    execFileSync('qpdf', ['--check', out]);
    execFileSync('pdfimages', ['-j', out, join(dir, 'scan-image')]);
    expect(readFileSync(join(dir, 'scan-image-000.jpg')).equals(page)).toBe(true);
  });

  it('are refused when the file was rewritten, even at the same size', async () => {
    const path = join(dir, 'rewritten.pdf');
    writeFileSync(path, await scanPdf(jpeg(400, 300)));
    const source = await openExhibitPdf(readFileSync(path), { path, stamp: stampOf(path) });
    const packet = await PDFDocument.create();
    const [embedded] = await packet.embedPages(source.getPages());
    packet.addPage([612, 792]).drawPage(embedded as PDFEmbeddedPage, { x: 0, y: 0 });
    const later = new Date(Date.now() + 5000);
    utimesSync(path, later, later);
    await expect(savePdfToFile(packet, join(dir, 'rewritten-out.pdf'))).rejects.toThrow(/rewritten\.pdf changed while the packet/);
  });
});

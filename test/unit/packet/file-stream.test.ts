// Photos whose bytes stay in their file until the packet is saved: the saved PDF holds each file's
// bytes exactly (checked with poppler's pdfimages and qpdf), and a file that changes in between is
// refused with a message instead of being written half-changed.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState } from '@cantoo/pdf-lib';
import { encode } from 'jpeg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { FileBackedStream } from '../../../main/core/packet/file-stream';
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
  const ref = context.register(new FileBackedStream(dict, path, readFileSync(path).length));
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

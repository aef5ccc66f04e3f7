// PNG exhibits as PDF images, checked the way an auditor sees them: each kind of PNG is put on a page
// of its own size, the page is rendered by poppler (pdftoppm, independent of our code), and every
// pixel is compared with what the PNG holds (composited over white where it is transparent). The
// PNGs are written here byte by byte, so that every colour type, bit depth and row filter occurs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { PDFDocument, drawObject, popGraphicsState, pushGraphicsState, concatTransformationMatrix } from '@cantoo/pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { stampOf } from '../../../main/core/packet/file-stream';
import { embedPngImage, pngImage } from '../../../main/core/packet/png';

const work = mkdtempSync(join(tmpdir(), 'recert-png-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Rgb = [number, number, number];

interface Spec {
  width: number;
  height: number;
  colorType: 0 | 2 | 3 | 4 | 6;
  bitDepth: 1 | 2 | 4 | 8 | 16;
  /** The sample values of pixel (x, y), in the file's channel order and range. */
  sample: (x: number, y: number) => number[];
  palette?: Rgb[];
  transparentGrey?: number;
  interlaced?: boolean;
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;

/** The rows packed at the bit depth, each with a filter chosen in turn (None, Sub, Up, Average, Paeth). */
function encode(spec: Spec): Buffer {
  const channels = CHANNELS[spec.colorType];
  const bits = channels * spec.bitDepth;
  const stride = Math.ceil((spec.width * bits) / 8);
  const bpp = Math.max(1, Math.ceil(bits / 8));
  const raw: Buffer[] = [];
  for (let y = 0; y < spec.height; y++) {
    const row = Buffer.alloc(stride);
    let bit = 0;
    for (let x = 0; x < spec.width; x++)
      for (const value of spec.sample(x, y)) {
        if (spec.bitDepth === 16) row.writeUInt16BE(value, bit / 8);
        else if (spec.bitDepth === 8) row[bit / 8] = value;
        else row[bit >> 3] = (row[bit >> 3] ?? 0) | (value << (8 - spec.bitDepth - (bit & 7)));
        bit += spec.bitDepth;
      }
    raw.push(row);
  }
  const filtered = raw.map((row, y) => {
    const filter = y % 5;
    const prev = raw[y - 1] ?? Buffer.alloc(stride);
    const out = Buffer.alloc(stride + 1);
    out[0] = filter;
    for (let i = 0; i < stride; i++) {
      const left = i >= bpp ? (row[i - bpp] ?? 0) : 0;
      const above = prev[i] ?? 0;
      const corner = i >= bpp ? (prev[i - bpp] ?? 0) : 0;
      const p = left + above - corner;
      const paeth =
        Math.abs(p - left) <= Math.abs(p - above) && Math.abs(p - left) <= Math.abs(p - corner)
          ? left
          : Math.abs(p - above) <= Math.abs(p - corner)
            ? above
            : corner;
      const predicted = [0, left, above, (left + above) >> 1, paeth][filter] ?? 0;
      out[i + 1] = ((row[i] ?? 0) - predicted) & 0xff;
    }
    return out;
  });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(spec.width, 0);
  header.writeUInt32BE(spec.height, 4);
  header[8] = spec.bitDepth;
  header[9] = spec.colorType;
  header[12] = 0;
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header)];
  if (spec.palette) parts.push(chunk('PLTE', Buffer.from(spec.palette.flat())));
  if (spec.transparentGrey !== undefined) {
    const key = Buffer.alloc(2);
    key.writeUInt16BE(spec.transparentGrey, 0);
    parts.push(chunk('tRNS', key));
  }
  const data = deflateSync(Buffer.concat(filtered));
  // Split over two IDAT chunks, as encoders do.
  parts.push(
    chunk('IDAT', data.subarray(0, data.length >> 1)),
    chunk('IDAT', data.subarray(data.length >> 1)),
    chunk('IEND', Buffer.alloc(0)),
  );
  return Buffer.concat(parts);
}

/** What the pixel looks like on a white page. */
function expected(spec: Spec, x: number, y: number): Rgb {
  const s = spec.sample(x, y);
  const max = 2 ** spec.bitDepth - 1;
  const level = (v: number) => Math.round((v * 255) / max);
  const over = (c: number, a: number) => Math.round((c * a + 255 * (255 - a)) / 255);
  switch (spec.colorType) {
    case 0:
      return spec.transparentGrey === s[0] ? [255, 255, 255] : [level(s[0] ?? 0), level(s[0] ?? 0), level(s[0] ?? 0)];
    case 2:
      return [level(s[0] ?? 0), level(s[1] ?? 0), level(s[2] ?? 0)];
    case 3:
      return spec.palette?.[s[0] ?? 0] ?? [0, 0, 0];
    case 4: {
      const grey = over(level(s[0] ?? 0), level(s[1] ?? 0));
      return [grey, grey, grey];
    }
    case 6: {
      const a = level(s[3] ?? 0);
      return [over(level(s[0] ?? 0), a), over(level(s[1] ?? 0), a), over(level(s[2] ?? 0), a)];
    }
  }
}

/**
 * Renders the image on a page of its own pixel size with poppler at ten device pixels per image
 * pixel (at one to one, poppler smooths across neighbours); returns the centre of each, as RGB.
 */
async function rendered(bytes: Buffer, name: string): Promise<{ width: number; height: number; pixels: Buffer }> {
  const image = await pngImage(bytes);
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([image.width, image.height]);
  // Data the PDF reads as it is stays in the file until the PDF is written.
  const png = join(work, `${name}.png`);
  writeFileSync(png, bytes);
  const ref = await embedPngImage(pdf, image, { path: png, stamp: stampOf(png) });
  const xobject = page.node.newXObject('Image', ref);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(image.width, 0, 0, image.height, 0, 0),
    drawObject(xobject),
    popGraphicsState(),
  );
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, await pdf.save());
  execFileSync('pdftoppm', ['-r', '720', '-singlefile', file, join(work, name)]);
  const ppm = readFileSync(join(work, `${name}.ppm`));
  const match = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 40));
  if (!match) throw new Error('pdftoppm wrote no PPM');
  const [deviceWidth, deviceHeight] = [Number(match[1]), Number(match[2])];
  const device = ppm.subarray(match[0].length);
  const width = Math.round(deviceWidth / 10);
  const height = Math.round(deviceHeight / 10);
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      device.copy(
        pixels,
        (y * width + x) * 3,
        ((y * 10 + 5) * deviceWidth + x * 10 + 5) * 3,
        ((y * 10 + 5) * deviceWidth + x * 10 + 5) * 3 + 3,
      );
  return { width, height, pixels };
}

const gradient = (x: number, y: number, max: number) => ((x * 37 + y * 91) * 13) % (max + 1);
const kinds: [string, Spec][] = [
  [
    'RGB, 8 bits',
    { width: 23, height: 11, colorType: 2, bitDepth: 8, sample: (x, y) => [gradient(x, y, 255), (x * 11) % 256, (y * 23) % 256] },
  ],
  ['grey, 8 bits', { width: 17, height: 9, colorType: 0, bitDepth: 8, sample: (x, y) => [gradient(x, y, 255)] }],
  ['grey, 4 bits', { width: 13, height: 7, colorType: 0, bitDepth: 4, sample: (x, y) => [gradient(x, y, 15)] }],
  ['grey, 1 bit', { width: 19, height: 6, colorType: 0, bitDepth: 1, sample: (x, y) => [(x + y) % 2] }],
  [
    'palette, 8 bits',
    {
      width: 15,
      height: 8,
      colorType: 3,
      bitDepth: 8,
      palette: Array.from({ length: 200 }, (_, i): Rgb => [i, 255 - i, (i * 7) % 256]),
      sample: (x, y) => [gradient(x, y, 199)],
    },
  ],
  [
    'palette, 2 bits',
    {
      width: 9,
      height: 5,
      colorType: 3,
      bitDepth: 2,
      palette: [
        [255, 0, 0],
        [0, 128, 0],
        [0, 0, 255],
        [250, 250, 10],
      ],
      sample: (x, y) => [(x * 3 + y) % 4],
    },
  ],
  ['RGBA, opaque', { width: 21, height: 10, colorType: 6, bitDepth: 8, sample: (x, y) => [gradient(x, y, 255), 90, (x * 12) % 256, 255] }],
  ['RGBA, translucent', { width: 14, height: 12, colorType: 6, bitDepth: 8, sample: (x, y) => [200, (y * 20) % 256, 30, (x * 18) % 256] }],
  ['grey and alpha', { width: 12, height: 8, colorType: 4, bitDepth: 8, sample: (x, y) => [gradient(x, y, 255), x < 6 ? 255 : 100] }],
  ['RGB, 16 bits', { width: 8, height: 6, colorType: 2, bitDepth: 16, sample: (x, y) => [x * 8000, y * 9000, 65535] }],
  [
    'grey with a transparent key',
    { width: 10, height: 6, colorType: 0, bitDepth: 8, transparentGrey: 0, sample: (x) => [x % 3 === 0 ? 0 : 120] },
  ],
];

describe('a PNG as a PDF image', () => {
  it.each(kinds)('%s: every pixel as the PNG has it', async (name, spec) => {
    const bytes = encode(spec);
    // pngjs, independent of the code under test, reads the file the same way.
    expect(PNG.sync.read(bytes).width).toBe(spec.width);
    const { width, height, pixels } = await rendered(bytes, name.replace(/\W+/g, '-'));
    expect([width, height]).toEqual([spec.width, spec.height]);
    const wrong: string[] = [];
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const want = expected(spec, x, y);
        const at = (y * width + x) * 3;
        const got = [pixels[at], pixels[at + 1], pixels[at + 2]];
        // Poppler's blending rounds one way or the other.
        if (want.some((v, c) => Math.abs(v - (got[c] ?? -99)) > 1)) wrong.push(`(${x},${y}) ${want.join(',')} ≠ ${got.join(',')}`);
      }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('keeps the file as it is for grey, RGB and palette images, and a mask only when some pixel is translucent', async () => {
    const rgb = encode(kinds[0]?.[1] as Spec);
    const image = await pngImage(rgb);
    expect(image.predictor).toEqual({ colors: 3 });
    // The compressed data is the file's own, left in it: the bodies of its two IDAT chunks.
    const pieces = 'inFile' in image.data ? image.data.inFile : [];
    expect(pieces.map((p) => [rgb.toString('latin1', p.offset - 4, p.offset), rgb.readUInt32BE(p.offset - 8) === p.length])).toEqual([
      ['IDAT', true],
      ['IDAT', true],
    ]);
    const data = Buffer.concat(pieces.map((p) => rgb.subarray(p.offset, p.offset + p.length)));
    expect(inflateSync(data).length).toBe((23 * 3 + 1) * 11);
    expect((await pngImage(encode(kinds[6]?.[1] as Spec))).alpha).toBeNull();
    expect((await pngImage(encode(kinds[7]?.[1] as Spec))).alpha).not.toBeNull();
  });

  it('refuses a damaged PNG: a changed byte, a cut file, data of the wrong length', async () => {
    const bytes = encode(kinds[0]?.[1] as Spec);
    const changed = Buffer.from(bytes);
    changed[60] = (changed[60] ?? 0) ^ 0xff;
    await expect(pngImage(changed)).rejects.toThrow(/damaged|CRC/);
    await expect(pngImage(bytes.subarray(0, 40))).rejects.toThrow();
    // A header that claims more rows than the data holds (with its CRC made right).
    const taller = Buffer.from(bytes);
    taller.writeUInt32BE(12, 20);
    taller.writeUInt32BE(crc32(taller.subarray(12, 29)), 29);
    await expect(pngImage(taller)).rejects.toThrow(/wrong length/);
    await expect(pngImage(Buffer.from('not a png at all'))).rejects.toThrow('not a PNG');
  });
});

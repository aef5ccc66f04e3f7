// A PNG exhibit as PDF image data, made with Node's own zlib, decoding as little as each file needs.
//
// - Grey, RGB and palette PNGs of up to 8 bits without transparency go into the PDF as they are:
//   PDF reads PNG's compressed, row-filtered data itself (FlateDecode with the PNG predictors), so
//   the data is only inflated once here, natively, to check that it is whole, and stays in the file
//   (its IDAT chunks) until the packet is saved.
// - PNGs with an alpha channel (8 bits, not interlaced; phone and Mac screenshots are) are inflated
//   natively and unfiltered here; the colour samples, and the alpha channel as a soft mask when any
//   pixel is not fully opaque, are deflated again natively.
// - Anything else (16-bit with alpha, interlaced, a tRNS colour key) goes through pngjs, which gives
//   8-bit RGBA whatever the file.
//
// pdf-lib's embedPng did all of it in JavaScript (UPNG and fflate), and so would pngjs for every
// file: decoding a few screenshots that way was a large part of a packet's time.
import { promisify } from 'node:util';
import { crc32, deflate, inflate } from 'node:zlib';
import { PDFHexString, PDFName, type PDFDocument, type PDFRef } from '@cantoo/pdf-lib';
import { FileBackedStream, type FilePiece, type FileStamp } from './file-stream';

/** Image data and the PDF image dictionary entries that describe it (besides Width and Height). */
export interface PngImage {
  width: number;
  height: number;
  /**
   * The colour samples, deflated (FlateDecode): the file's own IDAT data, where in the file it is,
   * or samples decoded here, deflated in zlib's thread pool while the packet goes on (the other
   * exhibits, the front matter) and awaited when the image is embedded, so that deflating noisy
   * screenshots does not hold up the main thread.
   */
  data: { inFile: FilePiece[] } | { deflated: Promise<Buffer> };
  colorSpace: 'DeviceGray' | 'DeviceRGB' | { indexed: Buffer };
  bitsPerComponent: number;
  /** PNG row filters are in `data` (and `alpha`): the PDF reader undoes them (DecodeParms /Predictor 15). */
  predictor: { colors: number } | null;
  /** The alpha channel, 8 bits, deflated, row-filtered like `data`; null when every pixel is opaque. */
  alpha: Promise<Buffer> | null;
}

const deflateAsync = promisify(deflate);
const inflateAsync = promisify(inflate);
/** Deflates in zlib's thread pool; awaited when embedded (and a packet cancelled before that never rejects). */
function deflateLater(samples: Buffer): Promise<Buffer> {
  const deflated = deflateAsync(samples, { level: LEVEL });
  deflated.catch(() => undefined);
  return deflated;
}

interface Header {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Samples per pixel by PNG colour type. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/**
 * Deflate level for samples decoded here: level 1 keeps screenshots small (flat colour compresses
 * well at any level) and is much faster than the default on photos saved as PNG.
 */
const LEVEL = 1;

/** The chunks a PDF needs, each checked against its CRC; throws when the file is damaged. */
function readChunks(bytes: Buffer): {
  header: Header;
  palette: Buffer | null;
  transparency: boolean;
  compressed: Buffer;
  /** Where the IDAT chunks' data sit in the file. */
  idat: FilePiece[];
} {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  let header: Header | null = null;
  let palette: Buffer | null = null;
  let transparency = false;
  const idat: FilePiece[] = [];
  let offset = 8;
  for (;;) {
    if (offset + 12 > bytes.length) throw new Error('the file ends before its last chunk');
    const length = bytes.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > bytes.length) throw new Error('the file ends inside a chunk');
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(offset + 8 + length)) {
      throw new Error(`the ${type} chunk is damaged (CRC mismatch)`);
    }
    if (type === 'IHDR') {
      if (length !== 13) throw new Error('bad IHDR chunk');
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        bitDepth: body[8] ?? 0,
        colorType: body[9] ?? 0,
        interlaced: body[12] === 1,
      };
    } else if (type === 'PLTE') palette = Buffer.from(body);
    else if (type === 'tRNS') transparency = true;
    else if (type === 'IDAT') idat.push({ offset: offset + 8, length });
    else if (type === 'IEND') break;
    offset = end;
  }
  if (!header || idat.length === 0) throw new Error('no image header or data');
  if (header.width === 0 || header.height === 0) throw new Error('the image has no pixels');
  const parts = idat.map((piece) => bytes.subarray(piece.offset, piece.offset + piece.length));
  const compressed = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  return { header, palette, transparency, compressed, idat };
}

/** Bytes of one filtered row, its filter byte included. */
function rowBytes(header: Header): number {
  return Math.ceil((header.width * (CHANNELS[header.colorType] ?? 1) * header.bitDepth) / 8) + 1;
}

/**
 * Inflates the image data in zlib's thread pool (the packet checks its exhibits while it measures
 * its front matter), refusing data that is short (damaged) or longer than its size says.
 */
async function inflateExactly(compressed: Buffer, size: number): Promise<Buffer> {
  // One output chunk of the known size: zlib's default of 16 KB made a screenshot hundreds of round
  // trips to the thread pool and a copy of every chunk, most of that work on this thread.
  const raw = await inflateAsync(compressed, { maxOutputLength: size + 1, chunkSize: Math.max(64, size + 1) });
  if (raw.length !== size) throw new Error('the image data is damaged (wrong length)');
  return raw;
}

/**
 * Undoes PNG's row filter of one row (`filtered`, without its filter byte) into `out`, given the
 * unfiltered row above (zeros for the first row); bpp: bytes per pixel.
 */
function unfilterRow(filter: number, filtered: Uint8Array, out: Uint8Array, prev: Uint8Array, bpp: number): void {
  const width = filtered.length;
  // One loop per filter type rather than a switch per byte: much faster.
  switch (filter) {
    case 0:
      out.set(filtered);
      break;
    case 1:
      for (let x = 0; x < width; x++) out[x] = ((filtered[x] as number) + (x >= bpp ? (out[x - bpp] as number) : 0)) & 0xff;
      break;
    case 2:
      for (let x = 0; x < width; x++) out[x] = ((filtered[x] as number) + (prev[x] as number)) & 0xff;
      break;
    case 3:
      for (let x = 0; x < width; x++) {
        const left = x >= bpp ? (out[x - bpp] as number) : 0;
        out[x] = ((filtered[x] as number) + ((left + (prev[x] as number)) >> 1)) & 0xff;
      }
      break;
    case 4:
      for (let x = 0; x < width; x++) {
        const left = x >= bpp ? (out[x - bpp] as number) : 0;
        const above = prev[x] as number;
        const corner = x >= bpp ? (prev[x - bpp] as number) : 0;
        const p = left + above - corner;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - above);
        const pc = Math.abs(p - corner);
        out[x] = ((filtered[x] as number) + (pa <= pb && pa <= pc ? left : pb <= pc ? above : corner)) & 0xff;
      }
      break;
    default:
      throw new Error(`unknown row filter ${filter}`);
  }
}

/**
 * 8-bit pixels of `bpp` bytes, the last of them alpha, as colour samples and an alpha channel apart,
 * each row written with PNG's Up filter (the difference from the row above) for the PDF reader to
 * undo (/Predictor 15). Flat screenshot areas become runs of zeros: deflating is faster and the
 * result smaller, for noisy screenshots as well as flat ones.
 * The alpha channel is kept only when some pixel is not fully opaque. Rows come one at a time from
 * `rowAt`, given the row before, so that no whole unfiltered image is ever held.
 */
function splitWithUpFilter(width: number, height: number, bpp: number, rowAt: (y: number, previous: Uint8Array) => Uint8Array): PngImage {
  const colors = bpp - 1;
  const samplesRow = width * colors + 1;
  const samples = Buffer.allocUnsafe(height * samplesRow);
  const alpha = Buffer.allocUnsafe(height * (width + 1));
  let opaque = true;
  let prev: Uint8Array = new Uint8Array(width * bpp);
  for (let y = 0; y < height; y++) {
    const cur = rowAt(y, prev);
    let to = y * samplesRow;
    let alphaTo = y * (width + 1);
    samples[to++] = 2;
    alpha[alphaTo++] = 2;
    for (let at = 0; at < cur.length; at += bpp) {
      for (let c = 0; c < colors; c++) samples[to++] = ((cur[at + c] as number) - (prev[at + c] as number)) & 0xff;
      const a = cur[at + colors] as number;
      if (a !== 255) opaque = false;
      alpha[alphaTo++] = (a - (prev[at + colors] as number)) & 0xff;
    }
    prev = cur;
  }
  return {
    width,
    height,
    data: { deflated: deflateLater(samples) },
    colorSpace: colors === 3 ? 'DeviceRGB' : 'DeviceGray',
    bitsPerComponent: 8,
    predictor: { colors },
    alpha: opaque ? null : deflateLater(alpha),
  };
}

/** An 8-bit grey or RGB image with an alpha channel, unfiltered here a row at a time. */
async function splitAlpha(header: Header, compressed: Buffer): Promise<PngImage> {
  const bpp = header.colorType === 6 ? 4 : 2;
  const stride = rowBytes(header);
  const raw = await inflateExactly(compressed, stride * header.height);
  // Two rows in turn: the one being unfiltered and the one above it.
  const rows = [new Uint8Array(stride - 1), new Uint8Array(stride - 1)];
  return splitWithUpFilter(header.width, header.height, bpp, (y, previous) => {
    const out = rows[y % 2] as Uint8Array;
    unfilterRow(raw[y * stride] as number, raw.subarray(y * stride + 1, (y + 1) * stride), out, previous, bpp);
    return out;
  });
}

/** Any PNG pngjs reads, as 8-bit RGB and alpha (pngjs loaded only for these). */
async function throughPngjs(bytes: Buffer): Promise<PngImage> {
  const { PNG } = await import('pngjs');
  const { width, height, data } = PNG.sync.read(bytes);
  return splitWithUpFilter(width, height, 4, (y) => data.subarray(y * width * 4, (y + 1) * width * 4));
}

/** Rejects when the PNG is damaged or cannot be read. */
export async function pngImage(bytes: Buffer): Promise<PngImage> {
  const { header, palette, transparency, compressed, idat } = readChunks(bytes);
  const { colorType, bitDepth, interlaced } = header;
  if (!interlaced && !transparency && (colorType === 0 || colorType === 2 || colorType === 3) && bitDepth <= 8) {
    if (colorType === 3 && (!palette || palette.length % 3 !== 0 || palette.length === 0)) throw new Error('the palette is missing');
    if (colorType === 2 && bitDepth !== 8) throw new Error(`bad bit depth ${bitDepth} for an RGB image`);
    // Checked whole (natively, bounded by the size it must have), then handed to the PDF as it is.
    await inflateExactly(compressed, rowBytes(header) * header.height);
    return {
      width: header.width,
      height: header.height,
      data: { inFile: idat },
      colorSpace: colorType === 3 ? { indexed: palette as Buffer } : colorType === 2 ? 'DeviceRGB' : 'DeviceGray',
      bitsPerComponent: bitDepth,
      predictor: { colors: colorType === 2 ? 3 : 1 },
      alpha: null,
    };
  }
  if (!interlaced && !transparency && (colorType === 4 || colorType === 6) && bitDepth === 8) return splitAlpha(header, compressed);
  return throughPngjs(bytes);
}

/** The image as a PDF image XObject (and its soft mask), registered in `packet`; `file` is the PNG's. */
export async function embedPngImage(packet: PDFDocument, image: PngImage, file: { path: string; stamp: FileStamp }): Promise<PDFRef> {
  const { context } = packet;
  const size = { Type: 'XObject', Subtype: 'Image', Width: image.width, Height: image.height };
  const mask = image.alpha
    ? context.register(
        context.stream(await image.alpha, {
          ...size,
          BitsPerComponent: 8,
          Filter: 'FlateDecode',
          ColorSpace: 'DeviceGray',
          ...(image.predictor ? { DecodeParms: { Predictor: 15, Colors: 1, BitsPerComponent: 8, Columns: image.width } } : {}),
        }),
      )
    : null;
  const { colorSpace } = image;
  const space =
    typeof colorSpace === 'string'
      ? PDFName.of(colorSpace)
      : context.obj([
          PDFName.of('Indexed'),
          PDFName.of('DeviceRGB'),
          colorSpace.indexed.length / 3 - 1,
          PDFHexString.of(colorSpace.indexed.toString('hex')),
        ]);
  const dict = {
    ...size,
    BitsPerComponent: image.bitsPerComponent,
    ColorSpace: space,
    Filter: 'FlateDecode',
    ...(image.predictor
      ? { DecodeParms: { Predictor: 15, Colors: image.predictor.colors, BitsPerComponent: image.bitsPerComponent, Columns: image.width } }
      : {}),
    ...(mask ? { SMask: mask } : {}),
  };
  const { data } = image;
  return context.register(
    'inFile' in data
      ? new FileBackedStream(context.obj(dict), file.path, file.stamp, data.inFile)
      : context.stream(await data.deflated, dict),
  );
}

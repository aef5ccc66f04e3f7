// Certificate files as packet pages. A first pass reads every file and decides how many pages it
// becomes (and, for files that cannot be shown, why); the second pass draws them into the packet.
import { readFileSync } from 'node:fs';
import type { PDFDocument } from '@cantoo/pdf-lib';
import { sniffMediaType } from '../attachments/media-type';
import { readHead } from '../attachments/read-file';
import { openExhibitPdf } from './exhibit-pdf';
import { imageCostProblem, pdfCostProblem, PNG_HEADER_BYTES, pngPixels, pngSampleBytes } from './exhibit-cost';
import { stampOf, type FileStamp } from './file-stream';
import { isQuarterTurn, readJpegInfo, type JpegInfo } from './jpeg';
import { pngImage, type PngImage } from './png';
import { FOOTER_BAND, LETTER, STAMP_BAND } from './pen';
import type { Exhibit } from './plan';

export interface PageBox {
  width: number;
  height: number;
}

export type InspectedExhibit =
  /** The PDF opened once, here, its large streams left in the file (exhibit-pdf.ts) until saved. */
  | { kind: 'pdf'; pages: PageBox[]; document: PDFDocument }
  /** A HEIC photo turned into JPEG is held `converted`; other JPEGs are read from their file when saved. */
  | { kind: 'jpeg'; pages: [PageBox]; info: JpegInfo; bytes: { converted: Uint8Array } | { inFile: FileStamp } }
  /** The PNG checked (and decoded when it must be) once, here, and embedded as it is when its page is drawn. */
  | { kind: 'png'; pages: [PageBox]; image: PngImage; stamp: FileStamp }
  | { kind: 'placeholder'; pages: [PageBox]; reason: string; fileReadable: boolean };

/** Bytes read to recognise a file and find a JPEG's size and orientation. */
const JPEG_HEAD = 256 * 1024;

/** Side margin of exhibit pages; the stamp and the footer have their own bands. */
export const SIDE = 24;

function placeholder(reason: string, fileReadable = true): InspectedExhibit {
  return { kind: 'placeholder', pages: [LETTER], reason, fileReadable };
}

/** A Letter page in the orientation that fits a picture of this displayed shape best. */
function pageFor(width: number, height: number): PageBox {
  return width > height ? { width: LETTER.height, height: LETTER.width } : LETTER;
}

function describeLoadError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/NEEDS PASSWORD|password/i.test(message)) return 'The PDF is locked with a password, so its pages cannot be shown.';
  // A parser's own words help only when they describe the file, not the parser's internals.
  const detail = error instanceof TypeError || !message ? '' : ` (${message.slice(0, 120)})`;
  return `The PDF is damaged or incomplete and cannot be read${detail}.`;
}

async function convertHeic(bytes: Uint8Array): Promise<Uint8Array> {
  // heic-convert decodes with libheif compiled to WebAssembly: no native code, works offline. Loaded
  // on first use: the decoder is large and most packets have no HEIC photo.
  const { default: convert } = await import('heic-convert');
  return new Uint8Array(await convert({ buffer: bytes, format: 'JPEG', quality: 0.9 }));
}

/**
 * What checking the file holds in memory, about: a JPEG's first segments; a PNG whole, with its
 * samples inflated and, for one with alpha, split in two (its header says how many); a PDF whole.
 */
export function inspectionBytes(exhibit: Exhibit): number {
  if (exhibit.mediaType === 'image/jpeg') return Math.min(exhibit.size, JPEG_HEAD);
  if (exhibit.mediaType !== 'image/png') return exhibit.size;
  try {
    return exhibit.size + 2 * (pngSampleBytes(readHead(exhibit.path, PNG_HEADER_BYTES)) ?? 0);
  } catch {
    return exhibit.size; // a missing file is found so when it is checked
  }
}

/** First pass: how the file will appear, and on how many pages. */
export async function inspectExhibit(exhibit: Exhibit): Promise<InspectedExhibit> {
  let head: Buffer;
  try {
    head = readHead(exhibit.path, JPEG_HEAD);
  } catch {
    return placeholder('The file is missing from the data folder; restore it from a backup.', false);
  }
  const actual = sniffMediaType(head);
  if (!actual) return placeholder('The file is not a PDF, JPEG, PNG or HEIC/HEIF image (unsupported or mislabeled).');
  if (actual === 'image/jpeg') {
    // Size and orientation sit in the first segments; only a huge EXIF block needs the whole file.
    const info = readJpegInfo(head) ?? readJpegInfo(readFileSync(exhibit.path));
    if (!info) return placeholder('The JPEG image is damaged and cannot be read.');
    const [w, h] = isQuarterTurn(info.orientation) ? [info.height, info.width] : [info.width, info.height];
    return { kind: 'jpeg', pages: [pageFor(w, h)], info, bytes: { inFile: stampOf(exhibit.path) } };
  }
  // Taken before the file is read: a change after this is refused when the packet is saved.
  const stamp = stampOf(exhibit.path);
  const bytes = readFileSync(exhibit.path);

  if (actual === 'application/pdf') {
    try {
      const pdf = await openExhibitPdf(bytes, { path: exhibit.path, stamp });
      const pages = pdf.getPages().map((page) => {
        const { width, height } = page.getSize();
        return page.getRotation().angle % 180 === 0 ? { width, height } : { width: height, height: width };
      });
      if (pages.length === 0) return placeholder('The PDF has no pages.');
      const tooCostly = pdfCostProblem(pdf);
      if (tooCostly) return placeholder(tooCostly);
      return { kind: 'pdf', pages, document: pdf };
    } catch (error) {
      return placeholder(describeLoadError(error));
    }
  }

  if (actual === 'image/heic' || actual === 'image/heif') {
    let jpeg: Uint8Array;
    try {
      jpeg = await convertHeic(bytes);
    } catch (error) {
      return placeholder(
        `The HEIC/HEIF photo cannot be decoded (${error instanceof Error ? error.message.slice(0, 100) : 'unknown error'}).`,
      );
    }
    const info = readJpegInfo(jpeg);
    if (!info) return placeholder('The HEIC/HEIF photo could not be converted.');
    return {
      kind: 'jpeg',
      pages: [pageFor(info.width, info.height)],
      info: { ...info, orientation: 1 },
      bytes: { converted: jpeg },
    };
  }

  // PNG: decode once now, so that a damaged file becomes a placeholder page rather than a failure later;
  // its size is read from the header first, so that a huge one is never decoded.
  const tooLarge = imageCostProblem(pngPixels(bytes) ?? 0);
  if (tooLarge) return placeholder(tooLarge);
  try {
    const image = await pngImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { kind: 'png', pages: [pageFor(image.width, image.height)], image, stamp };
  } catch (error) {
    return placeholder(
      `The PNG image is damaged and cannot be read (${error instanceof Error ? error.message.slice(0, 100) : 'unknown error'}).`,
    );
  }
}

/** The box inside an exhibit page where its content goes, clear of the stamp and the footer. */
export function contentBox(page: PageBox): { x: number; y: number; width: number; height: number } {
  return { x: SIDE, y: FOOTER_BAND, width: page.width - 2 * SIDE, height: page.height - STAMP_BAND - FOOTER_BAND };
}

/** Largest box of the given shape inside `box`, centred. */
export function fit(box: { x: number; y: number; width: number; height: number }, width: number, height: number) {
  const scale = Math.min(box.width / width, box.height / height);
  const w = width * scale;
  const h = height * scale;
  return { x: box.x + (box.width - w) / 2, y: box.y + (box.height - h) / 2, width: w, height: h, scale };
}

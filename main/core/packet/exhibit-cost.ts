// What one certificate may cost the packet. A small file can be built to expand enormously: a 1 MB
// PDF whose page content inflates to 1 GiB, a PNG of 50,000 × 50,000 pixels. Such a file is measured
// (with the inflation stopped at the limit, so measuring costs no more than the limit) and shown as a
// placeholder page with the file attached, instead of exhausting memory.
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';

/** Page content a certificate plausibly has: a scanned page's content stream is a few KB. */
export const MAX_PDF_CONTENT_BYTES = 64 * 1024 * 1024;
/** A certificate is a page or two; a course transcript a few dozen. */
export const MAX_EXHIBIT_PAGES = 300;
/** A 12-megapixel phone photo is 4000 × 3000; a scan at 600 dpi of a letter page about 34 megapixels. */
export const MAX_IMAGE_PIXELS = 60_000_000;

/** The bytes a stream's content inflates to, or Infinity once past `budget`. */
function inflatedSize(stream: PDFRawStream, budget: number): number {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray() : filter ? [filter] : [];
  if (filters.length === 0) return stream.contents.length;
  // Flate is the filter a content stream uses; anything exotic is measured as decoded by pdf-lib later.
  if (filters.length === 1 && filters[0] === PDFName.of('FlateDecode')) {
    try {
      return inflateSync(stream.contents, { maxOutputLength: budget + 1 }).length;
    } catch (error) {
      if (error instanceof RangeError) return Number.POSITIVE_INFINITY;
      // A damaged stream: pdf-lib draws what it can, as for any damaged PDF.
      return stream.contents.length;
    }
  }
  return stream.contents.length;
}

/** Why a PDF is too costly to draw into the packet, or null when it is fine. */
export function pdfCostProblem(pdf: PDFDocument): string | null {
  const pages = pdf.getPages();
  if (pages.length > MAX_EXHIBIT_PAGES) {
    return `The PDF has ${pages.length} pages, more than the ${MAX_EXHIBIT_PAGES} a certificate exhibit may have; the file itself is attached to this page.`;
  }
  let remaining = MAX_PDF_CONTENT_BYTES;
  const seen = new Set<PDFObject>();
  for (const page of pages) {
    const contents = page.node.get(PDFName.of('Contents'));
    const parts = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    for (const part of parts) {
      const stream = part instanceof PDFRef ? pdf.context.lookup(part) : part;
      if (!(stream instanceof PDFRawStream) || seen.has(stream)) continue;
      seen.add(stream);
      remaining -= inflatedSize(stream, remaining);
      if (remaining < 0) {
        return `The PDF's pages expand to more than ${MAX_PDF_CONTENT_BYTES / 1024 / 1024} MB, far more than a certificate; it is not drawn here, and the file itself is attached to this page.`;
      }
    }
  }
  return null;
}

/** A PNG's size from its header (IHDR), without decoding it. */
export function pngPixels(bytes: Uint8Array): number | null {
  if (bytes.length < 24) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(16) * view.getUint32(20);
}

/** The signature and the IHDR chunk. */
export const PNG_HEADER_BYTES = 33;
/** Samples per pixel by PNG colour type. */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** The bytes a PNG's samples take once inflated, from its header (IHDR), without decoding it. */
export function pngSampleBytes(bytes: Uint8Array): number | null {
  if (bytes.length < PNG_HEADER_BYTES) return null;
  const pixels = pngPixels(bytes) ?? 0;
  const bitDepth = bytes[24] ?? 8;
  const channels = PNG_CHANNELS[bytes[25] ?? 6] ?? 4;
  return Math.ceil((pixels * channels * bitDepth) / 8);
}

export function imageCostProblem(pixels: number): string | null {
  return pixels > MAX_IMAGE_PIXELS
    ? `The image has ${Math.round(pixels / 1_000_000)} megapixels, more than a photo or scan of a certificate; it is not drawn here, and the file itself is attached to this page.`
    : null;
}

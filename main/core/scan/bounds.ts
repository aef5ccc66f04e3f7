// What a file may cost before it is read: a certificate is a page or a photo, and a file someone sends
// can be built to cost far more. A device or a pipe is never read (it may not end); a file over the
// attachment limit is refused from its size alone; an image declaring more pixels than a photo or a
// scan has is refused from its header, before any decoder allocates them; a PDF whose streams inflate
// beyond what certificates hold is refused with the inflation stopped at that bound. The bounds are
// the packet's own (packet/exhibit-cost.ts): what the packet would not draw, scan does not read.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import type { AttachmentMediaType } from '../domain/records';
import { MAX_ATTACHMENT_BYTES } from '../domain/records';
import { MAX_IMAGE_PIXELS, MAX_PDF_CONTENT_BYTES, pngPixels } from '../packet/exhibit-cost';
import { readJpegInfo } from '../packet/jpeg';

export class UnreadableFile extends Error {}

const MB = 1024 * 1024;

/**
 * A certificate file's bytes, refused before reading when it is not a regular file, is empty, or is
 * larger than an attachment may be. Reads at most one byte past the limit (a file growing while read).
 */
export function readCertificateFile(path: string): Buffer {
  let fd: number;
  try {
    // Opening a FIFO for reading would wait for a writer: O_NONBLOCK returns at once for it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UnreadableFile('The file does not exist.');
    if (code === 'EACCES' || code === 'EPERM') throw new UnreadableFile('The file cannot be opened (permission denied).');
    if (code === 'EISDIR') throw new UnreadableFile('It is a folder, not a file.');
    throw new UnreadableFile(`The file cannot be opened (${code ?? String(error)}).`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new UnreadableFile('It is a folder, not a file.');
    if (!stat.isFile()) throw new UnreadableFile('It is not a regular file (a device, pipe or socket): save the certificate as a file.');
    if (stat.size === 0) throw new UnreadableFile('The file is empty.');
    if (stat.size > MAX_ATTACHMENT_BYTES) throw new UnreadableFile(tooLarge(stat.size));
    const buffer = Buffer.alloc(Math.min(stat.size, MAX_ATTACHMENT_BYTES) + 1);
    let length = 0;
    for (;;) {
      let read: number;
      try {
        read = readSync(fd, buffer, length, buffer.length - length, null);
      } catch (error) {
        throw new UnreadableFile(`The file cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
      }
      if (read === 0) break;
      length += read;
      if (length > MAX_ATTACHMENT_BYTES) throw new UnreadableFile(tooLarge(length));
      if (length === buffer.length) break;
    }
    if (length === 0) throw new UnreadableFile('The file is empty.');
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

export function tooLarge(size: number): string {
  return `The file is ${(size / MB).toFixed(1)} MB, larger than the ${MAX_ATTACHMENT_BYTES / MB} MB a certificate file may be.`;
}

/** The bytes' size bound, for bytes that did not come from a file (the app's upload). */
export function checkSize(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new UnreadableFile('The file is empty.');
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new UnreadableFile(tooLarge(bytes.length));
}

/** An HEIF image's declared size: the largest 'ispe' (image spatial extents) property it holds. */
function heifPixels(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let largest: number | null = null;
  // The properties sit in the 'meta' box near the start; a photo's is within its first 64 KB.
  const end = Math.min(bytes.length - 16, 1024 * 1024);
  for (let i = 4; i < end; i++) {
    if (bytes[i] !== 0x69 || bytes[i + 1] !== 0x73 || bytes[i + 2] !== 0x70 || bytes[i + 3] !== 0x65) continue;
    // size(4) 'ispe' version+flags(4) width(4) height(4)
    const pixels = view.getUint32(i + 8) * view.getUint32(i + 12);
    largest = Math.max(largest ?? 0, pixels);
  }
  return largest;
}

/** The pixels an image declares in its header, or null when its header cannot be read. */
export function declaredPixels(bytes: Uint8Array, type: AttachmentMediaType): number | null {
  if (type === 'image/png') return pngPixels(bytes);
  if (type === 'image/jpeg') {
    const info = readJpegInfo(bytes);
    return info ? info.width * info.height : null;
  }
  if (type === 'image/heic' || type === 'image/heif') return heifPixels(bytes);
  return null;
}

/** Refuses an image whose header declares more pixels than a photo of a certificate, before decoding. */
export function checkImagePixels(bytes: Uint8Array, type: AttachmentMediaType): void {
  const pixels = declaredPixels(bytes, type);
  if (pixels === null) throw new UnreadableFile('The image is damaged: its size cannot be read.');
  if (pixels === 0) throw new UnreadableFile('The image has no pixels.');
  if (pixels > MAX_IMAGE_PIXELS) {
    throw new UnreadableFile(
      `The image declares ${Math.round(pixels / 1_000_000).toLocaleString('en-US')} megapixels, more than the ${MAX_IMAGE_PIXELS / 1_000_000} a photo or scan of a certificate has.`,
    );
  }
}

const STREAM = Buffer.from('stream', 'latin1');
const END_STREAM = Buffer.from('endstream', 'latin1');

/**
 * Refuses a PDF whose streams together inflate to more than certificates hold. Every stream is
 * measured from the raw bytes (an object stream hides objects, never streams), each inflation
 * stopped at what is left of the bound, so a bomb costs no more than the bound to find.
 */
export function checkPdfInflation(bytes: Uint8Array): void {
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let remaining = MAX_PDF_CONTENT_BYTES;
  let at = 0;
  for (;;) {
    const keyword = pdf.indexOf(STREAM, at);
    if (keyword < 0) return;
    at = keyword + STREAM.length;
    // "endstream" also contains "stream"; a stream's data starts after an end of line.
    if (keyword >= 3 && pdf.toString('latin1', keyword - 3, keyword) === 'end') continue;
    let start = at;
    if (pdf[start] === 0x0d) start++;
    if (pdf[start] !== 0x0a) continue;
    start++;
    const end = pdf.indexOf(END_STREAM, start);
    const data = pdf.subarray(start, end < 0 ? pdf.length : end);
    remaining -= inflatedLength(data, remaining);
    if (remaining < 0) {
      throw new UnreadableFile(
        `The PDF expands to more than ${MAX_PDF_CONTENT_BYTES / MB} MB when opened, far more than a certificate: it was not read.`,
      );
    }
    at = end < 0 ? pdf.length : end + END_STREAM.length;
  }
}

function inflatedLength(data: Buffer, budget: number): number {
  // Only zlib data (FlateDecode) is inflated here; other filters decode to about their own size.
  if (data.length < 2 || (data[0] ?? 0) % 16 !== 8 || (((data[0] ?? 0) << 8) | (data[1] ?? 0)) % 31 !== 0) return data.length;
  try {
    return inflateSync(data, {
      maxOutputLength: Math.max(budget, 0) + 1,
      finishFlush: 2 /* Z_SYNC_FLUSH: a truncated stream is measured as far as it goes */,
    }).length;
  } catch (error) {
    if (error instanceof RangeError) return Number.POSITIVE_INFINITY;
    return data.length;
  }
}

import type { AttachmentMediaType } from '../domain/records';

/**
 * What a certificate file really is, from its first bytes: names and the renderer's claims are not
 * trusted (a phone photo called .pdf is common). Returns null for anything Recert cannot show.
 */
export function sniffMediaType(bytes: Uint8Array): AttachmentMediaType | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  // PDF readers accept the header within the first 1 KB, after stray bytes.
  if (ascii(0, Math.min(bytes.length, 1024)).includes('%PDF-')) return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  // ISO base media file: size(4) 'ftyp' brand(4). HEIC/HEIF brands from ISO/IEC 23008-12.
  if (bytes.length >= 12 && ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx'].includes(brand)) return 'image/heic';
    if (['mif1', 'msf1', 'heif'].includes(brand)) return 'image/heif';
  }
  return null;
}

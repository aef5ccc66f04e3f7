// Reads what the packet needs from a JPEG without decoding it: pixel size and EXIF orientation
// (phones store photos sideways and record the turn in EXIF; the JPEG is embedded as is, so the
// turn must be applied when it is drawn).

export interface JpegInfo {
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 = as stored). */
  orientation: number;
  /** Colour components (1 grey, 3 colour, 4 CMYK) and bits per sample, from the frame header. */
  components: number;
  bitsPerComponent: number;
}

function exifOrientation(bytes: Uint8Array, start: number, length: number): number {
  // "Exif\0\0" then a TIFF header.
  if (String.fromCharCode(...bytes.subarray(start, start + 4)) !== 'Exif') return 1;
  const tiff = start + 6;
  const little = bytes[tiff] === 0x49;
  const u16 = (at: number) => (little ? (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) : ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0));
  const u32 = (at: number) => (little ? u16(at) + u16(at + 2) * 65536 : u16(at) * 65536 + u16(at + 2));
  const ifd = tiff + u32(tiff + 4);
  if (ifd + 2 > start + length) return 1;
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > start + length) break;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** Null when the bytes are not a readable JPEG. */
export function readJpegInfo(bytes: Uint8Array): JpegInfo | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let orientation = 1;
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
    if (length < 2) return null;
    if (marker === 0xe1) orientation = exifOrientation(bytes, offset + 4, length - 2);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const bitsPerComponent = bytes[offset + 4] ?? 0;
      const height = ((bytes[offset + 5] ?? 0) << 8) | (bytes[offset + 6] ?? 0);
      const width = ((bytes[offset + 7] ?? 0) << 8) | (bytes[offset + 8] ?? 0);
      const components = bytes[offset + 9] ?? 0;
      return width > 0 && height > 0 && [1, 3, 4].includes(components)
        ? { width, height, orientation, components, bitsPerComponent }
        : null;
    }
    if (marker === 0xda) return null; // image data before any frame header: damaged
    offset += 2 + length;
  }
  return null;
}

/**
 * The PDF transformation matrix [a b c d e f] that draws an image (the unit square) into the box
 * (x, y, width, height) of the page as it should be seen, for each EXIF orientation. The box is the
 * displayed size, so for orientations 5–8 it is the stored image turned a quarter.
 */
export function orientationMatrix(
  orientation: number,
  x: number,
  y: number,
  width: number,
  height: number,
): [number, number, number, number, number, number] {
  switch (orientation) {
    case 2:
      return [-width, 0, 0, height, x + width, y];
    case 3:
      return [-width, 0, 0, -height, x + width, y + height];
    case 4:
      return [width, 0, 0, -height, x, y + height];
    case 5:
      return [0, -height, -width, 0, x + width, y + height];
    case 6:
      return [0, -height, width, 0, x, y + height];
    case 7:
      return [0, height, width, 0, x, y];
    case 8:
      return [0, height, -width, 0, x + width, y];
    default:
      return [width, 0, 0, height, x, y];
  }
}

/** Orientations 5–8 turn the picture a quarter: its displayed width is the stored height. */
export function isQuarterTurn(orientation: number): boolean {
  return orientation >= 5 && orientation <= 8;
}

// A PNG exhibit as PDF image data, made with Node's own zlib: pngjs decodes it (native inflate), the
// colour samples and, when any pixel is not fully opaque, the alpha channel as a soft mask are
// deflated natively. pdf-lib's embedPng did the same in JavaScript (UPNG and fflate): 5 screenshots
// of 1440 × 900 took about 1.2 s of a 3.1 s packet, decoded twice (once to check, once to embed).
import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';

export interface PngImage {
  width: number;
  height: number;
  /** RGB samples, 8 bits each, deflated (FlateDecode). */
  rgb: Buffer;
  /** The alpha channel, deflated; null when every pixel is opaque. */
  alpha: Buffer | null;
}

/** Throws when the PNG is damaged or cannot be read. */
export function pngImage(bytes: Buffer): PngImage {
  // pngjs gives 8-bit RGBA whatever the file's colour type and depth (palette, grey, 16-bit).
  const { width, height, data } = PNG.sync.read(bytes);
  const pixels = width * height;
  const rgb = Buffer.allocUnsafe(pixels * 3);
  const alpha = Buffer.allocUnsafe(pixels);
  let opaque = true;
  for (let i = 0, o = 0; i < pixels; i++, o += 3) {
    const at = i * 4;
    rgb[o] = data[at] ?? 0;
    rgb[o + 1] = data[at + 1] ?? 0;
    rgb[o + 2] = data[at + 2] ?? 0;
    const a = data[at + 3] ?? 255;
    alpha[i] = a;
    if (a !== 255) opaque = false;
  }
  return { width, height, rgb: deflateSync(rgb), alpha: opaque ? null : deflateSync(alpha) };
}

// A phone photo's light evened out before OCR. Tesseract separates ink from paper with one threshold
// for the whole page: under a shadow or in a dim room the paper on one side is darker than the ink on
// the other, and whole lines vanish. The paper's own brightness is estimated block by block (the
// brightest pixels of each block are paper), smoothed, and every pixel divided by it: the page
// becomes evenly white, the ink stays dark. The result is a greyscale PGM: Tesseract's Leptonica
// reads it as it reads a PNG, and writing it costs no compression (which outweighed the flattening).
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

const BLOCK = 32;

function decode(image: Uint8Array): { width: number; height: number; data: Uint8Array } | null {
  try {
    if (image[0] === 0xff && image[1] === 0xd8) return jpeg.decode(image, { useTArray: true, maxMemoryUsageInMB: 1024 });
    if (image[0] === 0x89 && image[1] === 0x50) return PNG.sync.read(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
  } catch {
    return null;
  }
  return null;
}

/** The image with its lighting evened out, as a greyscale PGM; the image itself when it cannot be decoded. */
export function flattenLight(image: Uint8Array): Uint8Array {
  const decoded = decode(image);
  if (!decoded) return image;
  const { width, height, data } = decoded;
  const grey = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < grey.length; i++, p += 4)
    grey[i] = ((data[p] ?? 0) * 77 + (data[p + 1] ?? 0) * 150 + (data[p + 2] ?? 0) * 29) >> 8;
  // The paper's brightness per block: a high percentile, so that noise and ink do not count.
  const bw = Math.ceil(width / BLOCK);
  const bh = Math.ceil(height / BLOCK);
  const paper = new Float32Array(bw * bh);
  const histogram = new Uint32Array(256);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      histogram.fill(0);
      let count = 0;
      for (let y = by * BLOCK; y < Math.min(height, (by + 1) * BLOCK); y++)
        for (let x = bx * BLOCK; x < Math.min(width, (bx + 1) * BLOCK); x++) {
          histogram[grey[y * width + x] ?? 0] = (histogram[grey[y * width + x] ?? 0] ?? 0) + 1;
          count++;
        }
      let seen = 0;
      let level = 255;
      for (; level > 0; level--) {
        seen += histogram[level] ?? 0;
        if (seen >= count * 0.1) break;
      }
      paper[by * bw + bx] = Math.max(level, 24);
    }
  }
  // Smoothed over the neighbouring blocks (a block of only ink takes its neighbours' paper).
  const smooth = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++) {
      let best = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const v = paper[Math.min(bh - 1, Math.max(0, by + dy)) * bw + Math.min(bw - 1, Math.max(0, bx + dx))] ?? 0;
          if (v > best) best = v;
        }
      smooth[by * bw + bx] = best;
    }
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  const out = Buffer.alloc(header.length + width * height);
  header.copy(out);
  const samples = out.subarray(header.length);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(bh - 1, Math.max(0, y / BLOCK - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(bh - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(bw - 1, Math.max(0, x / BLOCK - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(bw - 1, x0 + 1);
      const tx = fx - x0;
      const top = (smooth[y0 * bw + x0] ?? 255) * (1 - tx) + (smooth[y0 * bw + x1] ?? 255) * tx;
      const bottom = (smooth[y1 * bw + x0] ?? 255) * (1 - tx) + (smooth[y1 * bw + x1] ?? 255) * tx;
      const background = top * (1 - ty) + bottom * ty;
      samples[y * width + x] = Math.min(255, Math.round(((grey[y * width + x] ?? 0) * 255) / background));
    }
  }
  return out;
}

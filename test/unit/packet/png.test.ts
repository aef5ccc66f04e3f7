// PNG exhibits as PDF image data: samples and alpha come back exactly (inflated again here), an
// opaque image has no mask, other colour types and depths are read too, and a damaged file throws.
import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { pngImage } from '../../../main/core/packet/png';

function png(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number], options = {}): Buffer {
  const image = new PNG({ width, height, ...options });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      const [r, g, b, a] = pixel(x, y);
      image.data[at] = r;
      image.data[at + 1] = g;
      image.data[at + 2] = b;
      image.data[at + 3] = a;
    }
  return PNG.sync.write(image, options);
}

describe('a PNG as PDF image data', () => {
  it('keeps every sample, and the alpha channel as a mask when some pixel is not opaque', () => {
    const bytes = png(7, 5, (x, y) => [x * 30, y * 40, 200, x === 3 ? 128 : 255]);
    const image = pngImage(bytes);
    expect([image.width, image.height]).toEqual([7, 5]);
    const rgb = inflateSync(image.rgb);
    expect(rgb).toHaveLength(7 * 5 * 3);
    expect([...rgb.subarray((2 * 7 + 4) * 3, (2 * 7 + 4) * 3 + 3)]).toEqual([120, 80, 200]);
    const alpha = inflateSync(image.alpha ?? Buffer.alloc(0));
    expect([...alpha.subarray(7, 14)]).toEqual([255, 255, 255, 128, 255, 255, 255]);
  });

  it('has no mask for an opaque image, and reads grey and 16-bit images as RGB', () => {
    expect(pngImage(png(4, 4, () => [10, 20, 30, 255])).alpha).toBeNull();
    const grey = pngImage(png(3, 2, (x) => [x * 100, x * 100, x * 100, 255], { colorType: 0 }));
    expect([...inflateSync(grey.rgb).subarray(3, 6)]).toEqual([100, 100, 100]);
    // 16 bits per sample (pngjs takes 16-bit input as a Uint16Array).
    const sixteen = new PNG({ width: 2, height: 2, bitDepth: 16, colorType: 2, inputColorType: 6 });
    sixteen.data = new Uint16Array(Array.from({ length: 4 }, () => [65535, 0, 0, 65535]).flat()) as unknown as Buffer;
    const deep = pngImage(PNG.sync.write(sixteen, { bitDepth: 16, colorType: 2, inputColorType: 6 }));
    expect([...inflateSync(deep.rgb).subarray(0, 3)]).toEqual([255, 0, 0]);
  });

  it('throws for a damaged PNG', () => {
    const bytes = png(20, 20, () => [1, 2, 3, 255]);
    const damaged = Buffer.concat([bytes.subarray(0, 60), Buffer.alloc(20, 7), bytes.subarray(80)]);
    expect(() => pngImage(damaged)).toThrow();
    expect(() => pngImage(bytes.subarray(0, 40))).toThrow();
  });
});

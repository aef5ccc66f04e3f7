// Declarations for the two untyped packages the packet uses, limited to what Recert calls.

declare module 'heic-convert' {
  interface ConvertOptions {
    buffer: Uint8Array;
    format: 'JPEG' | 'PNG';
    /** 0–1, JPEG only. */
    quality?: number;
  }
  export default function convert(options: ConvertOptions): Promise<ArrayBuffer>;
}

declare module 'fontkit' {
  interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
    /** Shapes the text; features as tags to turn on, or tags mapped to on and off. */
    layout(text: string, features?: string[] | Record<string, boolean>): unknown;
  }
  export function openSync(path: string): Font;
}

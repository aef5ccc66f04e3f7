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
  /** A glyph; pdfkit reads its id, code points and advance width. */
  interface Glyph {
    id: number;
    advanceWidth: number;
  }
  /** Where a glyph goes, in font units. */
  interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
  }
  interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
    /** Shapes the text; features as tags to turn on, or tags mapped to on and off. */
    layout(text: string, features?: string[] | Record<string, boolean>): GlyphRun;
  }
  export function openSync(path: string): Font;
}

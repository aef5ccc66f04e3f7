// Names and titles come in any script. No single free font covers them all, so text is split into
// runs, each set in the first font of a fallback chain that has its glyphs. Right-to-left runs
// (Arabic, Hebrew) are laid out word by word in reverse, since PDF text is drawn left to right.
import { join } from 'node:path';
import * as fontkit from 'fontkit';

export interface FontFace {
  /** Name registered with pdfkit. */
  name: string;
  file: string;
  /** Latin, Greek and Cyrillic text: shaped with kerning and ligatures only (see pdfkitFont). */
  simpleShaping?: boolean;
}

const CHAIN: { name: string; regular: string; bold: string }[] = [
  { name: 'latin', regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' },
  { name: 'arabic', regular: 'NotoSansArabic-Regular.ttf', bold: 'NotoSansArabic-Bold.ttf' },
  { name: 'hebrew', regular: 'NotoSansHebrew-Regular.ttf', bold: 'NotoSansHebrew-Bold.ttf' },
  { name: 'devanagari', regular: 'NotoSansDevanagari-Regular.ttf', bold: 'NotoSansDevanagari-Bold.ttf' },
  { name: 'thai', regular: 'NotoSansThai-Regular.ttf', bold: 'NotoSansThai-Bold.ttf' },
  { name: 'cjk', regular: 'DroidSansFallbackFull.ttf', bold: 'DroidSansFallbackFull.ttf' },
];

export const MONO_FONT_FILE = 'NotoMono-Regular.ttf';

export interface TextRun {
  /** pdfkit font name, e.g. "latin-bold". */
  font: string;
  text: string;
}

type CoverageFont = fontkit.Font;

export interface FontSet {
  faces: FontFace[];
  mono: FontFace;
  runs(text: string, bold?: boolean): TextRun[];
}

function isRtl(codePoint: number): boolean {
  return (
    (codePoint >= 0x0590 && codePoint <= 0x08ff) ||
    (codePoint >= 0xfb1d && codePoint <= 0xfdff) ||
    (codePoint >= 0xfe70 && codePoint <= 0xfeff)
  );
}

function isNeutral(char: string): boolean {
  return /[\s\p{P}\p{S}\p{N}]/u.test(char);
}

const cache = new Map<string, CoverageFont[]>();

const parsed = new Map<string, fontkit.Font>();
/**
 * A font file read and parsed once per process, for every document that uses it: pdfkit takes a
 * fontkit font as well as a file, and the glyph tables fontkit reads on first use then stay read.
 * (The packet draws its front matter at least twice, to settle its page numbers.)
 */
export function parsedFont(file: string): fontkit.Font {
  let font = parsed.get(file);
  if (!font) {
    font = fontkit.openSync(file) as fontkit.Font;
    parsed.set(file, font);
  }
  return font;
}

/**
 * The OpenType features Latin, Greek and Cyrillic text needs from Noto Sans: kerning and the standard
 * ligatures. fontkit otherwise applies a dozen more (mark positioning, contextual forms…) that change
 * nothing in precomposed text (runs are NFC-normalised) but made the packet's text layout much slower.
 */
const SIMPLE_FEATURES = Object.fromEntries(
  ['kern', 'liga', 'calt', 'clig', 'ccmp', 'locl', 'mark', 'mkmk', 'rlig', 'rclt', 'curs'].map((tag) => [
    tag,
    tag === 'kern' || tag === 'liga',
  ]),
);

/** What pdfkit reads of a fontkit glyph run; it scales the positions in place. */
interface LaidOutRun {
  glyphs: fontkit.Glyph[];
  positions: fontkit.GlyphPosition[];
  readonly advanceWidth: number;
}

/**
 * A word's glyphs and positions as the simple shaping gives them, kept for the process: pdfkit keeps
 * its own word cache per document, and the packet lays its front matter out in two documents or
 * more (to settle its page numbers), shaping every word again in each. Each caller gets its own
 * positions, since pdfkit scales them where they are.
 */
const shapedWords = new Map<string, Map<string, { glyphs: fontkit.Glyph[]; positions: fontkit.GlyphPosition[] }>>();
const SHAPED_WORDS_KEPT = 20_000;

function simplyShaped(font: fontkit.Font, file: string, text: string): LaidOutRun {
  let words = shapedWords.get(file);
  if (!words) {
    words = new Map();
    shapedWords.set(file, words);
  }
  let shaped = words.get(text);
  if (!shaped) {
    const run = font.layout(text, SIMPLE_FEATURES);
    shaped = { glyphs: run.glyphs, positions: run.positions.map((p) => ({ ...p })) };
    if (words.size >= SHAPED_WORDS_KEPT) words.clear();
    words.set(text, shaped);
  }
  const positions = shaped.positions.map((p) => ({ ...p }));
  return {
    glyphs: shaped.glyphs,
    positions,
    get advanceWidth() {
      return positions.reduce((sum, p) => sum + p.xAdvance, 0);
    },
  };
}

const forPdfkit = new Map<string, object>();
/**
 * The font pdfkit draws a face with: the fontkit font parsed once per process, and for the simple
 * faces one whose layout uses SIMPLE_FEATURES (its words shaped once per process, see simplyShaped)
 * unless pdfkit asks for other features.
 */
export function pdfkitFont(face: FontFace): object {
  const key = `${face.file}|${face.simpleShaping ? 'simple' : 'full'}`;
  let font = forPdfkit.get(key);
  if (!font) {
    const parsedFace = parsedFont(face.file);
    font = face.simpleShaping
      ? new Proxy(parsedFace, {
          get(target, property) {
            if (property === 'layout') {
              return (text: string, features?: Record<string, boolean> | string[]) =>
                features ? target.layout(text, features) : simplyShaped(target, face.file, text);
            }
            const value: unknown = Reflect.get(target, property, target);
            return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
          },
        })
      : parsedFace;
    forPdfkit.set(key, font);
  }
  return font;
}

export function loadFontSet(fontDir: string): FontSet {
  let coverage = cache.get(fontDir);
  if (!coverage) {
    coverage = CHAIN.map((face) => parsedFont(join(fontDir, face.regular)));
    cache.set(fontDir, coverage);
  }
  const fonts = coverage;
  const faces = CHAIN.flatMap((face) => [
    { name: `${face.name}-regular`, file: join(fontDir, face.regular), simpleShaping: face.name === 'latin' },
    { name: `${face.name}-bold`, file: join(fontDir, face.bold), simpleShaping: face.name === 'latin' },
  ]);

  function faceIndex(codePoint: number, current: number): number {
    if (current >= 0 && fonts[current]?.hasGlyphForCodePoint(codePoint)) return current;
    const found = fonts.findIndex((font) => font.hasGlyphForCodePoint(codePoint));
    return found >= 0 ? found : 0;
  }

  return {
    faces,
    mono: { name: 'mono', file: join(fontDir, MONO_FONT_FILE), simpleShaping: true },
    runs(text: string, bold = false): TextRun[] {
      const weight = bold ? 'bold' : 'regular';
      // 1. Split by font; neutral characters (spaces, digits, punctuation) stay with the run they are in.
      const pieces: { face: number; rtl: boolean; text: string }[] = [];
      for (const char of text.normalize('NFC')) {
        const codePoint = char.codePointAt(0) ?? 0x20;
        const last = pieces[pieces.length - 1];
        if (last && isNeutral(char) && fonts[last.face]?.hasGlyphForCodePoint(codePoint)) {
          last.text += char;
          continue;
        }
        const face = faceIndex(codePoint, last?.face ?? -1);
        const rtl = isRtl(codePoint);
        if (last && last.face === face && last.rtl === rtl) last.text += char;
        else pieces.push({ face, rtl, text: char });
      }
      // 2. Right-to-left runs: words in reverse order (glyphs inside a word are ordered by the shaper).
      const runs: TextRun[] = [];
      for (const piece of pieces) {
        const font = `${CHAIN[piece.face]?.name ?? 'latin'}-${weight}`;
        if (!piece.rtl) {
          runs.push({ font, text: piece.text });
          continue;
        }
        const trailing = /\s+$/.exec(piece.text)?.[0] ?? '';
        const words = piece.text.trim().split(/\s+/).reverse();
        words.forEach((word, i) => {
          runs.push({ font, text: word });
          if (i < words.length - 1) runs.push({ font: `latin-${weight}`, text: ' ' });
        });
        if (trailing) runs.push({ font: `latin-${weight}`, text: trailing });
      }
      return runs;
    },
  };
}

// Thin helpers over pdfkit: documents with the packet's fonts, mixed-script text, footers.
import PDFDocument from 'pdfkit';
import { pdfkitFont, type FontSet } from './fonts';
export { bytes } from '../bytes';

export type Doc = PDFKit.PDFDocument;

export const LETTER = { width: 612, height: 792 };
export const MARGIN = 54;
/** Band at the top of exhibit pages that holds the stamp, and at the bottom for the page footer. */
export const STAMP_BAND = 40;
export const FOOTER_BAND = 36;

export const COLORS = { text: '#1b1f24', muted: '#555e69', rule: '#c5cbd3', accent: '#0b5cad', danger: '#b3261e', ok: '#1e6b35' };

export function createDocument(fonts: FontSet, info: PDFKit.DocumentInfo): { doc: Doc; done: Promise<Buffer> } {
  const doc = new PDFDocument({ autoFirstPage: false, bufferPages: true, margin: MARGIN, info, compress: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

export interface WriteOptions {
  size?: number;
  bold?: boolean;
  color?: string;
  width?: number;
  align?: 'left' | 'center' | 'right';
  mono?: boolean;
  lineGap?: number;
}

const registered = new WeakMap<Doc, Set<string>>();
/** Sets the face, registering it with this document on first use (faces a document never uses are never read). */
export function useFont(doc: Doc, fonts: FontSet, name: string): Doc {
  let names = registered.get(doc);
  if (!names) registered.set(doc, (names = new Set()));
  if (!names.has(name)) {
    const face = [...fonts.faces, fonts.mono].find((f) => f.name === name);
    if (!face) throw new Error(`no font face ${name}`);
    // A fontkit font parsed once per process (see pdfkitFont); pdfkit's types list only files and bytes.
    doc.registerFont(name, pdfkitFont(face) as unknown as Buffer);
    names.add(name);
  }
  return doc.font(name);
}

/**
 * Writes text in any script at (x, y) — or at the current position — wrapping within `width`.
 * Returns the y below the text.
 */
export function write(doc: Doc, fonts: FontSet, text: string, x: number | null, y: number | null, options: WriteOptions = {}): number {
  const size = options.size ?? 10;
  doc.fillColor(options.color ?? COLORS.text).fontSize(size);
  const base = { width: options.width, align: options.align ?? 'left', lineGap: options.lineGap ?? 1.5 };
  const runs = options.mono ? [{ font: fonts.mono.name, text }] : fonts.runs(text || ' ', options.bold);
  runs.forEach((run, i) => {
    const continued = i < runs.length - 1;
    useFont(doc, fonts, run.font);
    if (i === 0 && x !== null && y !== null) doc.text(run.text, x, y, { ...base, continued });
    else doc.text(run.text, { ...base, continued });
  });
  return doc.y;
}

/** Height the text will take (approximated with the Latin face for mixed scripts). */
export function heightOf(doc: Doc, fonts: FontSet, text: string, width: number, options: WriteOptions = {}): number {
  const runs = options.mono ? [{ font: fonts.mono.name, text }] : fonts.runs(text || ' ', options.bold);
  useFont(doc, fonts, runs[0]?.font ?? 'latin-regular').fontSize(options.size ?? 10);
  return doc.heightOfString(text || ' ', { width, lineGap: options.lineGap ?? 1.5 });
}

export function rule(doc: Doc, y: number, x1 = MARGIN, x2 = LETTER.width - MARGIN, color = COLORS.rule): void {
  doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(0.6).strokeColor(color).stroke().restore();
}

export function withoutBottomMargin(doc: Doc, draw: () => void): void {
  const margin = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  try {
    draw();
  } finally {
    doc.page.margins.bottom = margin;
  }
}

/** "Page X of Y" at the bottom right, with the packet's caption on the left. */
export function footer(
  doc: Doc,
  fonts: FontSet,
  page: { width: number; height: number },
  pageNumber: number,
  total: number,
  caption: string,
): void {
  const y = page.height - FOOTER_BAND + 12;
  const saved = doc.y;
  // Inside the bottom margin: without this pdfkit would start a new page for the footer.
  withoutBottomMargin(doc, () => {
    write(doc, fonts, caption, MARGIN / 2, y, { size: 7.5, color: COLORS.muted, width: page.width / 2 - MARGIN });
    write(doc, fonts, `Page ${pageNumber} of ${total}`, page.width - MARGIN / 2 - 100, y, {
      size: 8,
      color: COLORS.muted,
      width: 100,
      align: 'right',
    });
  });
  doc.y = saved;
}

// A table for pdfkit pages that continues on new pages, repeating its header, and never splits a row.
import type { FontSet } from './fonts';
import { COLORS, heightOf, LETTER, MARGIN, rule, useFont, write, type Doc } from './pen';

const BOTTOM = LETTER.height - MARGIN - 10;

export interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

const HEADER_SIZE = 8;
const CELL_SIZE = 8.5;
const PADDING = 4;

/** No glyph of the packet's fonts is wider than this many ems: a word shorter than that surely fits. */
const WIDEST_GLYPH_EM = 1;

/**
 * The room the widest word of a text needs: narrower than that, pdfkit breaks the word itself. A word
 * short enough to fit `room` whatever its letters is not measured but counted at that bound, so a
 * summary of thousands of courses costs next to nothing and the column never shrinks below it.
 */
function widestWord(doc: Doc, fonts: FontSet, text: string, size: number, bold: boolean, room: number): number {
  let widest = 0;
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    const bound = word.length * size * WIDEST_GLYPH_EM;
    if (bound < room) {
      widest = Math.max(widest, bound);
      continue;
    }
    useFont(doc, fonts, fonts.runs(word, bold)[0]?.font ?? 'latin-regular').fontSize(size);
    // A word measured exactly as wide as its room may still wrap: one point to spare.
    widest = Math.max(widest, Math.ceil(doc.widthOfString(word)) + 1);
  }
  return widest;
}

/**
 * The columns widened so that no header word ("Missing") and no cell word (an approval code such as
 * "PB-2026-114") is broken across lines, the room taken from the columns with more than they need;
 * the table's total width stays the same. When the words cannot all fit, the widths are left as given.
 */
export function fitColumns(doc: Doc, fonts: FontSet, columns: readonly Column[], rows: readonly string[][]): Column[] {
  const need = columns.map((column, i) => {
    const room = column.width - PADDING;
    let widest = widestWord(doc, fonts, column.title, HEADER_SIZE, true, room);
    for (const row of rows) widest = Math.max(widest, widestWord(doc, fonts, row[i] ?? '', CELL_SIZE, false, room));
    return widest + PADDING;
  });
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  if (need.reduce((sum, n) => sum + n, 0) > total) return [...columns];
  const widths = columns.map((c, i) => Math.max(c.width, need[i] ?? 0));
  let excess = widths.reduce((sum, w) => sum + w, 0) - total;
  // Take the excess from the columns with slack, in proportion to it.
  while (excess > 0.5) {
    const slack = widths.map((w, i) => Math.max(0, w - (need[i] ?? 0)));
    const totalSlack = slack.reduce((sum, n) => sum + n, 0);
    if (totalSlack <= 0) break;
    const share = Math.min(1, excess / totalSlack);
    let taken = 0;
    widths.forEach((w, i) => {
      const cut = (slack[i] ?? 0) * share;
      widths[i] = w - cut;
      taken += cut;
    });
    excess -= taken;
  }
  return columns.map((c, i) => ({ ...c, width: widths[i] ?? c.width }));
}

/** A table that continues on new pages, repeating its header; no word of it is broken mid-word when it can fit. */
export function table(doc: Doc, fonts: FontSet, title: string, given: Column[], rows: string[][], onNewPage: () => void): void {
  const columns = fitColumns(doc, fonts, given, rows);
  const drawHeader = () => {
    let x = MARGIN;
    const y = doc.y;
    let bottom = y;
    for (const column of columns) {
      write(doc, fonts, column.title, x + 2, y, {
        size: HEADER_SIZE,
        bold: true,
        color: COLORS.muted,
        width: column.width - PADDING,
        align: column.align,
      });
      bottom = Math.max(bottom, doc.y);
      x += column.width;
    }
    doc.y = bottom + 4;
    rule(doc, doc.y - 2);
  };
  if (doc.y + 60 > BOTTOM) onNewPage();
  write(doc, fonts, title, MARGIN, doc.y, { size: 12, bold: true });
  doc.y += 4;
  drawHeader();
  for (const row of rows) {
    const height =
      Math.max(...row.map((cell, i) => heightOf(doc, fonts, cell, (columns[i]?.width ?? 40) - PADDING, { size: CELL_SIZE }))) + 6;
    if (doc.y + height > BOTTOM) {
      onNewPage();
      write(doc, fonts, `${title} (continued)`, MARGIN, doc.y, { size: 12, bold: true });
      doc.y += 4;
      drawHeader();
    }
    const y = doc.y;
    let x = MARGIN;
    let bottom = y;
    row.forEach((cell, i) => {
      const column = columns[i];
      if (!column) return;
      write(doc, fonts, cell, x + 2, y + 2, { size: CELL_SIZE, width: column.width - PADDING, align: column.align });
      bottom = Math.max(bottom, doc.y);
      x += column.width;
    });
    doc.y = Math.max(bottom, y + height - 2) + 2;
    rule(doc, doc.y - 2, MARGIN, LETTER.width - MARGIN, '#e3e7ec');
  }
  doc.y += 10;
}

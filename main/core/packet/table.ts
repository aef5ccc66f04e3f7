// A table for pdfkit pages that continues on new pages, repeating its header, and never splits a row.
import type { FontSet } from './fonts';
import { COLORS, heightOf, LETTER, MARGIN, rule, write, type Doc } from './pen';

const BOTTOM = LETTER.height - MARGIN - 10;

export interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

/** A table that continues on new pages, repeating its header. */
export function table(doc: Doc, fonts: FontSet, title: string, columns: Column[], rows: string[][], onNewPage: () => void): void {
  const drawHeader = () => {
    let x = MARGIN;
    const y = doc.y;
    let bottom = y;
    for (const column of columns) {
      write(doc, fonts, column.title, x + 2, y, { size: 8, bold: true, color: COLORS.muted, width: column.width - 4, align: column.align });
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
    const height = Math.max(...row.map((cell, i) => heightOf(doc, fonts, cell, (columns[i]?.width ?? 40) - 4, { size: 8.5 }))) + 6;
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
      write(doc, fonts, cell, x + 2, y + 2, { size: 8.5, width: column.width - 4, align: column.align });
      bottom = Math.max(bottom, doc.y);
      x += column.width;
    });
    doc.y = Math.max(bottom, y + height - 2) + 2;
    rule(doc, doc.y - 2, MARGIN, LETTER.width - MARGIN, '#e3e7ec');
  }
  doc.y += 10;
}

// Text with positions, the common ground of a PDF's text layer and OCR: lines read top to bottom,
// left to right. A wide gap splits a row into separate cells (a label column and a value column are
// two lines), so that field finders see "Date completed" and "February 1, 2026" as neighbours.

export interface TextLine {
  text: string;
  /** Left edge and top, in points from the page's top-left corner (OCR: pixels). */
  x: number;
  y: number;
  /** The text's height: a title is larger than a label. */
  height: number;
  /** How wide the cell is, when known: a table's header cell stands above its column's values. */
  width?: number;
  page: number;
  /** OCR's confidence in the line, 0–1 (1 for a PDF's own text). */
  confidence: number;
}

export interface TextPiece {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  page: number;
  confidence?: number;
}

/** Pieces of text (PDF items, OCR words) into lines and cells. */
export function linesFromPieces(pieces: readonly TextPiece[]): TextLine[] {
  const sorted = pieces.filter((p) => p.text.trim() !== '').sort((a, b) => a.page - b.page || a.y - b.y || a.x - b.x);
  const rows: TextPiece[][] = [];
  for (const piece of sorted) {
    const row = rows[rows.length - 1];
    const first = row?.[0];
    // Same row: same page and a baseline within half the text's height.
    if (row && first && first.page === piece.page && Math.abs(first.y - piece.y) <= Math.max(first.height, piece.height) * 0.5)
      row.push(piece);
    else rows.push([piece]);
  }
  const lines: TextLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let cell: TextPiece[] = [];
    const flush = () => {
      const [head] = cell;
      if (!head) return;
      const text = cell
        .map((p) => p.text)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim();
      const confidence = Math.min(...cell.map((p) => p.confidence ?? 1));
      lines.push({
        text,
        x: head.x,
        width: Math.max(...cell.map((p) => p.x + p.width)) - head.x,
        y: Math.min(...cell.map((p) => p.y)),
        height: Math.max(...cell.map((p) => p.height)),
        page: head.page,
        confidence,
      });
      cell = [];
    };
    for (const piece of row) {
      const last = cell[cell.length - 1];
      // A gap of more than three characters' worth separates two cells.
      if (last && piece.x - (last.x + last.width) > Math.max(last.height, piece.height) * 2.5) flush();
      cell.push(piece);
    }
    flush();
  }
  return lines;
}

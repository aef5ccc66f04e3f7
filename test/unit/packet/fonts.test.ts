import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it, vi } from 'vitest';
import { loadFontSet, parsedFont, pdfkitFont } from '../../../main/core/packet/fonts';
import { projectRoot } from '../../helpers/context';

const fontDir = join(projectRoot, 'resources/fonts');

/** A new pdfkit document with the Latin face registered as the packet registers it. */
function documentWithLatin(): PDFKit.PDFDocument {
  const doc = new PDFDocument({ autoFirstPage: false });
  const latin = loadFontSet(fontDir).faces.find((f) => f.name === 'latin-regular');
  if (!latin) throw new Error('no latin face');
  doc.registerFont('latin', pdfkitFont(latin) as unknown as Buffer);
  doc.font('latin', 11);
  return doc;
}

describe("the Latin face's word layout, shared by every document of the process", () => {
  it('gives each document the same widths, shaping a word once however many documents lay it out', () => {
    const text = 'Official certificate of completion — Office Efficiency Workshop, AVATAR kerning';
    const first = documentWithLatin();
    const width = first.widthOfString(text);
    const shaping = vi.spyOn(parsedFont(join(fontDir, 'NotoSans-Regular.ttf')), 'layout');
    try {
      // A second and a third document: pdfkit scales the positions it is given in place, so a
      // shared run handed out twice would come back scaled twice and twice as wide.
      for (let i = 0; i < 2; i++) expect(documentWithLatin().widthOfString(text)).toBeCloseTo(width, 6);
      expect(shaping).not.toHaveBeenCalled();
      // Text drawn (not only measured) takes the same path.
      const drawn = documentWithLatin();
      drawn.addPage();
      drawn.text(text);
      expect(shaping).not.toHaveBeenCalled();
    } finally {
      shaping.mockRestore();
    }
    // Each layout has positions of its own: pdfkit scales them in place (a no-op at Noto Sans's 1,000
    // units per em, not for another font), so no document may scale another's.
    const latin = loadFontSet(fontDir).faces.find((f) => f.name === 'latin-regular');
    const font = pdfkitFont(latin ?? { name: '', file: '' }) as { layout(text: string): { positions: { xAdvance: number }[] } };
    const [once, again] = [font.layout('Workshop'), font.layout('Workshop')];
    for (const position of once.positions) position.xAdvance *= 2;
    expect(again.positions.map((p) => p.xAdvance)).toEqual(font.layout('Workshop').positions.map((p) => p.xAdvance));
    expect(once.positions[0]?.xAdvance).toBe(2 * (again.positions[0]?.xAdvance ?? 0));
    // Kerning and ligatures still apply: "AV" is narrower than "A" and "V" apart.
    const doc = documentWithLatin();
    expect(doc.widthOfString('AV')).toBeLessThan(doc.widthOfString('A') + doc.widthOfString('V'));
  });
});

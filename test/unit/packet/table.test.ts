// The PDF table never breaks a word across lines when the words can fit: a header ("Missing files")
// or a cell (an approval code such as "PB-2026-114") widens its column, taking room from the others.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFontSet } from '../../../main/core/packet/fonts';
import { createDocument, LETTER, MARGIN } from '../../../main/core/packet/pen';
import { fitColumns, table, type Column } from '../../../main/core/packet/table';
import { projectRoot, tempDir } from '../../helpers/context';

const fonts = loadFontSet(join(projectRoot, 'resources/fonts'));

// The packet summary's counted-activities columns, as front-matter.ts gives them.
const SUMMARY: Column[] = [
  { title: 'Completed', width: 60 },
  { title: 'Course', width: 138 },
  { title: 'Provider', width: 82 },
  { title: 'Approval', width: 66 },
  { title: 'Approval code', width: 54 },
  { title: 'CEUs', width: 38, align: 'right' },
  { title: 'Exhibit (page)', width: 66 },
];
const ROW = ['1 Feb 2026', 'Corrective Exercise Specialist', 'NASM', 'Approved provider', 'PB-2026-114', '1.9', '3 (p. 7)'];

async function rendered(columns: Column[], rows: string[][]): Promise<string> {
  const { doc, done } = createDocument(fonts, { Title: 'table' });
  const newPage = () => doc.addPage({ size: 'LETTER', margin: MARGIN });
  newPage();
  table(doc, fonts, 'Counted courses', columns, rows, newPage);
  doc.end();
  const file = join(tempDir('recert-table-'), 'table.pdf');
  writeFileSync(file, await done);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('a PDF table', () => {
  it('keeps an approval code on one line in the packet summary', async () => {
    const text = await rendered(SUMMARY, [ROW]);
    expect(text).toContain('PB-2026-114');
  });

  it('keeps each header word whole ("Missing files" in the team report\'s narrow last column)', async () => {
    const columns: Column[] = [
      { title: 'Trainer', width: 88 },
      { title: 'Credential', width: 70 },
      { title: 'Status', width: 86 },
      { title: 'Expires', width: 64 },
      { title: 'Still needed', width: 52 },
      { title: 'CPR/AED', width: 66 },
      { title: 'Audit due', width: 50 },
      { title: 'Missing files', width: 28, align: 'right' },
    ];
    const text = await rendered(columns, [
      ['Dana Rivera (E-104)', 'NASM-CPT · NASM-1', 'In progress', '31 Dec 2026', '0.4 CEUs', 'Current', '—', '2'],
    ]);
    expect(text).toMatch(/\bMissing\b/);
    expect(text).not.toMatch(/\bMissi\b|\bMissin\b/);
  });

  it('keeps the total width, takes the room from columns with more than they need, and leaves widths alone when words cannot fit', () => {
    const { doc } = createDocument(fonts, { Title: 'fit' });
    doc.addPage({ size: 'LETTER', margin: MARGIN });
    const fitted = fitColumns(doc, fonts, SUMMARY, [ROW]);
    const total = (cs: Column[]) => cs.reduce((sum, c) => sum + c.width, 0);
    expect(total(fitted)).toBeCloseTo(total(SUMMARY), 3);
    expect(fitted[4]?.width).toBeGreaterThan(54);
    expect(fitted[1]?.width).toBeLessThan(138);
    expect(total(fitted)).toBeLessThanOrEqual(LETTER.width - 2 * MARGIN);
    const tooLong = [['x'.repeat(400), '', '', '', '', '', '']];
    expect(fitColumns(doc, fonts, SUMMARY, tooLong)).toEqual(SUMMARY);
  });
});

// The packet's contents list with many exhibits: no row split across pages, a continued list under
// its own heading, and page numbers that point at the exhibits' real first pages.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePacket } from '../../../main/core/packet/build';
import { planFromRecords } from '../../../main/core/packet/sources';
import { readRecordsFile } from '../../../main/core/records-file/parse';
import { projectRoot, tempDir } from '../../helpers/context';
import { textPdf } from '../../helpers/packet-fixtures';
import { shippedRuleSets } from '../../helpers/rules';

const fontDir = join(projectRoot, 'resources/fonts');
let dir: string;

beforeAll(() => {
  dir = tempDir('recert-contents-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A packet for one trainer with `courses` counted courses, each with a one-page certificate; its pages as text. */
async function packetWithExhibits(count: number): Promise<string[]> {
  const folder = join(dir, `n${count}`);
  mkdirSync(join(folder, 'certs'), { recursive: true });
  const courses = [];
  for (let i = 1; i <= count; i++) {
    const title = `Workshop number ${i} on program design for older adults`;
    writeFileSync(join(folder, 'certs', `w${i}.pdf`), await textPdf(title, 1));
    courses.push({
      id: `a${i}`,
      title,
      provider: 'NASM',
      approval: 'nasm',
      completed: '2026-02-01',
      ceus: 0.1,
      attachments: [{ file: `certs/w${i}.pdf` }],
    });
  }
  const records = {
    format: 'recert-records/1',
    people: [
      {
        id: 'p1',
        name: 'Dana Rivera',
        // A full cover (e-mail, employee ID, an open audit, two blockers) leaves the least room for the contents.
        email: 'dana.rivera@example.org',
        employeeId: 'E-104',
        credentials: [{ id: 'c1', ruleSet: 'nasm-cpt', number: 'NASM-1', expires: '2027-03-31', audit: { noticeReceived: '2026-11-10' } }],
        activities: courses,
        cprAed: [],
      },
    ],
  };
  const file = join(folder, 'records.json');
  writeFileSync(file, JSON.stringify(records));
  const parsed = readRecordsFile(file, new Set(shippedRuleSets.map((r) => r.id)));
  const plan = planFromRecords(parsed, shippedRuleSets, 'p1', 'c1', '2026-11-21', '2026-11-21');
  const pdf = join(folder, 'packet.pdf');
  await writePacket(plan, pdf, { fontDir });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
  return Array.from({ length: pages }, (_, i) =>
    execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', pdf, '-'], { encoding: 'utf8' }),
  );
}

/** Each contents row as read back: its exhibit number, the page it names and the page it stands on. */
function contentsRows(pages: string[]): { exhibit: number; pointsTo: number; onPage: number }[] {
  const rows: { exhibit: number; pointsTo: number; onPage: number }[] = [];
  pages.forEach((text, i) => {
    for (const match of text.matchAll(/^\s*Exhibit (\d+)\s+Workshop number \d+ on program design for older\s*adults — page (\d+)/gm)) {
      rows.push({ exhibit: Number(match[1]), pointsTo: Number(match[2]), onPage: i + 1 });
    }
  });
  return rows;
}

/** The page on which exhibit N's stamp says "page 1 of 1". */
function exhibitPage(pages: string[], n: number): number {
  return (
    pages.findIndex((text) => new RegExp(`Exhibit ${n} — Workshop number ${n} on program design`).test(text) && /page 1 of 1/.test(text)) +
    1
  );
}

describe('the contents list', () => {
  it('with 11 exhibits keeps every row whole on one page and points at the right pages', async () => {
    const pages = await packetWithExhibits(11);
    const rows = contentsRows(pages);
    expect(rows.map((r) => r.exhibit)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    for (const row of rows) expect(row.pointsTo, `exhibit ${row.exhibit}`).toBe(exhibitPage(pages, row.exhibit));
    // No page of the front matter holds a lone contents fragment.
    for (const text of pages.slice(0, 3)) expect(text.trim()).not.toMatch(/^Exhibit \d+\s*(Page \d+ of \d+.*)?$/s);
  }, 120_000);

  it('never leaves one contents row alone on a page, at any count around the page break', async () => {
    for (const count of [7, 8, 9]) {
      const pages = await packetWithExhibits(count);
      const rows = contentsRows(pages);
      expect(rows.map((r) => r.exhibit)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      for (const row of rows) expect(row.pointsTo, `${count} exhibits: exhibit ${row.exhibit}`).toBe(exhibitPage(pages, row.exhibit));
      const perPage = new Map<number, number>();
      for (const row of rows) perPage.set(row.onPage, (perPage.get(row.onPage) ?? 0) + 1);
      for (const [page, n] of perPage) expect(n, `${count} exhibits: page ${page} holds ${n} row`).toBeGreaterThan(1);
    }
  }, 240_000);

  it('with 40 exhibits continues on the next page under its own heading, every row listed once', async () => {
    const pages = await packetWithExhibits(40);
    const rows = contentsRows(pages);
    expect(rows.map((r) => r.exhibit)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.onPage)).size).toBeGreaterThan(1);
    const continued = pages.findIndex((text) => text.includes('Contents (continued)')) + 1;
    expect(continued).toBe(2);
    expect(rows.filter((r) => r.onPage === continued).length).toBeGreaterThan(5);
    for (const row of rows) expect(row.pointsTo, `exhibit ${row.exhibit}`).toBe(exhibitPage(pages, row.exhibit));
    // The summary follows the contents, and its page is what the contents say.
    const summaryLine = /Summary of courses\s+page (\d+)/.exec(pages[0] ?? '');
    expect(pages[Number(summaryLine?.[1]) - 1]).toMatch(/^\s*Summary of courses/);
  }, 180_000);
});

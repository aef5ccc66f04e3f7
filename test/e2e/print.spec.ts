import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { textPdf } from '../helpers/packet-fixtures';
import { writeTeamRecords } from '../helpers/team-fixture';
import { expect, importRecords, launch, test } from './fixtures';

// Printing the Team screen, a dashboard and the course log: the content alone (no menu, no buttons),
// every row of the virtualized tables, every column, pages that break between rows. The PDFs Chromium
// makes with print media are read back with pdftotext; a page of each is rendered to PNG to look at.
const out = resolve(__dirname, '../../test-results/screenshots');

interface Records {
  people: {
    id: string;
    name: string;
    employeeId: string;
    credentials: { id: string; number: string }[];
    activities: { id: string; credentials: string[] }[];
  }[];
}

/** The team of 25 and 35 more like them: 60 people, more rows than the table renders on screen. */
function sixtyPeople(dir: string, certificate: Buffer): string {
  const file = writeTeamRecords(dir, certificate);
  const records = JSON.parse(readFileSync(file, 'utf8')) as Records;
  const copies = Array.from({ length: 35 }, (_, i) => {
    const from = records.people[i % 25];
    if (!from) throw new Error('no person to copy');
    const id = `u${String(i + 26).padStart(2, '0')}`;
    const copy = JSON.parse(
      JSON.stringify(from).replaceAll(`"${from.id}-`, `"${id}-`).replaceAll(`NASM-${from.id}`, `NASM-${id}`),
    ) as Records['people'][number];
    return { ...copy, id, name: `Copy${i + 26} ${from.name.split(' ')[0] ?? ''}`, employeeId: `E-${i + 26}` };
  });
  records.people.push(...copies);
  writeFileSync(file, JSON.stringify(records));
  return file;
}

/** A trainer with 230 courses: more than the course log's first page of 200. */
function manyCourses(dir: string): string {
  const courses = Array.from({ length: 230 }, (_, i) => ({
    id: `a${i}`,
    title: `Course number ${String(i + 1).padStart(3, '0')}`,
    provider: 'NASM',
    approval: 'nasm',
    completed: `2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`,
    ceus: 0.1,
    credentials: ['c1'],
  }));
  const file = join(dir, 'courses.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'recert-records/1',
      people: [
        {
          id: 'p1',
          name: 'Robin Many',
          credentials: [{ id: 'c1', ruleSet: 'nasm-cpt', number: 'NASM-1', expires: '2027-06-30' }],
          activities: courses,
        },
      ],
    }),
  );
  return file;
}

/** The page printed to a PDF file with print media, and its text page by page. */
async function printed(page: Page, file: string): Promise<string[]> {
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: file, format: 'Letter' });
  await page.emulateMedia({ media: 'screen' });
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((p) => p.trim() !== '');
}

/** Page `n` of the PDF as a PNG, for people to look at. */
function render(pdf: string, name: string, n = 1): void {
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', String(n), '-l', String(n), '-singlefile', pdf, join(out, name)]);
}

/** The text as a word of its own in pdftotext's layout (next to Arabic, its bidi marks stand between). */
const word = (text: string) => new RegExp(`(?<![\\w-])${text}(?![\\w-])`);

const NAVIGATION = ['Showing records of', 'Settings', 'Export CSV', 'Export PDF report', 'Import roster', 'Training matrix', 'Add course'];

test.describe('printing', () => {
  let dir: string;
  let team: Awaited<ReturnType<typeof launch>>;
  let trainer: Awaited<ReturnType<typeof launch>>;
  let people: Records['people'];

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recert-print-'));
    const teamFile = sixtyPeople(dir, await textPdf('Certificate', 1));
    people = (JSON.parse(readFileSync(teamFile, 'utf8')) as Records).people;
    importRecords(join(dir, 'team'), teamFile);
    team = await launch(join(dir, 'team'));
    importRecords(join(dir, 'trainer'), manyCourses(dir));
    trainer = await launch(join(dir, 'trainer'));
    mkdirSync(out, { recursive: true });
  });

  test.afterAll(async () => {
    await team.stop();
    await trainer.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the Team screen prints every row whole, every column, no menu', async ({ browser }) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, colorScheme: 'dark' });
    await page.goto(`${team.url}#/team`);
    const table = page.getByRole('table', { name: /Team credentials/ });
    await expect(table.getByRole('row').nth(1)).toBeVisible();
    // On screen the table holds the rows in view, not 61.
    expect(await table.getByRole('row').count()).toBeLessThan(40);

    const pdf = join(dir, 'team.pdf');
    const pages = await printed(page, pdf);
    const text = pages.join('\n');
    expect(pages.length).toBeGreaterThan(1);
    for (const shown of NAVIGATION) expect(text, shown).not.toContain(shown);
    for (const header of ['Trainer', 'Credential', 'Status', 'Expires', 'Still', 'needed', 'CPR/AED', 'Audit', 'Missing', 'files']) {
      expect(text).toMatch(word(header));
    }
    // Every credential's row, each on one page: the trainer's employee ID, the number and the card's
    // words never on two pages.
    for (const person of people) {
      for (const credential of person.credentials) {
        // Whole words: a cell whose text ran into the next would read "E-14NASM-t14".
        const on = pages.flatMap((p, i) => (word(credential.number).test(p) ? [i] : []));
        expect(on, credential.number).toHaveLength(1);
        expect(pages[on[0] ?? 0], `${credential.number} with ${person.employeeId}`).toMatch(word(person.employeeId));
      }
    }
    render(pdf, 'print-team-1');
    render(pdf, 'print-team-2', 2);
    // Back on screen, the virtualized table again.
    await expect.poll(() => table.getByRole('row').count()).toBeLessThan(40);

    // The matrix (a table whose header repeats on each page): no page starts with the rest of a row.
    await page.goto(`${team.url}#/team?tab=matrix`);
    await expect(page.getByRole('table', { name: /Training matrix/ }).getByRole('row')).toHaveCount(61);
    const matrix = join(dir, 'matrix.pdf');
    const matrixPages = await printed(page, matrix);
    expect(matrixPages.length).toBeGreaterThan(1);
    for (const person of people) {
      const times = matrixPages.map((p) => p.match(new RegExp(word(person.employeeId).source, 'g'))?.length ?? 0);
      expect(
        times.reduce((a, b) => a + b),
        person.employeeId,
      ).toBe(1);
    }
    for (const [i, text] of matrixPages.entries()) {
      if (i === 0) continue;
      // Under the header, the lines of the first row: one block (a cell's lines centred about the
      // trainer's), not a remnant ("Still needed: 0.4 CEUs") then a gap before the first trainer.
      const lines = text.split('\n');
      const top = lines.findIndex((l) => /^\s*Trainer\s/.test(l));
      const firstTrainer = lines.findIndex((l, n) => n > top && /(?<![\w-])E-\d+(?![\w-])/.test(l));
      const before = lines
        .slice(top + 1, firstTrainer)
        .join('\n')
        .trim();
      expect(before, `page ${i + 1} starts with part of a row`).not.toMatch(/\n\s*\n/);
      if (before) expect(lines[firstTrainer - 1]?.trim(), `page ${i + 1} starts with part of a row`).not.toBe('');
    }
    render(matrix, 'print-matrix-2', 2);
    await page.close();
  });

  test('Ctrl+P renders every row before it prints', async ({ browser }) => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    // The print dialog stands in: it records what the page holds when it opens.
    await page.addInitScript(() => {
      window.print = () => {
        (window as unknown as { printedRows: number[] }).printedRows.push(document.querySelectorAll('[role="row"]').length);
      };
      (window as unknown as { printedRows: number[] }).printedRows = [];
    });
    const printedRows = () => page.evaluate(() => (window as unknown as { printedRows: number[] }).printedRows);
    await page.goto(`${team.url}#/team`);
    await expect(
      page
        .getByRole('table', { name: /Team credentials/ })
        .getByRole('row')
        .nth(1),
    ).toBeVisible();
    await page.keyboard.press('Control+P');
    await expect.poll(printedRows).toEqual([1 + people.reduce((n, p) => n + p.credentials.length, 0)]);

    // The course log: its 230 rows come in pages of 200; the second is fetched before printing.
    await page.goto(`${trainer.url}#/courses`);
    await expect(page.getByRole('table', { name: 'Course log' }).getByRole('row').nth(1)).toContainText('Course number');
    await page.keyboard.press('Control+P');
    // (Another address: a new page, with its own record of prints.)
    await expect.poll(printedRows).toEqual([1 + 230]);
    // After the dialog, the table is virtualized again.
    await expect.poll(() => page.getByRole('table', { name: 'Course log' }).getByRole('row').count()).toBeLessThan(60);
    await page.close();
  });

  test('the course log and a dashboard print their content', async ({ browser }) => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(`${trainer.url}#/courses`);
    await expect(page.getByRole('table', { name: 'Course log' }).getByRole('row').nth(1)).toContainText('Course number');
    const pdf = join(dir, 'courses.pdf');
    // Print media renders every row; the second page of rows arrives from main before the PDF is made.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('table', { name: 'Course log' }).getByRole('row')).toHaveCount(1 + 230);
    const pages = await printed(page, pdf);
    const text = pages.join('\n');
    for (const shown of NAVIGATION) expect(text, shown).not.toContain(shown);
    for (const header of ['Completed', 'Course title', 'Provider', 'Approval', 'Amount', 'Files', 'Verdict'])
      expect(text).toContain(header);
    for (let i = 1; i <= 230; i++) {
      const title = `Course number ${String(i).padStart(3, '0')}`;
      const on = pages.filter((p) => p.includes(title));
      expect(on, title).toHaveLength(1);
      // The row whole on its page: its title with its amount and verdict.
      expect(on[0], title).toMatch(new RegExp(`${title}.*0\\.1 CEUs.*Counted`));
    }
    render(pdf, 'print-courses-1');

    await page.goto(`${trainer.url}#/dashboard`);
    await expect(page.getByRole('heading', { name: "Robin Many's dashboard" })).toBeVisible();
    const dashboard = join(dir, 'dashboard.pdf');
    const dashboardText = (await printed(page, dashboard)).join('\n');
    expect(dashboardText).toContain("Robin Many's dashboard");
    expect(dashboardText).toContain('NASM-CPT');
    for (const shown of [...NAVIGATION, 'Add credential']) expect(dashboardText, shown).not.toContain(shown);
    render(dashboard, 'print-dashboard-1');
    await page.close();
  });
});

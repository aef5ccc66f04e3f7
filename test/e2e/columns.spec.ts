import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { textPdf, writePacketFixture } from '../helpers/packet-fixtures';
import { writeTeamRecords } from '../helpers/team-fixture';
import { expect, importRecords, launch, test } from './fixtures';

// The columns a manager (or a trainer) reads a table for stay on screen at 1280 and 1024 px: on the
// Team screen "Still needed" and CPR/AED, in the training matrix CPR/AED beside five credential types,
// in the course log beside an open course the date, amount and verdict, in the course CSV import's
// preview the date and amount. No header runs into the next one or is cut.
const out = resolve(__dirname, '../../test-results/screenshots');

/** The team of 25 with credentials of five bodies, as a gym with NASM, ACE, ACSM, NSCA and ISSA trainers has. */
function fiveBodyTeam(dir: string, certificate: Buffer): string {
  const file = writeTeamRecords(dir, certificate);
  const records = JSON.parse(readFileSync(file, 'utf8')) as { people: { id: string; credentials: Record<string, unknown>[] }[] };
  const extra: [string, string][] = [
    ['acsm-cpt', 'ACSM'],
    ['nsca-cscs', 'NSCA'],
    ['issa-cpt', 'ISSA'],
  ];
  records.people.forEach((person, i) => {
    const [ruleSet, prefix] = extra[i % 3] ?? [];
    if (i < 12 && ruleSet)
      person.credentials.push({ id: `${person.id}-${prefix}`, ruleSet, number: `${prefix}-${person.id}`, expires: '2027-09-30' });
  });
  writeFileSync(file, JSON.stringify(records));
  return file;
}

/**
 * What is wrong with a table's columns at this window size: a column header or a cell of the columns
 * to keep missing, past the window's edge or the edge of a box that clips or scrolls it, running into
 * its neighbour, or with its text cut (wider or taller than its box).
 */
function columnProblems(table: Locator, keep: string[]): Promise<string[]> {
  return table.evaluate((root, keepNames) => {
    const problems: string[] = [];
    const shown = (e: Element) => e.getClientRects().length > 0 && getComputedStyle(e).display !== 'none';
    const label = (e: Element) => (e.textContent ?? '').replace(/[▲▼]/g, '').trim();
    const windowRight = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > windowRight + 1) problems.push('the page scrolls sideways');

    /** Where the box is cut from view: the window, and every ancestor that clips or scrolls. */
    function cutOff(e: HTMLElement, what: string) {
      const box = e.getBoundingClientRect();
      if (box.left < -0.5 || box.right > windowRight + 0.5) problems.push(`${what}: past the window's edge`);
      for (let up = e.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX === 'visible') continue;
        const clip = up.getBoundingClientRect();
        if (box.left < clip.left - 0.5 || box.right > clip.right + 0.5) problems.push(`${what}: hidden past the edge of its table`);
      }
    }
    /** Text wider or taller than its box, or reaching past the padding into the next column. */
    function textCut(e: HTMLElement, what: string) {
      for (const inner of [e, ...e.querySelectorAll<HTMLElement>('button, span')]) {
        if (inner.scrollWidth > inner.clientWidth + 1 && inner.clientWidth > 0) problems.push(`${what}: text cut at the side`);
        if (inner.scrollHeight > inner.clientHeight + 1 && inner.clientHeight > 0) problems.push(`${what}: text cut at the bottom`);
      }
      const range = document.createRange();
      range.selectNodeContents(e);
      const text = range.getBoundingClientRect();
      const box = e.getBoundingClientRect();
      const style = getComputedStyle(e);
      const right = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
      if (text.width > 0 && text.right > right + 1) problems.push(`${what}: text runs into the next column`);
    }

    const headers = [...root.querySelectorAll<HTMLElement>('[role="columnheader"], thead th')].filter(shown);
    const names = headers.map(label);
    for (const name of keepNames) if (!names.includes(name)) problems.push(`no "${name}" column (columns: ${names.join(', ')})`);
    headers.forEach((header, i) => {
      const name = names[i] ?? '';
      cutOff(header, `header "${name}"`);
      textCut(header, `header "${name}"`);
      const next = headers[i + 1];
      if (next && header.getBoundingClientRect().right > next.getBoundingClientRect().left + 0.5) {
        problems.push(`header "${name}" overlaps "${names[i + 1] ?? ''}"`);
      }
    });

    const body = [...root.querySelectorAll<HTMLElement>('[role="row"], tbody tr')].filter(
      (row) => shown(row) && !row.querySelector('[role="columnheader"], th[scope="col"]'),
    );
    if (body.length === 0) problems.push('no rows');
    for (const row of body) {
      const cells = [...row.querySelectorAll<HTMLElement>(':scope > [role="cell"], :scope > td, :scope > th')].filter(shown);
      for (const name of keepNames) {
        const cell = cells[names.indexOf(name)];
        if (!cell) continue;
        const what = `"${name}" of ${label(cells[0] ?? row).slice(0, 30)}: "${label(cell).slice(0, 40)}"`;
        cutOff(cell, what);
        textCut(cell, what);
      }
    }
    return [...new Set(problems)];
  }, keep);
}

async function shot(page: Page, name: string, scheme: string, size: string): Promise<void> {
  await page.screenshot({ path: join(out, `columns-${name}-${scheme}-${size}.png`) });
}

test.describe('the columns read first', () => {
  let dir: string;
  let team: Awaited<ReturnType<typeof launch>>;
  let trainer: Awaited<ReturnType<typeof launch>>;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recert-columns-'));
    importRecords(join(dir, 'team'), fiveBodyTeam(dir, await textPdf('Certificate', 1)));
    team = await launch(join(dir, 'team'));
    const fixture = await writePacketFixture(join(dir, 'in'));
    importRecords(join(dir, 'trainer'), fixture.recordsFile);
    trainer = await launch(join(dir, 'trainer'));
    mkdirSync(out, { recursive: true });
  });

  test.afterAll(async () => {
    await team.stop();
    await trainer.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const viewport of [
      { width: 1280, height: 860 },
      { width: 1024, height: 768 },
    ]) {
      const size = `${viewport.width}x${viewport.height}`;
      test(`${scheme}, ${size}: Team, matrix, an open course and the course CSV preview keep their columns`, async ({ browser }) => {
        const page = await browser.newPage({ viewport, colorScheme: scheme });

        await page.goto(`${team.url}#/team`);
        const credentials = page.getByRole('table', { name: /Team credentials/ });
        await expect(credentials.getByRole('row').nth(1)).toBeVisible();
        const wide = viewport.width >= 1280;
        expect(
          await columnProblems(
            credentials,
            wide
              ? ['Trainer', 'Status', 'Expires', 'Still needed', 'CPR/AED', 'Audit', 'Missing files']
              : ['Trainer', 'Status', 'Expires', 'Still needed', 'CPR/AED'],
          ),
        ).toEqual([]);
        await shot(page, 'team', scheme, size);
        await page.getByLabel('Search').fill('E-19');
        // The search is answered by main: wait for Sam's row alone before reading it, or the first row
        // of the unfiltered team is read instead.
        await expect(credentials.getByRole('row')).toHaveCount(2);
        const samRow = credentials.getByRole('row').nth(1);
        await expect(samRow).toContainText('Sam Progress');
        const stillNeeded = await samRow.getByRole('cell').nth(4).textContent();
        expect(stillNeeded).toMatch(/^\d\.\d CEUs$/);
        await page.getByLabel('Search').blur();

        await page.goto(`${team.url}#/team?tab=matrix`);
        const matrix = page.getByRole('table', { name: /Training matrix/ });
        await expect(matrix.getByRole('columnheader')).toHaveText([
          'Trainer',
          'ACE-CPT',
          'ACSM-CPT',
          'ISSA-CPT',
          'NASM-CPT',
          'NSCA-CSCS',
          'CPR/AED',
        ]);
        // What a trainer still needs is in each credential's cell, as in the credentials' table.
        await expect(matrix.getByRole('row', { name: /Sam Progress/ })).toContainText(`In progressStill needed: ${stillNeeded}`);
        expect(await columnProblems(matrix, ['Trainer', 'NASM-CPT', 'NSCA-CSCS', 'CPR/AED'])).toEqual([]);
        await shot(page, 'matrix', scheme, size);

        await page.goto(`${trainer.url}#/courses`);
        await page.getByRole('button', { name: 'Corrective Exercise Specialist' }).click();
        await expect(page.getByRole('complementary', { name: 'Course: Corrective Exercise Specialist' })).toContainText('ces.pdf');
        const log = page.getByRole('table', { name: 'Course log' });
        await expect(log.getByRole('cell', { name: 'Completed before the cycle began' })).toBeVisible();
        expect(await columnProblems(log, ['Completed', 'Amount', 'Verdict'])).toEqual([]);
        await shot(page, 'course-open', scheme, size);

        await page.getByRole('button', { name: 'Import CSV…' }).click();
        const panel = page.getByRole('region', { name: 'Import courses from CSV' });
        await panel.getByLabel('CSV file').setInputFiles({
          name: 'transcript.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(
            'Title,Provider,Date completed,Contact hours\n' +
              'Mobility and flexibility for older adults,Iron Guild,3/14/2026,12.5\n' +
              'Recovery,FitCo,12/30/2025,1\n',
          ),
        });
        await expect(panel.getByRole('status')).toHaveText(/^To be added: 2 courses/);
        const preview = panel.getByRole('table');
        await preview.scrollIntoViewIfNeeded();
        await expect(preview).toContainText('30 Dec 2025');
        expect(await columnProblems(preview, ['Completed', 'Amount'])).toEqual([]);
        await shot(page, 'course-csv', scheme, size);
        await page.close();
      });
    }
  }
});

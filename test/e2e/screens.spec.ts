import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writePacketFixture } from '../helpers/packet-fixtures';
import type { Page } from '@playwright/test';
import { expect, importRecords, launch, test } from './fixtures';

// Every screen, in light and dark, with a trainer's real records (the packet fixture: courses in
// three scripts, a petition, damaged and locked certificates). The screenshots land in
// test-results/screenshots for people to look at; the assertions check each screen's content.
const screens = [
  { section: 'dashboard', heading: "Zoë Łukasik-Straße's dashboard", text: 'Final application' },
  { section: 'courses', heading: 'Courses', text: 'Corrective Exercise Specialist' },
  { section: 'cpr-aed', heading: 'CPR/AED', text: 'American Red Cross' },
  { section: 'audit', heading: 'Audit', text: 'What the packet will contain' },
  { section: 'staff', heading: 'Staff', text: 'Show deactivated people' },
  { section: 'settings', heading: 'Settings', text: 'Figures and their sources' },
];
const out = resolve(__dirname, '../../test-results/screenshots');

/** Cells of the course log whose text is cut without an ellipsis and a tooltip, and a table wider than its box. */
function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const table = document.querySelector<HTMLElement>('.course-table');
    if (!table) return ['no course table'];
    for (const row of table.querySelectorAll<HTMLElement>('.course-row')) {
      if (row.scrollWidth > row.clientWidth + 1) problems.push(`a row is wider than the table (${row.scrollWidth} > ${row.clientWidth})`);
    }
    for (const cell of table.querySelectorAll<HTMLElement>('[role="cell"], [role="columnheader"]')) {
      if (getComputedStyle(cell).display === 'none') continue;
      const inner = cell.querySelector<HTMLElement>('button') ?? cell;
      for (const box of [cell, inner]) {
        if (box.scrollWidth <= box.clientWidth + 1) continue;
        const style = getComputedStyle(box);
        const titled = !!(box.title || cell.title || inner.title);
        if (style.textOverflow !== 'ellipsis' || !titled) problems.push(`cut without ellipsis or tooltip: "${cell.textContent ?? ''}"`);
      }
    }
    return [...new Set(problems)];
  });
}

test.describe('every screen with records', () => {
  let dir: string;
  let host: Awaited<ReturnType<typeof launch>>;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recert-screens-'));
    const fixture = await writePacketFixture(join(dir, 'in'));
    importRecords(join(dir, 'data'), fixture.recordsFile);
    host = await launch(join(dir, 'data'));
    mkdirSync(out, { recursive: true });
  });

  test.afterAll(async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const viewports = [
    { width: 1280, height: 860 },
    { width: 1024, height: 768 },
  ];
  for (const scheme of ['light', 'dark'] as const) {
    for (const viewport of viewports) {
      const size = `${viewport.width}x${viewport.height}`;
      test(`all screens render in ${scheme} mode at ${size}`, async ({ browser }) => {
        const page = await browser.newPage({ viewport, colorScheme: scheme });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        await page.goto(host.url);
        for (const screen of screens) {
          await page.goto(`${host.url}#/${screen.section}`);
          await expect(page.getByRole('heading', { level: 1, name: screen.heading })).toBeVisible();
          await expect(page.getByText(screen.text).first()).toBeVisible();
          await page.screenshot({ path: join(out, `${screen.section}-${scheme}-${size}.png`), fullPage: screen.section !== 'courses' });
        }
        // The course log at either size keeps the columns a trainer reads it for: which courses have
        // no certificate, and each one's verdict, in full where it fits.
        await page.goto(`${host.url}#/courses`);
        for (const column of ['Course title', 'Amount', 'Files', 'Verdict']) {
          await expect(page.getByRole('columnheader', { name: column })).toBeVisible();
        }
        await expect(page.getByRole('cell', { name: 'Completed before the cycle began', exact: true })).toBeVisible();
        expect(await clippedText(page)).toEqual([]);
        // The course panel with a course open, and the form to add one.
        await page.goto(`${host.url}#/courses`);
        await page.getByRole('button', { name: 'Corrective Exercise Specialist' }).click();
        await expect(page.getByRole('complementary', { name: 'Course: Corrective Exercise Specialist' })).toContainText('ces.pdf');
        await page.screenshot({ path: join(out, `course-open-${scheme}-${size}.png`) });
        // With the panel open the table still fits: no column pushed out of view, and any text too long
        // for its cell ends in an ellipsis with the whole text in a tooltip.
        expect(await clippedText(page)).toEqual([]);
        await page.getByRole('button', { name: 'Add course' }).click();
        await expect(page.getByRole('form', { name: 'Add a course' })).toBeVisible();
        await page.screenshot({ path: join(out, `course-form-${scheme}-${size}.png`), fullPage: true });
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  }
});

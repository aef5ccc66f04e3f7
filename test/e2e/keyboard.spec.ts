import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { textPdf, writePacketFixture } from '../helpers/packet-fixtures';
import { writeTeamRecords } from '../helpers/team-fixture';
import { expect, importRecords, launch, test } from './fixtures';

/**
 * Tabs through the screen and names each control whose focus ring does not show: none drawn (on it,
 * or for a hidden file input on its label), or drawn but cut off by a box that clips its content.
 */
async function controlsWithoutRing(page: Page, presses: number, from?: Locator): Promise<string[]> {
  const problems = new Set<string>();
  await (from ?? page.locator('body')).focus();
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    const problem = await page.evaluate(() => {
      const focused = document.activeElement as HTMLElement | null;
      if (!focused || focused === document.body) return null;
      const label = focused.id ? document.querySelector<HTMLElement>(`label[for="${focused.id}"]`) : null;
      const words = focused.getAttribute('aria-label') ?? (focused.textContent || label?.textContent) ?? '';
      const name = `${focused.tagName.toLowerCase()} "${words.trim().slice(0, 40)}"`;
      // Hidden as .visually-hidden hides it (clipped to nothing), whatever size its padding gives its box.
      const own = getComputedStyle(focused);
      const size = focused.getBoundingClientRect();
      const hidden =
        size.width <= 1 ||
        size.height <= 1 ||
        own.clip !== 'auto' ||
        own.clipPath !== 'none' ||
        own.opacity === '0' ||
        own.visibility === 'hidden';
      const shown = hidden ? label : focused;
      if (!shown) return `${name}: hidden, with no label to show its focus`;
      const style = getComputedStyle(shown);
      const width = parseFloat(style.outlineWidth);
      if (style.outlineStyle === 'none' || !(width >= 2)) return `${name}: no focus ring`;
      const reach = width + parseFloat(style.outlineOffset);
      const box = shown.getBoundingClientRect();
      const ring = { left: box.left - reach, right: box.right + reach, top: box.top - reach, bottom: box.bottom + reach };
      for (let up = shown.parentElement; up; up = up.parentElement) {
        const s = getComputedStyle(up);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const clip = up.getBoundingClientRect();
        const edge = parseFloat(s.borderLeftWidth) + 0.5;
        if (ring.left < clip.left + edge - 0.5 || ring.right > clip.right - edge + 0.5) return `${name}: ring cut at the side`;
        if (s.overflowY !== 'visible' && up.scrollHeight <= up.clientHeight + 1) {
          if (ring.top < clip.top - 0.5 || ring.bottom > clip.bottom + 0.5) return `${name}: ring cut at the top or bottom`;
        }
      }
      return null;
    });
    if (problem) problems.add(problem);
    if (process.env.SHOW_FOCUS) console.log(i, problem ?? 'ok', await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 90)));
  }
  return [...problems];
}

test.describe('the keyboard', () => {
  let dir: string;
  let host: Awaited<ReturnType<typeof launch>>;
  let team: Awaited<ReturnType<typeof launch>>;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recert-keyboard-'));
    const fixture = await writePacketFixture(join(dir, 'in'));
    importRecords(join(dir, 'data'), fixture.recordsFile);
    host = await launch(join(dir, 'data'));
    importRecords(join(dir, 'team'), writeTeamRecords(dir, await textPdf('Certificate', 1)));
    team = await launch(join(dir, 'team'));
  });

  test.afterAll(async () => {
    await host.stop();
    await team.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('every control shows its focus ring: a course open (Attach certificate files), the dashboard, Staff, Settings', async ({ page }) => {
    await page.goto(`${host.url}#/courses`);
    await page.getByRole('button', { name: 'Corrective Exercise Specialist' }).click();
    await expect(page.getByText('Attach certificate files')).toBeVisible();
    expect(await controlsWithoutRing(page, 50)).toEqual([]);
    // The open course's panel, from its first control: its files, "Attach certificate files" (a hidden file input).
    const panel = page.getByRole('complementary', { name: 'Course: Corrective Exercise Specialist' });
    expect(await controlsWithoutRing(page, 15, panel.getByRole('button').first())).toEqual([]);
    for (const section of ['dashboard', 'staff', 'settings', 'cpr-aed']) {
      await page.goto(`${host.url}#/${section}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await controlsWithoutRing(page, 50), section).toEqual([]);
    }
  });

  test('every control of the Team screen shows its focus ring', async ({ page }) => {
    await page.goto(`${team.url}#/team`);
    await expect(
      page
        .getByRole('table', { name: /Team credentials/ })
        .getByRole('row')
        .nth(1),
    ).toBeVisible();
    expect(await controlsWithoutRing(page, 45)).toEqual([]);
  });

  test('"/" goes to the search on Team, Courses and Staff, but types a "/" in a field', async ({ page }) => {
    await page.goto(`${team.url}#/team`);
    const teamSearch = page.getByRole('searchbox', { name: 'Search' });
    await expect(teamSearch).toBeVisible();
    await page.keyboard.press('/');
    await expect(teamSearch).toBeFocused();
    await page.keyboard.type('E-2/');
    await expect(teamSearch).toHaveValue('E-2/');

    await page.goto(`${host.url}#/courses`);
    await expect(page.getByRole('button', { name: 'Corrective Exercise Specialist' })).toBeVisible();
    await page.keyboard.press('/');
    await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();

    await page.goto(`${host.url}#/staff`);
    await expect(page.getByRole('row', { name: /Zoë/ })).toBeVisible();
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByLabel('Name').fill('A/B');
    await expect(page.getByLabel('Name')).toHaveValue('A/B');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.keyboard.press('/');
    const staffSearch = page.getByRole('searchbox', { name: 'Search' });
    await expect(staffSearch).toBeFocused();
    await page.keyboard.type('nobody');
    await expect(page.getByText('No one matches “nobody”.')).toBeVisible();
  });
});

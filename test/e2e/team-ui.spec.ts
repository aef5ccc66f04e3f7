import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { textPdf } from '../helpers/packet-fixtures';
import { writeTeamRecords } from '../helpers/team-fixture';
import { expect, importRecords, launch, test } from './fixtures';

// The Team screen's filters over the team of 25 (dates relative to the fixture's day, the screen as of
// today: the assertions pick trainers whose state does not move within weeks).
test.describe('the Team filters', () => {
  let dir: string;
  let host: Awaited<ReturnType<typeof launch>>;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recert-teamui-e2e-'));
    const records = writeTeamRecords(dir, await textPdf('Certificate', 1));
    importRecords(join(dir, 'data'), records);
    host = await launch(join(dir, 'data'));
  });

  test.afterAll(async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a summary number shows in the Status control and is cleared there', async ({ page }) => {
    await page.goto(`${host.url}#/team`);
    const counts = page.getByRole('list', { name: /Summary/ });
    const lapsed = counts.getByRole('button', { name: /Lapsed/ });
    await lapsed.click();
    const status = page.getByLabel('Status', { exact: true });
    await expect(status.locator('option:checked')).toHaveText('Lapsed');
    await expect(page.getByRole('status').filter({ hasText: 'credentials' })).toHaveText(/^1 of 26 credentials/);
    await status.selectOption({ label: 'Any status' });
    await expect(lapsed).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByRole('status').filter({ hasText: 'credentials' })).toHaveText(/^26 credentials/);
  });

  test('"Out of compliance" selects what main decides, on every tab', async ({ page }) => {
    await page.goto(`${host.url}#/team`);
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Out of compliance' });
    const table = page.getByRole('table', { name: /Team credentials/ });
    // Which ones moves with the calendar (the unit test pins them as of the fixture's day). Counted
    // from main's answer, not from the rows drawn: the table draws only the rows near the view, and
    // until the answer comes it still shows the unfiltered ones.
    const summary = page.getByRole('status').filter({ hasText: 'credentials' });
    await expect(summary).toHaveText(/^\d+ of 26 credentials/);
    const selected = Number(/^(\d+) of/.exec((await summary.textContent()) ?? '')?.[1]);
    expect(selected).toBeGreaterThanOrEqual(5);
    for (const name of ['Avery Lapsed', 'Noor ExpiredCard', 'Pat NoCard']) await expect(table).toContainText(name);
    await expect(table).not.toContainText('Kai Ready');
    // The matrix shows the same people, no one else.
    await page.getByRole('tab', { name: 'Training matrix' }).click();
    const matrix = page.getByRole('table', { name: /Training matrix/ });
    await expect(matrix.getByRole('row')).toHaveCount(1 + selected);
    await expect(matrix).toContainText('Pat NoCard');
    await expect(matrix).not.toContainText('Kai Ready');
  });

  test('the matrix keeps the chosen credential type and its holders; Upcoming, the chosen trainers', async ({ page }) => {
    await page.goto(`${host.url}#/team?tab=matrix`);
    const matrix = page.getByRole('table', { name: /Training matrix/ });
    await expect(matrix.getByRole('row')).toHaveCount(1 + 25);
    await page.getByLabel('Credential type').selectOption({ label: 'ACE-CPT' });
    await expect(matrix.getByRole('columnheader')).toHaveText(['Trainer', 'ACE-CPT', 'CPR/AED']);
    await expect(matrix.getByRole('row')).toHaveCount(2);
    await expect(matrix).toContainText('Riley Two');

    await page.getByLabel('Credential type').selectOption({ label: 'All types' });
    await page.getByRole('tab', { name: 'Upcoming' }).click();
    await page.getByLabel('Within').selectOption({ label: 'the next 90 days' });
    const upcoming = page.getByRole('region', { name: 'Upcoming deadlines of the team' }).getByRole('listitem');
    await expect(upcoming.first()).toBeVisible();
    const everyone = await upcoming.allTextContents();
    expect(everyone.some((t) => !t.includes('Indy Ninety'))).toBe(true);
    await page.getByLabel('Search').fill('E-09');
    await expect(upcoming.first()).toContainText('Indy Ninety');
    for (const text of await upcoming.allTextContents()) expect(text).toContain('Indy Ninety');
  });

  test('an empty filtered view says so and offers to clear the filters', async ({ page }) => {
    await page.goto(`${host.url}#/team`);
    await page.getByLabel('Search').fill('nobody by that name');
    await expect(page.getByText('No credentials match these filters.')).toBeVisible();
    await page.getByRole('tab', { name: 'Training matrix' }).click();
    await expect(page.getByText('No credentials match these filters.')).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByLabel('Search')).toHaveValue('');
    await expect(page.getByRole('table', { name: /Training matrix/ }).getByRole('row')).toHaveCount(1 + 25);
  });
});

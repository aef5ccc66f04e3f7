import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../../main/core/dates';
import { expect, importRecords, launch, test } from './fixtures';

// A team of 240 credentials, more than two of the screen's pages: main sorts, filters and searches,
// the table fetches the pages it scrolls to, and only the rows in view are in the page.
const FIRST = ['Ana', 'Bruno', 'Chloé', 'Dario', 'Émile', 'Farah', 'Gösta', 'Hana', 'Iñigo', 'Jun'];
const LAST = ['Silva', 'Moreau', 'Nowak', 'Okafor', 'Petrov', 'Quist', 'Rossi', 'Sato', 'Tanaka', 'Ulloa', 'Varga', 'Weiss'];
const today = new Date().toISOString().slice(0, 10);
const team = Array.from({ length: 240 }, (_, i) => ({
  id: `s${i}`,
  // The one name a search must find without its accents.
  name: i === 137 ? 'Renée Dubé' : `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`,
  employeeId: `S-${1000 + i}`,
  // Each credential a day further out: the urgency and expiration orders are the people's order.
  expires: addDays(today, 120 + i),
}));
const byName = [...team].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base', numeric: true }));

test.describe('the Team screen of a team that needs several pages', () => {
  let dir: string;
  let host: Awaited<ReturnType<typeof launch>>;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recert-team-pages-e2e-'));
    const people = team.map((t) => ({
      id: t.id,
      name: t.name,
      employeeId: t.employeeId,
      credentials: [{ id: `${t.id}-nasm`, ruleSet: 'nasm-cpt', number: `NASM-${t.id}`, expires: t.expires }],
      activities: [],
      cprAed: [],
    }));
    writeFileSync(join(dir, 'team.json'), JSON.stringify({ format: 'recert-records/1', people }));
    importRecords(join(dir, 'data'), join(dir, 'team.json'));
    host = await launch(join(dir, 'data'));
  });

  test.afterAll(async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('scrolls to the last page, sorts and searches across every page', async ({ page }) => {
    await page.goto(`${host.url}#/team`);
    const table = page.getByRole('table', { name: /Team credentials/ });
    const summary = page.getByRole('status').filter({ hasText: 'credentials' });
    const rows = table.locator('.team-body-row');
    await expect(summary).toHaveText(/^240 credentials/);
    await expect(table).toHaveAttribute('aria-rowcount', '241');
    await expect(rows.first()).toContainText(team[0]?.name ?? '');
    // Virtualised: a screenful and a few more, not 240.
    expect(await rows.count()).toBeLessThan(60);

    // The last row comes from the third page, fetched as it scrolls into view.
    const scroller = table.locator('.team-scroller');
    await scroller.evaluate((e) => (e.scrollTop = e.scrollHeight));
    const lastRow = table.locator('[role="row"][aria-rowindex="241"]');
    await expect(lastRow).toContainText(team[239]?.name ?? '');
    await expect(lastRow.getByRole('cell').first()).toBeVisible();

    // A name sort over the whole team, not over the page in view.
    await page.getByRole('columnheader', { name: 'Trainer' }).getByRole('button').click();
    await expect(page.getByRole('columnheader', { name: 'Trainer' })).toHaveAttribute('aria-sort', 'ascending');
    await scroller.evaluate((e) => (e.scrollTop = 0));
    await expect(rows.first()).toContainText(byName[0]?.name ?? '');
    await scroller.evaluate((e) => (e.scrollTop = e.scrollHeight));
    await expect(lastRow).toContainText(byName[239]?.name ?? '');
    await page.getByRole('columnheader', { name: 'Trainer' }).getByRole('button').click();
    await expect(page.getByRole('columnheader', { name: 'Trainer' })).toHaveAttribute('aria-sort', 'descending');
    await scroller.evaluate((e) => (e.scrollTop = 0));
    await expect(rows.first()).toContainText(byName[239]?.name ?? '');
    // A column of dates shows the latest first on its first click.
    await page.getByRole('columnheader', { name: 'Expires' }).getByRole('button').click();
    await scroller.evaluate((e) => (e.scrollTop = 0));
    await expect(rows.first()).toContainText(team[239]?.name ?? '');

    // The search ignores case and accents, and selects from every page.
    await page.keyboard.press('/');
    await expect(page.getByLabel('Search')).toBeFocused();
    await page.keyboard.type('RENEE dube');
    await expect(summary).toHaveText(/^1 of 240 credentials/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Renée Dubé');
    const chloe = team.filter((t) => t.name.startsWith('Chloé')).length;
    await page.getByLabel('Search').fill('chloe');
    await expect(summary).toHaveText(new RegExp(`^${chloe} of 240 credentials`));
    await expect(table).toHaveAttribute('aria-rowcount', String(chloe + 1));
    await expect(rows.first()).toContainText('Chloé');

    // From the keyboard: a row's button takes the focus and Enter opens the trainer's dashboard.
    await page.getByLabel('Search').fill('S-1137');
    await expect(rows).toHaveCount(1);
    await rows.first().getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: "Renée Dubé's dashboard" })).toBeVisible();
  });
});

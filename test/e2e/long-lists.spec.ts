import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// A chain's people are chosen by typing a name, not from a select of every name: a select lays out
// each of its options whenever the page's style changes, which for 10,000 people held the window
// still at every change of screen (the chain UI bench). Below 201 people the
// screens keep their selects (the other end-to-end tests use them).
const shots = '/tmp/shots/long-lists';
const PEOPLE = 230;

async function seed(page: Page): Promise<void> {
  // Within two months, so that the Team screen's next 90 days hold every trainer's deadlines.
  const expires = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
  const header = 'Name,E-mail,Employee ID,Credential,Certification number,Expiration,CPR provider,CPR completed,CPR expiration,Hands-on';
  const rows = Array.from(
    { length: PEOPLE - 2 },
    (_, i) => `Trainer ${String(i).padStart(3, '0')} Okafor,t${i}@gym.example,E${i},NASM-CPT,N${i},${expires},,,,`,
  );
  // Two people of one name, told apart by their employee IDs.
  rows.push(`Sam Lee,sam.a@gym.example,E-SL1,NASM-CPT,NSL1,${expires},,,,`, `Sam Lee,sam.b@gym.example,E-SL2,NASM-CPT,NSL2,${expires},,,,`);
  const result = await page.evaluate((csvText) => window.recert.importRoster({ csvText }), [header, ...rows].join('\n'));
  expect(result.ok, JSON.stringify(result)).toBe(true);
}

/** Every select on the page, with how many options it has. */
const selectSizes = (page: Page) => page.evaluate(() => [...document.querySelectorAll('select')].map((s) => s.options.length));

test('a chain chooses its people by typing a name, with no select of every name', async ({ page, app }) => {
  await page.goto(`${app.url}#/settings`);
  await seed(page);
  await page.goto(`${app.url}#/dashboard`);
  await page.reload();
  const picker = page.getByLabel('Showing records of');
  await expect(picker).toHaveJSProperty('tagName', 'INPUT');
  const first = await picker.inputValue();
  expect(first).not.toBe('');

  // No list of every name until the field is used (creating it is a long task of its own); then the
  // names are suggested, the two Sam Lees apart.
  expect(await page.locator('datalist option').count()).toBe(0);
  await picker.focus();
  const suggestions = await page.evaluate(() => {
    const input = document.getElementById('person-picker') as HTMLInputElement;
    return [...(input.list?.options ?? [])].map((o) => o.value);
  });
  expect(suggestions).toHaveLength(PEOPLE);
  expect(suggestions).toEqual(expect.arrayContaining(['Sam Lee · E-SL1', 'Sam Lee · E-SL2', 'Trainer 007 Okafor']));

  // A whole name chooses that person; the dashboard follows.
  await picker.fill('Sam Lee · E-SL2');
  await expect(page.locator('.person-picked')).toHaveText('Sam Lee');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Sam Lee');
  await page.goto(`${app.url}#/courses`);
  await expect(picker).toHaveValue('Sam Lee · E-SL2');

  // Part of a name chooses nobody: leaving the field puts back the person chosen.
  await picker.fill('Trainer 00');
  await picker.blur();
  await expect(picker).toHaveValue('Sam Lee · E-SL2');
  await picker.fill('Nobody by this name');
  await picker.press('Escape');
  await expect(picker).toHaveValue('Sam Lee · E-SL2');

  mkdirSync(shots, { recursive: true });
  await picker.fill('');
  await picker.focus();
  await page.screenshot({ path: `${shots}/picker-1280-light.png` });

  // Settings: whose records to share, and whose records this Recert takes from a team folder.
  await page.goto(`${app.url}#/settings`);
  const share = page.getByLabel('Records of', { exact: true });
  await expect(share).toHaveJSProperty('tagName', 'INPUT');
  await share.fill(`Everyone (${PEOPLE} people)`);
  await share.blur();
  await expect(share).toHaveValue(`Everyone (${PEOPLE} people)`);
  const scope = page.getByLabel('Whose records this Recert takes');
  await expect(scope).toHaveJSProperty('tagName', 'INPUT');
  await scope.fill("Only Trainer 042 Okafor's records (a trainer's Recert)");
  await scope.blur();
  await expect(scope).toHaveValue("Only Trainer 042 Okafor's records (a trainer's Recert)");
  for (const sizes of [await selectSizes(page)]) for (const n of sizes) expect(n).toBeLessThanOrEqual(200);
  for (const [width, height, scheme] of [
    [1280, 860, 'light'],
    [1024, 768, 'dark'],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme: scheme });
    await scope.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/settings-${width}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // No screen a manager opens has a select of every person.
  for (const screen of ['dashboard', 'courses', 'cpr-aed', 'audit', 'team', 'staff']) {
    await page.goto(`${app.url}#/${screen}`);
    await expect(page.locator('main h1').first()).toBeVisible();
    for (const n of await selectSizes(page)) expect(n, `a select on #/${screen}`).toBeLessThanOrEqual(200);
  }
});

test("a chain's Staff list shows two hundred people at a time, and search finds anyone", async ({ page, app }) => {
  await page.goto(`${app.url}#/settings`);
  await seed(page);
  await page.goto(`${app.url}#/staff`);
  await page.reload();
  const rows = page.locator('.data-table tbody tr');
  await expect(rows).toHaveCount(200);
  await expect(page.getByText(`Showing 200 of ${PEOPLE} people; search to find someone.`)).toBeVisible();
  await page.getByRole('button', { name: `Show ${PEOPLE - 200} more` }).click();
  await expect(rows).toHaveCount(PEOPLE);
  await expect(page.getByRole('button', { name: /^Show \d+ more$/ })).toHaveCount(0);
  // A search looks through everyone, not only the rows drawn, and starts again from the first page.
  await page.getByLabel('Search').fill('Trainer 227');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Trainer 227 Okafor');
  await page.getByLabel('Search').fill('');
  await expect(rows).toHaveCount(200);
  mkdirSync(shots, { recursive: true });
  await page.getByRole('button', { name: `Show ${PEOPLE - 200} more` }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/staff-1280-light.png` });
});

test("a chain's training matrix and upcoming deadlines show two hundred at a time, and the filters narrow them", async ({ page, app }) => {
  await page.goto(`${app.url}#/settings`);
  await seed(page);
  await page.goto(`${app.url}#/team?tab=matrix`);
  await page.reload();
  const rows = page.getByRole('table', { name: /Training matrix/ }).locator('tbody tr');
  await expect(rows).toHaveCount(200);
  await expect(page.getByText(`Showing 200 of ${PEOPLE} trainers; the filters and the search above narrow them.`)).toBeVisible();
  await page.getByRole('button', { name: `Show ${PEOPLE - 200} more` }).click();
  await expect(rows).toHaveCount(PEOPLE);
  await page.locator('#team-search').fill('Sam Lee');
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('button', { name: /^Show \d+ more$/ })).toHaveCount(0);

  // Upcoming: every credential expires within 60 days, so the next 90 days hold more than 200 deadlines.
  await page.locator('#team-search').fill('');
  await page.getByRole('tab', { name: 'Upcoming' }).click();
  await page.getByLabel('Within').selectOption({ label: 'the next 90 days' });
  const items = page.locator('.upcoming-item');
  await expect(items).toHaveCount(200);
  const status = page.getByRole('status').filter({ hasText: /^Showing 200 of [\d,]+ deadlines;/ });
  const total = Number((/of ([\d,]+) deadlines/.exec((await status.textContent()) ?? '')?.[1] ?? '0').replace(/,/g, ''));
  expect(total).toBeGreaterThan(PEOPLE);
  await page.getByRole('button', { name: `Show ${Math.min(200, total - 200)} more` }).click();
  await expect(items).toHaveCount(Math.min(400, total));
  // Another window starts again from the first deadlines.
  await page.getByLabel('Within').selectOption({ label: 'the next 60 days' });
  await expect(items).toHaveCount(200);
});

test('people without a credential are listed two hundred at a time', async ({ page, app }) => {
  await page.goto(`${app.url}#/settings`);
  await page.evaluate(async () => {
    for (let i = 0; i < 210; i++) await window.recert.createPerson({ name: `Newcomer ${i}` });
  });
  await page.goto(`${app.url}#/team`);
  await page.reload();
  const section = page.getByRole('region', { name: /No credential on file/ });
  await expect(section.locator('tbody tr')).toHaveCount(200);
  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await section.getByRole('button', { name: 'Show 10 more' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/without-credential-1024-dark.png` });
  await section.getByRole('button', { name: 'Show 10 more' }).click();
  await expect(section.locator('tbody tr')).toHaveCount(210);
});

test('a small team keeps its select of names', async ({ page, app }) => {
  await page.goto(`${app.url}#/settings`);
  for (const name of ['Dana Rivera', 'Ana Souza']) await page.evaluate((n) => window.recert.createPerson({ name: n }), name);
  await page.goto(`${app.url}#/dashboard`);
  await page.reload();
  const picker = page.getByLabel('Showing records of');
  await expect(picker).toHaveJSProperty('tagName', 'SELECT');
  await picker.selectOption({ label: 'Ana Souza' });
  await expect(page.locator('.person-picked')).toHaveText('Ana Souza');
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { expect, test } from './fixtures';

// A gym's 30-person roster imported twice through the Staff screen: next month's roster renews five
// NASM-CPTs and has two incomplete rows, skipped on request. The Team screen's counts, the CSV and the
// PDF are then read back. Dates are relative to today (the screen evaluates as of today), so every
// count below is the same whatever day the test runs.
const shots = '/tmp/shots/roster';

/** Today plus some days (and years), YYYY-MM-DD. */
function day(offset: number, years = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  d.setFullYear(d.getFullYear() + years);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
/** "31 Dec 2026", as the app writes a date. */
function words(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][(m ?? 1) - 1];
  return `${d} ${month} ${y}`;
}

const HEADER = 'Name,E-mail,Employee ID,Credential,Certification number,Expiration,CPR provider,CPR completed,CPR expiration,Hands-on';
const card = (expires: string) => `American Red Cross,${day(-300)},${expires},yes`;
const noCard = ',,,';

/** The first month's roster: 30 people, 28 credentials. */
function firstRoster(): string[] {
  const rows: string[] = [];
  const id = (n: number) => `E-${String(n).padStart(2, '0')}`;
  // 1–10: NASM-CPT expiring in 28 days, a current card.
  for (let n = 1; n <= 10; n++) rows.push(`Nasm Trainer ${n},,${id(n)},NASM-CPT,NASM-${1000 + n},${day(28)},${card(day(400))}`);
  // 11–19: ACE-CPT in 200 days, a current card; 20: the same with a card that expired last week.
  for (let n = 11; n <= 19; n++) rows.push(`Ace Trainer ${n},,${id(n)},ACE-CPT,ACE-${n},${day(200)},${card(day(400))}`);
  rows.push(`Ace Trainer 20,,${id(20)},ACE-CPT,ACE-20,${day(200)},${card(day(-7))}`);
  // 21–26: ACSM-CPT in 300 days, no card on the roster.
  for (let n = 21; n <= 26; n++) rows.push(`Acsm Trainer ${n},,${id(n)},ACSM-CPT,ACSM-${n},${day(300)},${noCard}`);
  // 27–28: NASM-CPT expired ten days ago.
  for (let n = 27; n <= 28; n++) rows.push(`Late Trainer ${n},,${id(n)},NASM-CPT,NASM-${1000 + n},${day(-10)},${card(day(400))}`);
  // 29: a new hire with a card and no credential yet; 30: nothing yet but the name.
  rows.push(`New Hire 29,,${id(29)},,,,${card(day(500))}`);
  rows.push(`New Hire 30,,${id(30)},,,,${noCard}`);
  return rows;
}

/** Next month's: trainers 1–5 renewed (same numbers, two years on), 6 and 7 with their expiration left blank. */
function secondRoster(): string[] {
  return firstRoster().map((row, i) => {
    const n = i + 1;
    if (n <= 5) return row.replace(day(28), day(28, 2));
    if (n === 6 || n === 7) return row.replace(`,${day(28)},`, ',,');
    return row;
  });
}

const csvFile = (rows: string[]) => ({
  name: 'roster.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(`${[HEADER, ...rows].join('\r\n')}\r\n`),
});

async function choose(page: Page, url: string, rows: string[]): Promise<void> {
  await page.goto(`${url}#/staff?roster=1`);
  await page.getByLabel('Roster CSV file').setInputFiles(csvFile(rows));
}

const count = (page: Page, name: string | RegExp) => page.getByRole('list', { name: /Summary/ }).getByRole('button', { name });

test('a 30-person roster imported twice: renewals update, bad rows skipped on request, counts, CSV and PDF agree', async ({
  app,
  page,
  browser,
}) => {
  mkdirSync(shots, { recursive: true });

  // The first roster: every row can be imported.
  await choose(page, app.url, firstRoster());
  await expect(page.getByRole('table', { name: /What the roster will do/ }).getByRole('row', { name: /New Hire 30/ })).toContainText(
    'Add person; no credential on file',
  );
  await page.getByRole('button', { name: 'Import 30 people' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported roster.csv' })).toContainText('30 new people');

  await page.goto(`${app.url}#/team`);
  await expect(count(page, '30 People')).toBeVisible();
  await expect(count(page, '28 Credentials')).toBeVisible();
  await expect(count(page, /Expiring within 30 days/)).toHaveText(/^10/);

  // Next month's roster: the renewals say what they change, the incomplete rows name line, column and person.
  await choose(page, app.url, secondRoster());
  const problems = page.getByRole('alert');
  await expect(problems).toContainText('2 rows have problems');
  await expect(problems).toContainText('line 7, Nasm Trainer 6, expiration date: is required');
  await expect(problems).toContainText('line 8, Nasm Trainer 7, expiration date: is required');
  const preview = page.getByRole('table', { name: /What the roster will do/ });
  await expect(preview.getByRole('row', { name: /Nasm Trainer 1 / })).toContainText(
    `Update expiration ${words(day(28))} → ${words(day(28, 2))}`,
  );
  await expect(preview.getByRole('row', { name: /Nasm Trainer 8/ })).toContainText('Already in Recert');

  // The preview at both sizes, light and dark.
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const viewport of [
      { width: 1280, height: 860 },
      { width: 1024, height: 768 },
    ]) {
      const shot = await browser.newPage({ viewport, colorScheme });
      await choose(shot, app.url, secondRoster());
      await expect(shot.getByRole('button', { name: 'Import 28 people; skip 2 rows' })).toBeVisible();
      await shot.screenshot({ path: join(shots, `roster-preview-${colorScheme}-${viewport.width}x${viewport.height}.png`) });
      await shot.close();
    }
  }

  await page.getByRole('button', { name: 'Import 28 people; skip 2 rows' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported roster.csv' })).toContainText(
    '5 credentials updated. Skipped 2 rows with problems: lines 7 and 8.',
  );

  // The Team screen: no credential duplicated, the renewed ones out of "Expiring within 30 days".
  await page.goto(`${app.url}#/team`);
  await expect(count(page, '30 People')).toBeVisible();
  await expect(count(page, '28 Credentials')).toBeVisible();
  await expect(count(page, /Expiring within 30 days/)).toHaveText(/^5/);
  // Compliant: the 10 NASM-CPTs still current, 9 ACE-CPTs with a current card; not the ACSM-CPTs
  // without a card, the expired ones, nor the ACE-CPT whose card expired.
  await expect(count(page, /Compliant/)).toHaveText(/^19/);
  await expect(count(page, /Compliant/)).toHaveAttribute('title', /credential is current .* no audit is overdue/);
  await expect(count(page, /Requirements met/)).toHaveText(/^0/);
  await expect(count(page, /CPR\/AED not OK/)).toHaveText(/^7/);
  await expect(page.getByText('Requirements met:', { exact: false }).first()).toBeVisible();
  const table = page.getByRole('table', { name: /Team credentials/ });
  // One NASM-CPT for the renewed trainer, not two.
  await page.getByLabel('Search').fill('E-01');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText(words(day(28, 2)));
  await page.getByLabel('Search').fill('');
  // The expired card says so in the status, and sorts with the urgent rows, just after the expired credentials.
  await expect(table.getByRole('row').nth(3)).toContainText('Ace Trainer 20');
  await expect(table.getByRole('row').nth(3)).toContainText('CPR/AED card expired');
  const without = page.getByRole('table', { name: 'People with no credential on file' });
  await expect(without.getByRole('row', { name: /New Hire 29/ })).toContainText('No credential on file');
  await expect(without.getByRole('row', { name: /New Hire 30/ })).toContainText('None on file');

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const viewport of [
      { width: 1280, height: 860 },
      { width: 1024, height: 768 },
    ]) {
      const shot = await browser.newPage({ viewport, colorScheme });
      await shot.goto(`${app.url}#/team`);
      await expect(
        shot
          .getByRole('table', { name: /Team credentials/ })
          .getByRole('row')
          .nth(1),
      ).toBeVisible();
      await shot.screenshot({ path: join(shots, `team-${colorScheme}-${viewport.width}x${viewport.height}.png`) });
      await shot.close();
    }
  }

  // The CSV: one row per credential and per person without one, in words.
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csvText = readFileSync((await (await csvDownload).path()) ?? '', 'utf8');
  const rows = parse(csvText, { bom: true, columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(30);
  expect(Object.keys(rows[0] ?? {}).slice(0, 5)).toEqual(['Name', 'Employee ID', 'Credential', 'Certification number', 'Status']);
  expect(rows.filter((r) => r.Name === 'Nasm Trainer 1')).toEqual([
    expect.objectContaining({ Credential: 'NASM-CPT', 'Certification number': 'NASM-1001', Expires: day(28, 2), Compliant: 'Yes' }),
  ]);
  expect(rows.find((r) => r.Name === 'Nasm Trainer 6')).toMatchObject({ Expires: day(28), Status: 'In progress' });
  expect(rows.find((r) => r.Name === 'Ace Trainer 20')).toMatchObject({ Status: 'CPR/AED card expired', Compliant: 'No' });
  expect(rows.find((r) => r.Name === 'New Hire 29')).toMatchObject({
    Credential: 'No credential on file',
    'CPR/AED': `Expires ${words(day(500))}`,
  });
  expect(rows.filter((r) => r.Compliant === 'Yes')).toHaveLength(19);
  expect(csvText).not.toMatch(/\bp-[0-9a-f]{8}|nasm-cpt|in-progress|cpr-aed/);

  // The PDF, read back: every number of the summary, whole headers, the people without a credential.
  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export PDF report' }).click();
  const pdfPath = (await (await pdfDownload).path()) ?? '';
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text.replace(/\s+/g, ' ')).toContain(
    'People: 30 · Credentials: 28 · Compliant: 19 · Requirements met: 0 · Expiring within 30 days: 5 · Within 60 days: 5 · ' +
      'Within 90 days: 5 · Expired: 2 · Lapsed: 0 · CPR/AED not OK: 7 · Audits open: 0 · No credential on file: 2',
  );
  expect(text).toContain('Compliant: The credential is current');
  expect(text).toMatch(/\bMissing\b/);
  expect(text).not.toMatch(/\bMissi\b|\bMissin\b/);
  // The two people without a credential have their rows (the summary names them a third time).
  expect(text).toContain('New Hire 29');
  expect(text).toContain('New Hire 30');
  expect(text.match(/No credential/g)).toHaveLength(3);
  expect(text.match(/NASM-1001\b/g)).toHaveLength(1);
});

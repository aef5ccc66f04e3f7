import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from './fixtures';

const out = resolve(__dirname, '../../test-results/screenshots');

test("Settings: the day's automatic backup, Back up now, and Check my data finding a missing certificate", async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByLabel('Your name').fill('Dana Rivera');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Skip for now' }).click();
  // The welcome flow lands on the dashboard; only then is it safe to navigate elsewhere.
  await expect(page.getByRole('heading', { level: 1, name: "Dana Rivera's dashboard" })).toBeVisible();
  await page.goto(`${app.url}#/settings`);
  const backups = page.getByRole('region', { name: 'Backups' });
  // The host made the day's automatic backup when it started.
  await expect(backups.getByRole('status')).toHaveText(/^Last backup: .* \(automatic\)\.$/);
  await backups.getByRole('button', { name: 'Back up now' }).click();
  await expect(backups.getByRole('status')).toHaveText(/^Last backup: \d+ \w+ \d{4}, \d\d:\d\d\.$/);
  await expect(backups.getByRole('row')).toHaveCount(3);
  expect(readdirSync(join(app.dataDir, 'backups')).filter((n) => n.startsWith('manual-'))).toHaveLength(1);

  await backups.getByRole('button', { name: 'Check my data' }).click();
  await expect(page.getByRole('region', { name: 'Check my data' })).toContainText('everything is in order');

  // A certificate file lost behind Recert's back is named by its card.
  await page.goto(`${app.url}#/cpr-aed`);
  await page.getByRole('button', { name: 'Add card' }).click();
  const form = page.getByRole('form', { name: 'Add a CPR/AED card' });
  await form.getByLabel('Provider').fill('American Red Cross');
  await form.getByLabel('Completed on').fill('2025-06-01');
  await form.getByLabel('Expires on').fill('2027-06-01');
  await form.getByRole('button', { name: /Add card|Save card/ }).click();
  await page
    .getByLabel('Attach certificate files')
    .setInputFiles({ name: 'card.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await expect(page.getByText('Attached card.pdf.')).toBeVisible();
  const attachments = join(app.dataDir, 'attachments');
  for (const folder of readdirSync(attachments)) rmSync(join(attachments, folder), { recursive: true, force: true });
  await page.goto(`${app.url}#/settings`);
  await page.getByRole('region', { name: 'Backups' }).getByRole('button', { name: 'Check my data' }).click();
  const result = page.getByRole('region', { name: 'Check my data' });
  await expect(result).toContainText('1 problem');
  await expect(result).toContainText('The certificate "card.pdf" of the CPR/AED card from American Red Cross (Dana Rivera) is missing');
  mkdirSync(out, { recursive: true });
  await page.screenshot({ path: join(out, 'settings-backups.png'), fullPage: true });
});

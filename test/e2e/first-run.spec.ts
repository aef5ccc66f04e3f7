import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from './fixtures';

const out = resolve(__dirname, '../../test-results/screenshots');

test('a new trainer gives a name and a certification and lands on their status, in two short steps', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Recert' })).toBeVisible();
  mkdirSync(out, { recursive: true });
  await page.screenshot({ path: join(out, 'welcome-1.png') });
  // Step 1: their name (one field), nothing about "Staff" or "add a person".
  await expect(page.getByRole('main').getByText(/Staff|add a person/)).toHaveCount(0);
  await page.getByLabel('Your name').fill('Dana Rivera');
  await page.getByRole('button', { name: 'Continue' }).click();

  // Step 2: their certification, named as a trainer names it.
  const form = page.getByRole('form', { name: 'Your certification' });
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Dana Rivera' })).toBeVisible();
  await expect(form.getByLabel('Certification', { exact: true })).toHaveValue('nasm-cpt');
  await expect(form.getByText('Rule set')).toHaveCount(0);
  await form.getByLabel('Certification number').fill('NASM-24680');
  await form.getByLabel('Expiration date').fill('2027-03-31');
  await page.screenshot({ path: join(out, 'welcome-2.png') });
  await form.getByRole('button', { name: 'Show my status' }).click();

  // Their dashboard, with where they stand and the next useful step as the main button.
  await expect(page.getByRole('heading', { level: 1, name: "Dana Rivera's dashboard" })).toBeVisible();
  await expect(page.getByText('In progress — 2.0 CEUs to go')).toBeVisible();
  const card = page.getByRole('article', { name: 'NASM-CPT · NASM-24680' });
  await expect(card.locator('.card-actions .primary')).toHaveText(['Add a course']);
  await expect(card.getByRole('button', { name: 'Export audit packet' })).not.toHaveClass(/primary/);
  await card.getByRole('link', { name: 'Add a course' }).click();
  await expect(page.getByRole('form', { name: 'Add a course' })).toBeVisible();
});

test('"I manage a team" goes straight to adding the first trainer', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('link', { name: 'I manage a team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Add a person' });
  await expect(form).toBeVisible();
  await form.getByLabel('Name').fill('Sam Lee');
  await form.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Saved Sam Lee.');
});

test('a name left empty is refused on the welcome screen and nothing is saved', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('is required')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Recert' })).toBeVisible();
});

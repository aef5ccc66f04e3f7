import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { methodNames } from '../../preload/method-names';
import { photoOf } from '../helpers/certificates';
import { textPdf } from '../helpers/packet-fixtures';
import { expect, test } from './fixtures';

test('window.recert has exactly the contract methods, as under Electron', async ({ page, app }) => {
  await page.goto(app.url);
  const shape = await page.evaluate(() => ({
    keys: Object.keys(window.recert).sort(),
    allFunctions: Object.values(window.recert).every((v) => typeof v === 'function'),
    frozen: Object.isFrozen(window.recert),
  }));
  expect(shape).toEqual({ keys: [...methodNames].sort(), allFunctions: true, frozen: true });
});

test('a person created in the UI is still there after a reload', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff' }).click();
  await expect(page.getByText('No one here yet')).toBeVisible();

  await page.getByRole('button', { name: 'Add person' }).click();
  await page.getByLabel('Name').fill('Zoë Łukasik-Ndiaye');
  await page.getByLabel('E-mail').fill('zoe@example.org');
  await page.getByLabel('Employee ID').fill('E-42');
  await page.getByRole('form', { name: 'Add a person' }).getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved Zoë Łukasik-Ndiaye.');

  await page.reload();
  const row = page.getByRole('row', { name: /Zoë Łukasik-Ndiaye/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('zoe@example.org');
  await expect(row).toContainText('E-42');

  // Edit, then deactivate: the person leaves the list but is kept.
  await page.getByRole('button', { name: 'Edit Zoë Łukasik-Ndiaye' }).click();
  await page.getByLabel('Employee ID').fill('E-43');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('E-43');
  await page.getByRole('button', { name: 'Deactivate Zoë Łukasik-Ndiaye' }).click();
  await page.getByRole('dialog', { name: 'Deactivate Zoë Łukasik-Ndiaye?' }).getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByText('No one here yet')).toBeVisible();
  await page.getByLabel('Show deactivated people').check();
  await expect(page.getByRole('row', { name: /Zoë Łukasik-Ndiaye/ })).toContainText('Deactivated');
});

test('a bad form shows the field error and saves nothing', async ({ page, app }) => {
  await page.goto(`${app.url}#/staff`);
  await page.getByRole('button', { name: 'Add person' }).click();
  const form = page.getByRole('form', { name: 'Add a person' });
  await form.getByRole('button', { name: 'Add person' }).click();
  await expect(form.getByText('is required')).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Name').fill('Sam Lee');
  await page.getByLabel('E-mail').fill('not-an-address');
  await form.getByRole('button', { name: 'Add person' }).click();
  await expect(form.getByText('must be an e-mail address')).toBeVisible();

  const people = await page.evaluate(() => window.recert.listPeople({ includeInactive: true }));
  expect(people).toEqual({ ok: true, value: [] });
  await page.reload();
  await expect(page.getByText('No one here yet')).toBeVisible();
});

test('the main process refuses bad input even when the form is bypassed', async ({ page, app }) => {
  await page.goto(app.url);
  const result = await page.evaluate(() => window.recert.createPerson({ name: 'x'.repeat(1_000_000) }));
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'name' } });
  const people = await page.evaluate(() => window.recert.listPeople({}));
  expect(people).toEqual({ ok: true, value: [] });
});

test('a photo of several megabytes arrives whole: the stored file is the chosen one, byte for byte', async ({ page, app }) => {
  // Browser mode sends a big file in parts so that the page stays responsive; the parts must join up.
  const dir = mkdtempSync(join(tmpdir(), 'recert-upload-'));
  const pdf = join(dir, 'card.pdf');
  writeFileSync(pdf, await textPdf('Certificate of completion', 1));
  const bytes = readFileSync(photoOf(pdf, join(dir, 'card.png'), { degrees: 2, seed: 9 }));
  rmSync(dir, { recursive: true, force: true });
  expect(bytes.length).toBeGreaterThan(3 * 1024 * 1024);

  await page.goto(app.url);
  const stored = await page.evaluate(async (contentBase64) => {
    const value = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    const person = value(await window.recert.createPerson({ name: 'Dana Rivera' }));
    const course = value(
      await window.recert.createCourse({
        personId: person.id,
        title: 'Kettlebell Level 1',
        provider: 'NASM',
        approval: 'nasm',
        completed: '2026-02-01',
        ceus: 0.5,
        credentialIds: [],
      }),
    );
    return value(await window.recert.addAttachment({ owner: { kind: 'course', id: course.id }, fileName: 'card.png', contentBase64 }));
  }, bytes.toString('base64'));
  expect(stored).toMatchObject({ size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
});

// Reading a certificate: a PDF dropped on "Add a course" fills in the form, each field marked with how
// sure Recert is; saving creates the course with the certificate attached. A card's PDF fills the card
// form; a file that is not a certificate fills in nothing and says so.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { LAYOUTS, photoOf, writeCorpus } from '../helpers/certificates';
import { expect, test } from './fixtures';

const out = resolve(__dirname, '../../test-results/screenshots');

/** Drops a file on an element the way a file manager does (a real drop event with a DataTransfer). */
async function dropFile(page: Page, testId: string, path: string, name: string, type: string) {
  const base64 = readFileSync(path).toString('base64');
  const transfer = await page.evaluateHandle(
    ({ base64, name, type }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type }));
      return data;
    },
    { base64, name, type },
  );
  await page.getByTestId(testId).dispatchEvent('drop', { dataTransfer: transfer });
}

test('a certificate PDF dropped on Add course fills in the form; saved, the course has the file attached', async ({ page, app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'recert-scan-e2e-'));
  const corpus = await writeCorpus(dir, [
    {
      name: 'Dana Rivera',
      title: 'Corrective Exercise Specialist',
      provider: 'Iron Guild Academy',
      completed: '2026-02-01',
      amount: 1.9,
      code: 'CES-2026',
    },
  ]);
  const course = corpus.find((e) => e.id.startsWith(LAYOUTS[0]?.id ?? 'A'));
  const card = corpus.find((e) => e.id.startsWith('G'));
  if (!course || !card) throw new Error('corpus');

  await page.goto(app.url);
  await page.getByLabel('Your name').fill('Dana Rivera');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Dana Rivera's dashboard" })).toBeVisible();
  await page.goto(`${app.url}#/courses?add=1`);
  const form = page.getByRole('form', { name: 'Add a course' });
  await dropFile(page, 'certificate-reader', course.pdf, 'ces-certificate.pdf', 'application/pdf');
  await expect(form.getByRole('status')).toContainText('Filled in from ces-certificate.pdf (a course certificate, read from the PDF');
  await expect(form.getByLabel('Course title')).toHaveValue('Corrective Exercise Specialist');
  await expect(form.getByLabel('Provider')).toHaveValue('Iron Guild Academy');
  await expect(form.getByLabel('Completed on')).toHaveValue('2026-02-01');
  await expect(form.getByRole('textbox', { name: 'CEUs' })).toHaveValue('1.9');
  await expect(form.getByLabel('Approval code')).toHaveValue('CES-2026');
  await expect(form.getByText('From the certificate (90 % sure)').first()).toBeVisible();
  mkdirSync(out, { recursive: true });
  for (const [width, height] of [
    [1280, 860],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await form.screenshot({ path: join(out, `course-form-scanned-${width}.png`) });
  }
  await form.getByLabel('Approval', { exact: true }).selectOption({ label: 'Approved provider' });
  await form.getByRole('button', { name: 'Add course' }).click();
  await expect(page.getByText('Added Corrective Exercise Specialist with its certificate ces-certificate.pdf.')).toBeVisible();
  await expect(page.getByRole('link', { name: /ces-certificate\.pdf/ }).or(page.getByText('ces-certificate.pdf').last())).toBeVisible();
  const log = page.getByRole('row', { name: /Corrective Exercise Specialist/ });
  await expect(log).toBeVisible();

  // A card fills in the card form; a course certificate dropped there fills in nothing and says where it goes.
  await page.goto(`${app.url}#/cpr-aed`);
  await page.getByRole('button', { name: 'Add card' }).click();
  const cardForm = page.getByRole('form', { name: 'Add a CPR/AED card' });
  await dropFile(page, 'certificate-reader', course.pdf, 'ces-certificate.pdf', 'application/pdf');
  await expect(cardForm.getByRole('status')).toContainText('looks like a course certificate: add it under Courses');
  await expect(cardForm.getByLabel('Provider')).toHaveValue('');
  await dropFile(page, 'certificate-reader', card.pdf, 'red-cross.pdf', 'application/pdf');
  await expect(cardForm.getByLabel('Provider')).toHaveValue('American Red Cross');
  await expect(cardForm.getByLabel('Completed on')).toHaveValue('2026-02-01');
  await expect(cardForm.getByLabel('Expires on')).toHaveValue('2028-02-01');
  await page.setViewportSize({ width: 1280, height: 860 });
  await cardForm.screenshot({ path: join(out, 'card-form-scanned-1280.png') });
  await cardForm.getByRole('button', { name: 'Add card' }).click();
  await expect(page.getByText('Saved the card from American Red Cross with its certificate red-cross.pdf.')).toBeVisible();

  // A phone photo of an AHA card (stored sideways, with its EXIF orientation) is read by OCR.
  const aha = corpus.find((e) => e.id.startsWith('H'));
  if (!aha) throw new Error('corpus');
  const photo = photoOf(aha.pdf, join(dir, 'aha-card.jpg'), { degrees: -1.5, seed: 5, exifOrientation6: true });
  await page.getByRole('button', { name: 'Add card' }).click();
  await dropFile(page, 'certificate-reader', photo, 'aha-card.jpg', 'image/jpeg');
  const photoForm = page.getByRole('form', { name: 'Add a CPR/AED card' });
  await expect(photoForm.getByLabel('Provider')).toHaveValue('American Heart Association', { timeout: 30_000 });
  await expect(photoForm.getByLabel('Expires on')).toHaveValue('2028-02-29');
  await expect(photoForm.getByRole('status')).toContainText('read from the image (OCR)');
  rmSync(dir, { recursive: true, force: true });
});

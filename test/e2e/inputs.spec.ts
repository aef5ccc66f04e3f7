import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { textPdf } from '../helpers/packet-fixtures';
import { writeTeamRecords } from '../helpers/team-fixture';
import { expect, importRecords, launch, test } from './fixtures';

const out = resolve(__dirname, '../../test-results/screenshots');

test('a date typed with a six-digit year is "not a date", not "required", and nothing is saved', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByLabel('Your name').fill('Dana Rivera');
  await page.getByRole('button', { name: 'Continue' }).click();
  const form = page.getByRole('form', { name: 'Your certification' });
  const expiration = form.getByLabel('Expiration date');
  // A year left out: the browser reads the field as empty (no value at all), which is not "required" either.
  await expiration.focus();
  await page.keyboard.type('0331');
  expect(await expiration.evaluate((input: HTMLInputElement) => [input.value, input.validity.badInput])).toEqual(['', true]);
  await form.getByRole('button', { name: 'Show my status' }).click();
  await expect(form.getByRole('alert')).toHaveText(/is not a date/);
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Dana Rivera' })).toBeVisible();
  await expiration.fill('');
  await expiration.focus();
  // Month, day, then a year of six digits: the field keeps it, a year no one means.
  await page.keyboard.type('0331202627');
  await form.getByRole('button', { name: 'Show my status' }).click();
  await expect(form.getByRole('alert')).toHaveText(/is not a date/);
  await expect(form).not.toContainText('is required');
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Dana Rivera' })).toBeVisible();
  // Corrected, it is accepted.
  await expiration.fill('2027-03-31');
  await form.getByRole('button', { name: 'Show my status' }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Dana Rivera's dashboard" })).toBeVisible();
});

test.describe('an export in browser mode', () => {
  let dir: string;
  let host: Awaited<ReturnType<typeof launch>>;
  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recert-inputs-e2e-'));
    importRecords(join(dir, 'data'), writeTeamRecords(dir, await textPdf('Certificate', 1)));
    host = await launch(join(dir, 'data'));
  });
  test.afterAll(async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const width of [1280, 1024]) {
    test(`leaves the toolbar where it was once the link to download again shows (${width} px)`, async ({ browser }) => {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${host.url}#/team`);
      const toolbar = page.locator('.team-actions');
      const boxes = () =>
        toolbar.locator(':scope > *').evaluateAll((elements) =>
          elements.map((e) => {
            const r = (e.querySelector('button') ?? e).getBoundingClientRect();
            return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
          }),
        );
      const heading = page.getByRole('heading', { level: 1, name: 'Team' });
      await expect(heading).toBeVisible();
      const before = {
        buttons: await boxes(),
        heading: await heading.boundingBox(),
        summary: await page.locator('.team-counts').boundingBox(),
      };
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export CSV' }).click();
      await download;
      await expect(page.getByRole('link', { name: /Team certification report/ })).toBeVisible();
      expect(await boxes()).toEqual(before.buttons);
      expect(await heading.boundingBox()).toEqual(before.heading);
      expect(await page.locator('.team-counts').boundingBox()).toEqual(before.summary);
      await page.screenshot({ path: join(out, `team-exported-${width}.png`) });
      await page.close();
    });
  }
});

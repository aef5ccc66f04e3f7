import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePacketFixture } from '../helpers/packet-fixtures';
import { expect, importRecords, launch, test } from './fixtures';

// What cannot be taken back is asked first, naming exactly what goes; Cancel leaves everything as it was.
test.describe('confirmations', () => {
  let dir: string;
  let host: Awaited<ReturnType<typeof launch>>;

  test.beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recert-confirm-'));
    const fixture = await writePacketFixture(join(dir, 'in'));
    importRecords(join(dir, 'data'), fixture.recordsFile);
    host = await launch(join(dir, 'data'));
  });

  test.afterEach(async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('deactivating a person asks first, naming them; Cancel keeps them active', async ({ page }) => {
    await page.goto(`${host.url}#/staff`);
    const row = page.getByRole('row', { name: /Zoë Łukasik-Straße/ });
    await row.getByRole('button', { name: /^Deactivate/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate Zoë Łukasik-Straße?' });
    await expect(dialog).toContainText('Their courses, cards and certificates are kept');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(row).toContainText('Active');
    await row.getByRole('button', { name: /^Deactivate/ }).click();
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByLabel('Show deactivated people').check();
    await expect(row).toContainText('Deactivated');
  });

  test('deleting a course, a card or a credential names it with its dates', async ({ page }) => {
    await page.goto(`${host.url}#/courses`);
    await page.getByRole('button', { name: 'Corrective Exercise Specialist' }).click();
    await page.getByRole('button', { name: 'Delete course' }).click();
    const course = page.getByRole('dialog', { name: 'Delete “Corrective Exercise Specialist”?' });
    await expect(course).toContainText(/The course of \d+ \w+ \d{4} from .+ and its certificate files are removed/);
    await course.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('button', { name: 'Corrective Exercise Specialist' })).toBeVisible();

    await page.goto(`${host.url}#/cpr-aed`);
    await page
      .getByRole('button', { name: /^Delete/ })
      .first()
      .click();
    await expect(page.getByRole('dialog')).toContainText(/The card completed \d+ \w+ \d{4}, valid until \d+ \w+ \d{4}/);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await page.goto(`${host.url}#/dashboard`);
    await page.getByRole('button', { name: 'Delete credential' }).first().click();
    await expect(page.getByRole('dialog', { name: /^Delete NASM-CPT · / })).toContainText(
      /The credential expiring \d+ \w+ \d{4} is removed/,
    );
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  });

  test('recording an application asks first, naming its date; Cancel records nothing', async ({ page }) => {
    await page.goto(`${host.url}#/dashboard`);
    await page.getByLabel('Application date').first().fill('2027-04-15');
    await page.getByRole('button', { name: 'Record application' }).first().click();
    const dialog = page.getByRole('dialog', { name: /application of 15 Apr 2027\?/ });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText('Application submitted 15 Apr 2027')).toHaveCount(0);
    await page.getByRole('button', { name: 'Record application' }).first().click();
    await dialog.getByRole('button', { name: 'Record application' }).click();
    await expect(page.getByText('Application submitted 15 Apr 2027')).toBeVisible();
  });
});

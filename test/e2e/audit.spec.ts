import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEIC_FIXTURE, writePacketFixture } from '../helpers/packet-fixtures';
import type { Browser } from '@playwright/test';
import { expect, importRecords, launch, test } from './fixtures';

const shots = '/tmp/shots/audit2';

/** A screen at both sizes, light and dark, once `text` shows on it (scrolled into view). */
async function shoot(browser: Browser, url: string, screen: string, name: string, text: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const viewport of [
      { width: 1280, height: 860 },
      { width: 1024, height: 768 },
    ]) {
      const shot = await browser.newPage({ viewport, colorScheme });
      await shot.goto(`${url}#/${screen}`);
      const shown = shot.getByText(text);
      await expect(shown).toBeVisible();
      await shown.scrollIntoViewIfNeeded();
      await shot.screenshot({ path: join(shots, `${screen}-${name}-${colorScheme}-${viewport.width}x${viewport.height}.png`) });
      await shot.close();
    }
  }
}

test.describe('a trainer with records', () => {
  let dir: string;
  let host: Awaited<ReturnType<typeof launch>>;

  test.beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recert-audit-'));
    const fixture = await writePacketFixture(join(dir, 'in'));
    importRecords(join(dir, 'data'), fixture.recordsFile);
    host = await launch(join(dir, 'data'));
  });

  test.afterEach(async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('audit mode: notice date, countdown, checklist, packet download, documents sent', async ({ page }) => {
    await page.goto(`${host.url}#/audit`);
    await page.getByRole('button', { name: 'Clear the audit record' }).click();
    await expect(page.getByText('you have 30 days to send every')).toBeVisible();
    await page.getByLabel('Audit notice received on').fill('2026-11-10');
    await page.getByRole('button', { name: 'Start audit mode' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'documents due 10 Dec 2026' })).toBeVisible();
    await expect(page.getByText('Everything an auditor needs is here.')).toBeVisible();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export audit packet' }).click();
    await expect(page.getByText('Packet ready')).toBeVisible({ timeout: 30_000 });
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^Audit packet - Zoë Łukasik-Straße - NASM-CPT - \d{4}-\d{2}-\d{2}\.pdf$/);
    const saved = join(dir, 'downloaded.pdf');
    await file.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
    expect(execFileSync('pdftotext', [saved, '-'], { encoding: 'utf8' })).toContain('Corrective Exercise Specialist');

    await page.getByLabel('Documents sent on').fill('2026-11-20');
    await page.getByRole('button', { name: 'Mark documents as sent' }).click();
    await expect(page.getByText('Documents sent on 20 Nov 2026.')).toBeVisible();
  });

  test('a complete credential: the packet contents read as an all-clear', async ({ browser }) => {
    await shoot(browser, host.url, 'audit', 'complete', 'Everything an auditor needs is here.');
  });

  test('recertification: the application shows its fee tier; acceptance starts the next cycle', async ({ page }) => {
    await page.goto(`${host.url}#/dashboard`);
    await page.getByLabel('Application date').fill('2027-04-15');
    await page.getByRole('button', { name: 'Record application' }).click();
    await page
      .getByRole('dialog', { name: /15 Apr 2027/ })
      .getByRole('button', { name: 'Record application' })
      .click();
    await expect(page.getByText('Application submitted 15 Apr 2027')).toBeVisible();
    await expect(page.getByText('Application recorded on 15 Apr 2027: late fee tier.')).toBeVisible();
    await page.getByLabel('Accepted on').fill('2027-05-01');
    await page.getByRole('button', { name: 'Record acceptance' }).click();
    await expect(page.getByText('The new cycle runs 1 Apr 2027 – 31 Mar 2029.')).toBeVisible();
    await expect(page.getByText('Next cycle assumed after your accepted recertification')).toBeVisible();
  });

  test('a HEIC photo dropped on a course is stored and previewed as an image', async ({ page }) => {
    await page.goto(`${host.url}#/courses`);
    await page.getByRole('button', { name: 'Pre-cycle Workshop' }).click();
    await expect(page.getByText('No file yet')).toBeVisible();
    const bytes = readFileSync(HEIC_FIXTURE).toString('base64');
    const data = await page.evaluateHandle(async (base64) => {
      const binary = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([binary], 'phone-photo.heic', { type: 'image/heic' }));
      return transfer;
    }, bytes);
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: data });
    await expect(page.getByText('Attached phone-photo.heic.')).toBeVisible();
    await expect(page.getByRole('row', { name: /Pre-cycle Workshop/ })).toContainText('1');
    await page.getByRole('button', { name: 'Preview phone-photo.heic' }).click();
    const image = page.getByRole('img', { name: 'Certificate: phone-photo.heic' });
    await expect(image).toBeVisible();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Remove phone-photo.heic' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove file' }).click();
    await expect(page.getByText('Removed phone-photo.heic.')).toBeVisible();
  });
});

// The same trainer 0.6 CEUs short: the Corrective Exercise course (0.8 CEUs) is not recorded, the
// Kettlebell petition is still pending and a workshop's petition is not filed yet.
test.describe('a trainer short of CEUs', () => {
  let dir: string;
  let host: Awaited<ReturnType<typeof launch>>;

  test.beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recert-audit-short-'));
    const fixture = await writePacketFixture(join(dir, 'in'));
    const records = JSON.parse(readFileSync(fixture.recordsFile, 'utf8')) as {
      people: { activities: Record<string, unknown>[] }[];
    };
    const [person] = records.people;
    if (!person) throw new Error('the packet fixture has no person');
    person.activities = person.activities.filter((a) => a.id !== 'a1');
    for (const a of person.activities) if (a.id === 'a5') a.petition = { status: 'pending', filed: '2026-03-05' };
    person.activities.push({
      id: 'a9',
      title: 'Kettlebell Coach Day',
      provider: 'Local Gym',
      approval: 'petition',
      completed: '2026-05-02',
      ceus: 0.8,
    });
    writeFileSync(fixture.recordsFile, JSON.stringify(records));
    importRecords(join(dir, 'data'), fixture.recordsFile);
    host = await launch(join(dir, 'data'));
  });

  test.afterEach(async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the Audit screen says the shortfall and the pending petition, never an all-clear', async ({ page, browser }) => {
    await page.goto(`${host.url}#/audit`);
    const summary =
      '1.4 / 2.0 CEUs: the packet will show a shortfall of 0.6 CEUs. 1 petition is pending: 0.1 CEUs not counted until approved.';
    await expect(page.getByText(summary)).toBeVisible();
    await expect(page.getByText('Everything an auditor needs is here.')).toHaveCount(0);
    await expect(page.getByRole('listitem').filter({ hasText: 'CEUs earned: 1.4 / 2.0 CEUs' })).toContainText('(missing) — 0.6 CEUs short');
    await shoot(browser, host.url, 'audit', 'short', summary);
  });

  test('the dashboard shows the petition to file, and recording an application names the shortfall', async ({ page, browser }) => {
    await page.goto(`${host.url}#/dashboard`);
    const action = page
      .getByRole('listitem')
      .filter({ hasText: 'Filing the petition of a course not yet petitioned would cover the 0.6 CEUs still needed' });
    await expect(action).toBeVisible();
    await shoot(browser, host.url, 'dashboard', 'short', 'Filing the petition of a course not yet petitioned');
    await page.getByLabel('Application date').fill('2026-12-01');
    await page.getByRole('button', { name: 'Record application' }).click();
    const dialog = page.getByRole('dialog', { name: /1 Dec 2026/ });
    await expect(dialog).toContainText('You have 1.4 / 2.0 CEUs: 0.6 CEUs short of what NASM-CPT requires.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await action.getByRole('link', { name: 'Open the course' }).click();
    await expect(page.getByRole('heading', { name: 'Kettlebell Coach Day' })).toBeVisible();
  });
});

// A second place for backups and a passphrase set in Settings; a backup made; the drill; the
// warning when the place vanishes; then the encrypted copy restored on a fresh data folder, as on a
// new computer, from its first screen.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, launch, test } from './fixtures';

const shots = process.env.RECERT_SHOTS_DIR;

/** Screenshots of `part` (or the page) at both sizes, light and dark, when RECERT_SHOTS_DIR names a folder. */
async function shoot(page: Page, name: string, part?: Locator) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  for (const [width, height] of [
    [1280, 860],
    [1024, 768],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      const path = join(shots, `${name}-${width}-${scheme}.png`);
      await (part ? part.screenshot({ path }) : page.screenshot({ path, fullPage: true }));
    }
  }
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a second place and a passphrase: the backup is copied encrypted, tested, and restored on a new computer', async ({ page, app }) => {
  test.setTimeout(120_000);
  const usb = mkdtempSync(join(tmpdir(), 'recert-usb-'));
  const passphrase = 'maple lantern quiet harbor';
  try {
    await page.goto(app.url);
    await page.getByLabel('Your name').fill('Dana Rivera');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Skip for now' }).click();
    await expect(page.getByRole('heading', { level: 1, name: "Dana Rivera's dashboard" })).toBeVisible();
    await page.goto(`${app.url}#/settings`);
    const backups = page.getByRole('region', { name: 'Backups' });
    await expect(backups.getByRole('status')).toHaveText(/\(automatic\)/);

    // The passphrase first (asked twice; a mismatch is refused), then the folder: the first copy is encrypted.
    const form = backups.getByRole('form', { name: 'Backup passphrase' });
    await form.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await form.getByLabel('The same passphrase again').fill('maple lantern quiet harbour');
    await form.getByRole('button', { name: 'Encrypt the copies' }).click();
    await expect(form.getByRole('alert')).toHaveText(/the two passphrases differ/);
    await form.getByLabel('The same passphrase again').fill(passphrase);
    await form.getByRole('button', { name: 'Encrypt the copies' }).click();
    await expect(backups.getByText('Copies to the second place are encrypted with your passphrase.')).toBeVisible();

    await backups.getByLabel('Folder on another drive or a synced folder').fill(usb);
    await backups.getByRole('button', { name: 'Keep a copy here' }).click();
    // Each encrypted copy pays for scrypt (seconds): the waits below allow for it.
    await expect(backups.getByText(/^The last copy reached the folder “recert-usb-\w+” on /)).toBeVisible({ timeout: 20_000 });
    await backups.getByRole('button', { name: 'Back up now' }).click();
    await expect(backups.getByRole('status')).toHaveText(/^Last backup: \d+ \w+ \d{4}, \d\d:\d\d\.$/, { timeout: 20_000 });
    await expect.poll(() => readdirSync(usb).filter((n) => /^manual-.*\.zip\.age$/.test(n)).length).toBe(1);
    expect(readdirSync(usb).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // Both places listed, each with its Restore.
    const list = backups.getByRole('table');
    await expect(list.getByRole('row', { name: /This computer/ })).toHaveCount(2);
    await expect(list.getByRole('row', { name: /recert-usb-.*Encrypted/ })).toHaveCount(2);
    await expect(list.getByRole('button', { name: /^Restore manual-.*\.zip\.age/ })).toHaveCount(1);

    // The drill restores the newest of each place into a temporary folder and checks it.
    await backups.getByRole('button', { name: 'Test my backups' }).click();
    const drill = backups.getByRole('region', { name: 'Backup test' });
    // Two restores and a passphrase's scrypt: seconds, not milliseconds.
    await expect(drill).toContainText(/^Last test: .*: every backup tested restored and checked out\./, { timeout: 30_000 });
    await expect(drill.getByRole('listitem')).toHaveCount(2);
    await expect(drill).toContainText('This computer, manual-');
    await expect(drill).toContainText(
      /The folder “recert-usb-\w+”, manual-.*\.zip\.age: Restored it into a temporary folder\. .*everything is in order/,
    );
    await shoot(page, 'backups-both-places', backups);

    // The drive unplugged: the backup is still made here, and the warning says so on every screen.
    const away = `${usb}-unplugged`;
    renameSync(usb, away);
    await backups.getByRole('button', { name: 'Back up now' }).click();
    await expect(backups.getByRole('alert').first()).toHaveText(
      /^Today's backup has not reached the folder “recert-usb-\w+”: the folder is not there .*The backups on this computer are safe/,
    );
    await page.goto(`${app.url}#/courses`);
    await page.reload();
    await expect(page.locator('.backup-banner')).toContainText("Today's backup has not reached the folder");
    await page.goto(`${app.url}#/settings`);
    await expect(
      page
        .getByRole('region', { name: 'Backups' })
        .getByRole('table')
        .getByRole('row', { name: /This computer/ }),
    ).toHaveCount(3);
    await shoot(page, 'backups-warning', page.getByRole('region', { name: 'Backups' }));
    await page.goto(`${app.url}#/courses`);
    await shoot(page, 'banner-warning');
    renameSync(away, usb);

    // A new computer: a fresh data folder, its first screen, the encrypted copy from the drive.
    const copy = readdirSync(usb).find((n) => /^manual-.*\.zip\.age$/.test(n));
    expect(copy).toBeDefined();
    const fresh = mkdtempSync(join(tmpdir(), 'recert-new-computer-'));
    const other = await launch(fresh);
    try {
      const second = await page.context().newPage();
      await second.goto(other.url);
      const restore = second.getByRole('group', { name: 'Restore from a backup' });
      await expect(second.getByRole('form', { name: 'Start fresh' })).toBeVisible();
      await restore.getByLabel('Backup file').setInputFiles(join(usb, copy ?? ''));
      await shoot(second, 'welcome-restore');
      await restore.getByRole('button', { name: 'Restore this backup' }).click();
      // Encrypted: the passphrase is asked; a wrong one is refused and nothing changes.
      await expect(restore.getByRole('alert')).toContainText('is protected with a passphrase');
      await restore.getByLabel('Passphrase of the backup').fill('not the passphrase');
      await restore.getByRole('button', { name: 'Restore this backup' }).click();
      await expect(restore.getByRole('alert')).toContainText('could not be opened with this passphrase', { timeout: 20_000 });
      expect(existsSync(join(fresh, 'attachments')) ? readdirSync(join(fresh, 'attachments')) : []).toEqual([]);
      await restore.getByLabel('Passphrase of the backup').fill(passphrase);
      await restore.getByRole('button', { name: 'Restore this backup' }).click();
      await expect(second.getByRole('heading', { level: 1, name: "Dana Rivera's dashboard" })).toBeVisible({ timeout: 30_000 });
      expect(readdirSync(fresh).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      await second.close();
    } finally {
      await other.stop();
      rmSync(fresh, { recursive: true, force: true });
    }
  } finally {
    rmSync(usb, { recursive: true, force: true });
    rmSync(`${usb}-unplugged`, { recursive: true, force: true });
  }
});

// Records that move: a trainer's bundle imported with a preview, a backup restored from Settings,
// and courses from a CSV file with a bad row, then with columns chosen by hand.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, importRecords, launch, test } from './fixtures';

const root = resolve(__dirname, '../..');
const out = join(root, 'test-results/screenshots');

async function welcome(page: import('@playwright/test').Page, url: string, name: string) {
  await page.goto(url);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Skip for now' }).click();
  // The welcome flow lands on the dashboard; only then is it safe to navigate elsewhere.
  await expect(page.getByRole('heading', { level: 1, name: `${name}'s dashboard` })).toBeVisible();
}

test('Share records: a bundle previewed then applied; Restore brings back the backup made before', async ({ page, app }) => {
  // The trainer's side: their records and certificate, exported as one .recert file.
  const trainer = mkdtempSync(join(tmpdir(), 'recert-trainer-'));
  importRecords(trainer, join(root, 'test/fixtures/format-example/records.json'));
  const bundle = join(trainer, 'dana.recert');
  const exported = spawnSync(
    process.execPath,
    [join(root, 'bin/recert.js'), 'export', '--db', trainer, '--person', 'p1', '--out', bundle],
    {
      encoding: 'utf8',
    },
  );
  expect(exported.status, exported.stderr).toBe(0);

  await welcome(page, app.url, 'Sam Lee');
  await page.goto(`${app.url}#/settings`);
  const backups = page.getByRole('region', { name: 'Backups' });
  await backups.getByRole('button', { name: 'Back up now' }).click();
  await expect(backups.getByRole('status')).toHaveText(/^Last backup: \d+ \w+ \d{4}, \d\d:\d\d\.$/);
  const manual = readdirSync(join(app.dataDir, 'backups')).find((n) => n.startsWith('manual-')) ?? '';

  const share = page.getByRole('region', { name: 'Share records' });
  await share.getByLabel(/Import records/).setInputFiles(bundle);
  const preview = share.getByRole('region', { name: 'Import preview' });
  await expect(preview.getByRole('status')).toHaveText('dana.recert will change this:');
  await expect(preview).toContainText('People: 1 added, 1 kept');
  await expect(preview).toContainText('Courses: 2 added');
  await expect(preview).toContainText('Certificate files: 1 added');
  await expect(preview.getByRole('row', { name: /Kept \(not in the file\) Person Sam Lee/ })).toBeVisible();
  mkdirSync(out, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 860 });
  await share.screenshot({ path: join(out, 'settings-import-preview.png') });
  await preview.getByRole('button', { name: 'Apply' }).click();
  await expect(preview.getByRole('status')).toHaveText('Imported dana.recert:');
  await page.goto(`${app.url}#/staff`);
  await expect(page.getByRole('cell', { name: 'Dana Rivera', exact: true })).toBeVisible();

  // Restore: asked once more, then the data is as it was at the backup (Sam only), the rest kept aside.
  await page.goto(`${app.url}#/settings`);
  await backups.getByLabel('Restore from a file…').setInputFiles({
    name: manual,
    mimeType: 'application/zip',
    buffer: readFileSync(join(app.dataDir, 'backups', manual)),
  });
  await expect(page.getByRole('alertdialog')).toContainText(`Replace all of Recert's data with the backup ${manual}?`);
  await page.screenshot({ path: join(out, 'settings-restore-confirm.png') });
  await page.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(page.getByRole('region', { name: 'Backups' }).getByRole('status').first()).toHaveText(
    /^Restored the backup: the database and 0 certificate files\. The data it replaced is kept in .*before-restore-.*\.zip\.$/,
  );
  await page.goto(`${app.url}#/staff`);
  await expect(page.getByRole('cell', { name: 'Sam Lee', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Dana Rivera', exact: true })).toHaveCount(0);
  rmSync(trainer, { recursive: true, force: true });
});

test('Courses: a CSV with a bad row is refused by line and column; columns chosen by hand; exported as CSV', async ({ page, app }) => {
  await welcome(page, app.url, 'Dana Rivera');
  await page.goto(`${app.url}#/courses`);
  await page.getByRole('button', { name: 'Import CSV…' }).click();
  const panel = page.getByRole('region', { name: 'Import courses from CSV' });
  await panel.getByLabel('CSV file').setInputFiles({
    name: 'transcript.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Title,Provider,Date completed,CEUs\nMobility,Iron Guild,3/14/2026,0.5\nRecovery,FitCo,02/30/2026,1\n'),
  });
  await expect(panel.getByRole('alert')).toContainText('line 3, date completed: "02/30/2026" is not a calendar date');
  await expect(panel.getByRole('button', { name: 'Import' })).toBeDisabled();

  await panel.getByLabel('CSV file').setInputFiles({
    name: 'provider.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Course title;Org;Finished;Credits\nMobility;Iron Guild;14 Mar 2026;0,5\nRecovery;FitCo;2026-02-01;1\n'),
  });
  await expect(panel.getByRole('alert')).toContainText('no "provider", "date completed" column');
  // The headers Recert did not know are chosen by hand: the preview follows.
  await expect(panel).toContainText('Columns');
  await panel.getByLabel('Provider', { exact: true }).selectOption({ label: 'Org' });
  await panel.getByLabel('Date completed', { exact: true }).selectOption({ label: 'Finished' });
  await expect(panel.getByRole('status')).toHaveText('To be added: 2 courses for Dana Rivera.');
  await expect(panel.getByRole('row', { name: /Mobility 14 Mar 2026 0.5 CEUs/ })).toBeVisible();
  mkdirSync(out, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.screenshot({ path: join(out, 'courses-csv-import.png') });
  await panel.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByText('Imported 2 courses for Dana Rivera.')).toBeVisible();
  await expect(page.getByText('2 of 2 courses')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^Course log - Dana Rivera - \d+ \w+ \d{4}\.csv$/);
  const text = readFileSync((await file.path()) ?? '', 'utf8');
  expect(text).toContain('Mobility,Iron Guild,2026-03-14,0.5');
});

test('Import records: a stored id used for another person is shown, and Apply waits for a confirmation', async ({ browser }) => {
  const dir = mkdtempSync(join(tmpdir(), 'recert-identity-e2e-'));
  importRecords(dir, join(root, 'test/fixtures/format-example/records.json'));
  const host = await launch(dir);
  // Dana's ids (p1, c1, a1, a2) carrying someone else's name, e-mail and employee ID.
  const file = JSON.parse(readFileSync(join(root, 'test/fixtures/format-example/records.json'), 'utf8'));
  Object.assign(file.people[0], { name: 'Jordan Blake', email: 'jordan@example.org', employeeId: 'E-777', cprAed: [] });
  const buffer = Buffer.from(JSON.stringify(file));
  const choose = async (page: import('@playwright/test').Page) => {
    await page.goto(`${host.url.replace(/#.*$/, '')}#/settings`);
    const share = page.getByRole('region', { name: 'Share records' });
    await share.getByLabel(/Import records/).setInputFiles({ name: 'jordan.json', mimeType: 'application/json', buffer });
    const preview = share.getByRole('region', { name: 'Import preview' });
    await expect(preview.getByRole('group', { name: /the same id, another person/ })).toContainText(
      '"Jordan Blake" in the file has the id of the stored "Dana Rivera" (p1), but not the name, e-mail or employee ID',
    );
    return { share, preview };
  };
  try {
    mkdirSync(out, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const viewport of [
        { width: 1280, height: 860 },
        { width: 1024, height: 768 },
      ]) {
        const page = await browser.newPage({ viewport, colorScheme });
        const { share, preview } = await choose(page);
        await expect(preview.getByRole('button', { name: 'Apply' })).toBeDisabled();
        await preview.getByRole('group').scrollIntoViewIfNeeded();
        await share.screenshot({ path: join(out, `settings-import-conflict-${colorScheme}-${viewport.width}x${viewport.height}.png`) });
        await page.close();
      }
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const { preview } = await choose(page);
    await preview.getByLabel('"Jordan Blake" in the file is the same person as the stored "Dana Rivera"', { exact: false }).check();
    await preview.getByRole('button', { name: 'Apply' }).click();
    await expect(preview.getByRole('status')).toHaveText('Imported jordan.json:');
    await page.goto(`${host.url.replace(/#.*$/, '')}#/staff`);
    await expect(page.getByRole('cell', { name: 'Jordan Blake', exact: true })).toBeVisible();
    await page.close();
  } finally {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

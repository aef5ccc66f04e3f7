import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { textPdf } from '../helpers/packet-fixtures';
import { writeTeamRecords } from '../helpers/team-fixture';
import { expect, importRecords, launch, test } from './fixtures';

// A manager with a team of 25 in every state. The team's dates are relative to 2026-11-23 and the
// screen evaluates as of today, so the assertions check structure and wording rather than counts
// that move with the calendar; the counts themselves are pinned in test/unit/team.
const out = resolve(__dirname, '../../test-results/screenshots');

test.describe('the Team screen', () => {
  let dir: string;
  let host: Awaited<ReturnType<typeof launch>>;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recert-team-e2e-'));
    const records = writeTeamRecords(dir, await textPdf('Certificate', 1));
    importRecords(join(dir, 'data'), records);
    host = await launch(join(dir, 'data'));
    mkdirSync(out, { recursive: true });
  });

  test.afterAll(async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('is the home of a team: summary, urgent rows first, filters by number, the matrix, and back to the same view', async ({ page }) => {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
    const counts = page.getByRole('list', { name: /Summary/ });
    await expect(counts.getByRole('button', { name: '25 People' })).toBeVisible();
    await expect(counts.getByRole('button', { name: '26 Credentials' })).toBeVisible();

    // Most urgent first: a credential no longer current.
    const firstRow = page
      .getByRole('table', { name: /Team credentials/ })
      .getByRole('row')
      .nth(1);
    await expect(firstRow).toContainText('Avery Lapsed');
    await expect(firstRow).toContainText('Lapsed');

    // An expired card reads as expired, never "missing".
    const noor = page.getByRole('row', { name: /Noor ExpiredCard/ });
    await expect(noor).toContainText(/Expired \d+ \w+ 2026/);
    await expect(noor).not.toContainText('missing');

    // A summary number is a filter: exactly its rows.
    const within30 = counts.getByRole('button', { name: /Expiring within 30 days/ });
    const count = Number(await within30.locator('.team-count-number').textContent());
    await within30.click();
    await expect(within30).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('status').filter({ hasText: 'credentials' })).toHaveText(new RegExp(`^${count} of 26 credentials`));
    await page.screenshot({ path: join(out, 'team-filtered-light.png') });

    // A row opens that trainer's dashboard; Back returns to the same filtered view.
    const firstFiltered = page
      .getByRole('table', { name: /Team credentials/ })
      .getByRole('row')
      .nth(1);
    const name = (await firstFiltered.getByRole('button').first().textContent())?.split(' · ')[0] ?? '';
    await firstFiltered.getByRole('button').first().click();
    await expect(page.getByRole('heading', { level: 1, name: `${name}'s dashboard` })).toBeVisible();
    await page.goBack();
    await expect(counts.getByRole('button', { name: /Expiring within 30 days/ })).toHaveAttribute('aria-pressed', 'true');
    // The navigation link also returns to it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
    await expect(counts.getByRole('button', { name: /Expiring within 30 days/ })).toHaveAttribute('aria-pressed', 'true');

    // Search by employee ID, sort by a column.
    await page.getByRole('button', { name: 'Show all' }).click();
    await page.getByLabel('Search').fill('E-24');
    await expect(page.getByRole('table', { name: /Team credentials/ }).getByRole('row')).toHaveCount(2);
    await page.getByLabel('Search').fill('');
    await page.getByRole('columnheader', { name: 'Trainer' }).getByRole('button').click();
    await expect(
      page
        .getByRole('table', { name: /Team credentials/ })
        .getByRole('row')
        .nth(1),
    ).toContainText('Avery Lapsed');
    await page.getByRole('columnheader', { name: 'Trainer' }).getByRole('button').click();
    await expect(
      page
        .getByRole('table', { name: /Team credentials/ })
        .getByRole('row')
        .nth(1),
    ).toContainText('Yusuf');

    // The training matrix: one look at who lacks what.
    await page.getByRole('tab', { name: 'Training matrix' }).click();
    const matrix = page.getByRole('table', { name: /Training matrix/ });
    await expect(matrix.getByRole('columnheader')).toHaveText(['Trainer', 'ACE-CPT', 'NASM-CPT', 'CPR/AED']);
    const riley = matrix.getByRole('row', { name: /Riley Two/ });
    await expect(riley.getByRole('cell')).toHaveText([/^In progressStill needed: \d\.\d CECs$/, 'Requirements met', /Current until/]);
    await expect(
      matrix
        .getByRole('row', { name: /Pat NoCard/ })
        .getByRole('cell')
        .last(),
    ).toHaveText('None on file');
  });

  test('exports the report as CSV and as a PDF download', async ({ page }) => {
    await page.goto(`${host.url}#/team`);
    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await csvDownload;
    expect(csv.suggestedFilename()).toMatch(/^Team certification report - .*\.csv$/);
    const text = readFileSync((await csv.path()) ?? '', 'utf8');
    expect(text.split('\n')[0]).toContain('Name,Employee ID,Credential,Certification number,Status');
    expect(text.split('\n').filter((l) => l.trim()).length).toBe(27);
    const pdfDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export PDF report' }).click();
    const pdf = await pdfDownload;
    expect(
      readFileSync((await pdf.path()) ?? '')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const viewport of [
      { width: 1280, height: 860 },
      { width: 1024, height: 768 },
    ]) {
      test(`screenshots in ${scheme} at ${viewport.width}x${viewport.height}`, async ({ browser }) => {
        const page = await browser.newPage({ viewport, colorScheme: scheme });
        await page.goto(`${host.url}#/team`);
        await expect(
          page
            .getByRole('table', { name: /Team credentials/ })
            .getByRole('row')
            .nth(1),
        ).toBeVisible();
        await page.screenshot({ path: join(out, `team-${scheme}-${viewport.width}x${viewport.height}.png`) });
        await page.getByRole('tab', { name: 'Training matrix' }).click();
        await page.screenshot({ path: join(out, `team-matrix-${scheme}-${viewport.width}x${viewport.height}.png`), fullPage: true });
        await page.close();
      });
    }
  }
});

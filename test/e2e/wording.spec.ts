import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, importRecords, launch, test } from './fixtures';

// Words, colours and dates as a trainer reads them, on records imported the way a trainer migrating would.
test.describe('words that agree with the records', () => {
  let dir: string;
  let host: Awaited<ReturnType<typeof launch>>;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recert-words-'));
    const records = {
      format: 'recert-records/1',
      people: [
        {
          id: 'p1',
          name: 'Dana Rivera',
          credentials: [{ id: 'c1', ruleSet: 'nasm-cpt', number: 'NASM-1', expires: '2027-03-31' }],
          activities: [
            { id: 'a1', title: 'Corrective Exercise Specialist', provider: 'NASM', approval: 'nasm', completed: '2026-02-01', ceus: 1.9 },
          ],
          cprAed: [
            {
              id: 'k1',
              provider: 'American Red Cross',
              completed: '2023-09-12',
              expires: '2025-09-12',
              adultCpr: true,
              aed: true,
              handsOn: true,
            },
            {
              id: 'k2',
              provider: 'Online CPR Co',
              completed: '2021-01-10',
              expires: '2022-01-10',
              adultCpr: true,
              aed: true,
              handsOn: false,
            },
          ],
        },
      ],
    };
    writeFileSync(join(dir, 'records.json'), JSON.stringify(records));
    importRecords(join(dir, 'data'), join(dir, 'records.json'));
    host = await launch(join(dir, 'data'));
  });

  test.afterAll(async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an expired CPR/AED card is called expired, with its date, in the colour of a problem', async ({ page }) => {
    await page.goto(`${host.url}#/cpr-aed`);
    const card = page.getByRole('article').filter({ hasText: 'American Red Cross' });
    const verdict = card.getByRole('listitem').filter({ hasText: 'NASM-CPT' });
    await expect(verdict).toHaveText('NASM-CPT: Expired 12 Sep 2025');
    await expect(verdict).toHaveClass(/tone-bad/);
    await expect(page.getByRole('main')).not.toContainText('reference date');
    await expect(page.getByRole('main')).not.toContainText('adult cpr');
  });

  test('the dashboard names the CPR/AED problem, and "Why?" cites the rule in words', async ({ page }) => {
    await page.goto(`${host.url}#/dashboard`);
    await expect(page.getByText('Your CPR/AED card has expired')).toBeVisible();
    const finding = page.getByRole('listitem').filter({ hasText: 'Your CPR/AED card has expired' });
    await finding.getByText('Why?').click();
    await expect(finding.getByText('Current CPR/AED with Adult CPR and AED.')).toBeVisible();
    await expect(finding).not.toContainText('cprAed.');
  });

  test('a course shows its date the same way in the table and in its detail', async ({ page }) => {
    await page.goto(`${host.url}#/courses`);
    await expect(page.getByRole('row', { name: /Corrective Exercise Specialist/ })).toContainText('1 Feb 2026');
    await page.getByRole('button', { name: 'Corrective Exercise Specialist' }).click();
    const detail = page.getByRole('complementary', { name: 'Course: Corrective Exercise Specialist' });
    await expect(detail).toContainText('1 Feb 2026');
    await expect(detail).not.toContainText('2026-02-01');
  });
});

// The certificate inbox: twelve files for four trainers dropped on the Team screen (one a course
// already logged, one a damaged PDF), read with a progress bar, reviewed, and the ready ones filed at
// once; the courses and cards then appear with their certificates attached.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TeamReport } from '../../main/core/domain/team';
import { certificate, variant } from '../helpers/intake-files';
import { expect, importRecords, launch, test } from './fixtures';

const out = resolve(__dirname, '../../test-results/screenshots');
const projectRoot = resolve(__dirname, '../..');

const person = (id: string, name: string, ruleSet: string, courses: unknown[] = []) => ({
  id,
  name,
  credentials: [{ id: `${id}c`, ruleSet, number: `${ruleSet.toUpperCase()}-${id}`, expires: '2027-09-30' }],
  activities: courses,
  cprAed: [],
});

test.describe('the certificate inbox', () => {
  let dir: string;
  let host: Awaited<ReturnType<typeof launch>>;
  const files: string[] = [];

  test.beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recert-intake-e2e-'));
    const records = {
      format: 'recert-records/1',
      people: [
        person('p1', 'Dana Rivera', 'nasm-cpt', [
          {
            id: 'a1',
            title: 'Corrective Exercise Specialist',
            provider: 'NASM',
            approval: 'nasm',
            completed: '2026-02-01',
            ceus: 1.9,
            credentials: ['p1c'],
          },
        ]),
        person('p2', 'Samuel Lee', 'ace-cpt'),
        person('p3', 'María Núñez', 'nasm-cpt'),
        person('p4', 'Chris Okafor', 'ace-cpt'),
      ],
    };
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'records.json'), JSON.stringify(records));
    importRecords(join(dir, 'data'), join(dir, 'in', 'records.json'));
    const stack = join(dir, 'stack');
    files.length = 0;
    for (const [i, who] of ['dana', 'samuel', 'maria', 'chris'].entries()) {
      files.push(await certificate(stack, `${who}-course.pdf`, 'A', variant(i)));
      files.push(await certificate(stack, `${who}-card.pdf`, 'G', variant(i, { completed: '2026-04-0' + String(i + 1) })));
      if (who !== 'chris') {
        files.push(
          await certificate(
            stack,
            `${who}-workshop.pdf`,
            'B',
            variant(i, { title: `Workshop ${i + 1} in Program Design`, completed: '2026-05-1' + String(i) }),
          ),
        );
      }
    }
    writeFileSync(join(stack, 'damaged.pdf'), '%PDF-1.7\n1 0 obj <</Length 99999>> stream\n\u0000\u0001 broken');
    files.push(join(stack, 'damaged.pdf'));
    host = await launch(join(dir, 'data'));
  });

  test.afterEach(async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('twelve files for four trainers are read, reviewed and the ready ones filed with their certificates', async ({ page }) => {
    expect(files).toHaveLength(12);
    await page.goto(`${host.url}#/team`);
    const inbox = page.getByRole('region', { name: 'Certificate inbox' });
    await expect(inbox.getByText('The inbox is empty.')).toBeVisible();
    await inbox.getByLabel('Add certificates…').setInputFiles(files);
    await expect(inbox.getByText('12 files in the inbox: 10 ready to file, 1 to check, 1 not to file (dismiss it).')).toBeVisible({
      timeout: 60_000,
    });
    const item = (name: string) => inbox.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) });
    await expect(item('dana-course.pdf')).toContainText('Possible duplicate');
    await expect(item('dana-course.pdf')).toContainText('Dana Rivera already has "Corrective Exercise Specialist" of 1 Feb 2026');
    await expect(
      item('dana-course.pdf').getByRole('link', { name: 'Open "Corrective Exercise Specialist" of 1 Feb 2026' }),
    ).toHaveAttribute('href', '#/courses?focus=a1');
    await expect(item('damaged.pdf')).toContainText('Could not be read');
    await expect(item('maria-course.pdf')).toContainText('Ready to file');
    await expect(item('maria-course.pdf')).toContainText('Matched by name (95 % sure)');
    await expect(item('maria-course.pdf').getByLabel('Person for maria-course.pdf')).toHaveValue('p3');

    mkdirSync(out, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [width, height] of [
        [1280, 860],
        [1024, 768],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: join(out, `intake-inbox-${width}-${scheme}.png`) });
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });

    await inbox.getByRole('button', { name: 'File all ready (10)' }).click();
    await expect(inbox.getByText('Filed 10 files: 6 courses and 4 CPR/AED cards, each with its certificate attached.')).toBeVisible();
    // The duplicate and the damaged file stay in the inbox until dismissed.
    await expect(inbox.getByText('2 files in the inbox: 0 ready to file, 1 to check, 1 not to file (dismiss it).')).toBeVisible();
    await item('damaged.pdf').getByRole('button', { name: 'Dismiss' }).click();
    await expect(inbox.getByText('1 file in the inbox: 0 ready to file, 1 to check.')).toBeVisible();

    // Every trainer's counted courses and card now have their certificate files.
    const team = spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), 'team', '--db', join(dir, 'data'), '--json'], {
      encoding: 'utf8',
    });
    const report = JSON.parse(team.stdout) as TeamReport;
    expect(report.rows.map((r) => [r.name, r.missingCertificates, r.cprAed.ok]).sort()).toEqual([
      ['Chris Okafor', 0, true],
      ['Dana Rivera', 1, true],
      ['María Núñez', 0, true],
      ['Samuel Lee', 0, true],
    ]);
    // The Courses screen opens on the first trainer by name: Chris Okafor's course, with its file.
    await page.goto(`${host.url}#/courses`);
    await expect(page.getByRole('row', { name: /Mobility for Older Adults.*1 certificate file/ })).toBeVisible();
  });
  test('Cancel stops the reading after the file being read: the files read stay, the rest are not sent', async ({ page }) => {
    let sent = 0;
    let cancelled: () => void = () => undefined;
    const cancelClicked = new Promise<void>((done) => (cancelled = done));
    // The second file's read is held until Cancel is pressed, so Cancel lands while a file is being read.
    await page.route('**/api/readIntoInbox', async (route) => {
      sent++;
      if (sent === 2) await cancelClicked;
      await route.continue();
    });
    await page.goto(`${host.url}#/team`);
    const inbox = page.getByRole('region', { name: 'Certificate inbox' });
    await inbox.getByLabel('Add certificates…').setInputFiles(files);
    await expect(inbox.getByText(/Reading 2 of 12: /)).toBeVisible();
    await inbox.getByRole('button', { name: 'Cancel' }).click();
    cancelled();
    // The reading is over (no progress left), and only the two files sent are in the inbox.
    await expect(inbox.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
    await expect(inbox.getByText(/^2 files in the inbox: /)).toBeVisible();
    expect(sent).toBe(2);
  });
});

test('with a chain of people, a file is given to another trainer by typing a name', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'recert-intake-chain-'));
  try {
    // María of the corpus's third variant among 230 people: the inbox's person field is a typed name.
    const fillers = Array.from({ length: 228 }, (_, i) => person(`f${i}`, `Filler ${String(i).padStart(3, '0')} Trainer`, 'ace-cpt'));
    const records = {
      format: 'recert-records/1',
      people: [person('p3', 'María Núñez', 'nasm-cpt'), person('p4', 'Chris Okafor', 'ace-cpt'), ...fillers],
    };
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'records.json'), JSON.stringify(records));
    importRecords(join(dir, 'data'), join(dir, 'in', 'records.json'));
    const file = await certificate(join(dir, 'stack'), 'maria-course.pdf', 'A', variant(2));
    const chain = await launch(join(dir, 'data'));
    try {
      await page.goto(`${chain.url}#/team`);
      const inbox = page.getByRole('region', { name: 'Certificate inbox' });
      await inbox.getByLabel('Add certificates…').setInputFiles([file]);
      const field = inbox.getByLabel('Person for maria-course.pdf');
      await expect(field).toHaveValue('María Núñez', { timeout: 60_000 });
      await expect(field).toHaveJSProperty('tagName', 'INPUT');
      // One list of the names for the inbox, with every person.
      expect(await page.evaluate(() => document.querySelector('.intake datalist')?.children.length ?? 0)).toBe(230);
      await field.fill('Chris Okafor');
      // Main took the correction: the file is now Chris's, as chosen.
      await expect(inbox.getByRole('listitem').filter({ hasText: 'maria-course.pdf' })).toContainText('Chosen by you');
      await field.blur();
      await expect(field).toHaveValue('Chris Okafor');
    } finally {
      await chain.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

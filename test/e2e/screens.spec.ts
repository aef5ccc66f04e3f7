import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writePacketFixture } from '../helpers/packet-fixtures';
import { expect, importRecords, launch, test } from './fixtures';

// Every screen, in light and dark, with a trainer's real records (the packet fixture: courses in
// three scripts, a petition, damaged and locked certificates). The screenshots land in
// test-results/screenshots for people to look at; the assertions check each screen's content.
const screens = [
  { section: 'dashboard', heading: "Zoë Łukasik-Straße's dashboard", text: 'Final application' },
  { section: 'courses', heading: 'Courses', text: 'Corrective Exercise Specialist' },
  { section: 'cpr-aed', heading: 'CPR/AED', text: 'American Red Cross' },
  { section: 'audit', heading: 'Audit', text: 'What the packet will contain' },
  { section: 'staff', heading: 'Staff', text: 'Team overview' },
  { section: 'settings', heading: 'Settings', text: 'Figures and their sources' },
];
const out = resolve(__dirname, '../../test-results/screenshots');

test.describe('every screen with records', () => {
  let dir: string;
  let host: Awaited<ReturnType<typeof launch>>;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recert-screens-'));
    const fixture = await writePacketFixture(join(dir, 'in'));
    importRecords(join(dir, 'data'), fixture.recordsFile);
    host = await launch(join(dir, 'data'));
    mkdirSync(out, { recursive: true });
  });

  test.afterAll(async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`all screens render in ${scheme} mode`, async ({ browser }) => {
      const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, colorScheme: scheme });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(host.url);
      for (const screen of screens) {
        await page.goto(`${host.url}#/${screen.section}`);
        await expect(page.getByRole('heading', { level: 1, name: screen.heading })).toBeVisible();
        await expect(page.getByText(screen.text).first()).toBeVisible();
        await page.screenshot({ path: join(out, `${screen.section}-${scheme}.png`), fullPage: screen.section !== 'courses' });
      }
      // The course panel with a course open, and the form to add one.
      await page.goto(`${host.url}#/courses`);
      await page.getByRole('button', { name: 'Corrective Exercise Specialist' }).click();
      await expect(page.getByRole('complementary', { name: 'Course: Corrective Exercise Specialist' })).toContainText('ces.pdf');
      await page.screenshot({ path: join(out, `course-open-${scheme}.png`) });
      await page.getByRole('button', { name: 'Add course' }).click();
      await expect(page.getByRole('form', { name: 'Add a course' })).toBeVisible();
      await page.screenshot({ path: join(out, `course-form-${scheme}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { addDays, localToday } from '../../main/core/dates';
import { expect, importRecords, launch, test } from './fixtures';

const out = resolve(__dirname, '../../test-results/screenshots');

test.describe('reminders', () => {
  let dir: string;
  let host: Awaited<ReturnType<typeof launch>>;
  const today = localToday();
  const expires = addDays(today, 45);

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recert-reminders-'));
    const person = (id: string, name: string, days: number) => ({
      id,
      name,
      credentials: [{ id: `${id}-c`, ruleSet: 'nasm-cpt', number: `NASM-${id}`, expires: addDays(today, days) }],
      activities: [],
      cprAed: [
        {
          id: `${id}-k`,
          provider: 'Red Cross',
          completed: addDays(today, -300),
          expires: addDays(today, 200),
          adultCpr: true,
          aed: true,
          handsOn: true,
        },
      ],
    });
    writeFileSync(
      join(dir, 'records.json'),
      JSON.stringify({ format: 'recert-records/1', people: [person('p1', 'Dana Rivera', 45), person('p2', 'Sam Lee', 75)] }),
    );
    importRecords(join(dir, 'data'), join(dir, 'records.json'));
    host = await launch(join(dir, 'data'));
    mkdirSync(out, { recursive: true });
  });

  test.afterAll(async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('set lead times, refuse a bad one, download the calendar, see Upcoming on the dashboard and the Team screen', async ({ page }) => {
    await page.goto(`${host.url}#/settings`);
    const leadTimes = page.getByRole('form', { name: 'Reminder lead times' });
    await leadTimes.getByLabel('NASM-CPT').fill('60, 400');
    await leadTimes.getByRole('button', { name: 'Save lead times' }).click();
    await expect(leadTimes.getByText('must be a whole number of days between 0 and 365')).toBeVisible();
    await leadTimes.getByLabel('NASM-CPT').fill('60, 14');
    await leadTimes.getByLabel('CPR/AED card').fill('30');
    await leadTimes.getByRole('button', { name: 'Save lead times' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved the reminder lead times.' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('form', { name: 'Reminder lead times' }).getByLabel('NASM-CPT')).toHaveValue('60, 14');
    const calendar = page.getByRole('form', { name: 'Calendar file' });
    await calendar.getByLabel('Calendar file (.ics)').fill('relative.ics');
    await calendar.getByRole('button', { name: 'Save calendar file' }).click();
    await expect(calendar.getByText(/not a full path/)).toBeVisible();
    await page.screenshot({ path: join(out, 'settings-reminders.png'), fullPage: true });

    // The dashboard: the next deadlines, each with its fix, and the calendar file.
    await page.goto(`${host.url}#/dashboard?person=p1`);
    const upcoming = page.getByRole('region', { name: 'Upcoming' });
    await expect(upcoming.getByRole('listitem').first()).toContainText('NASM-CPT expires');
    await expect(upcoming.getByRole('listitem').first()).toContainText('in 45 days');
    await expect(upcoming.getByRole('link', { name: 'Add a course' }).first()).toBeVisible();
    const download = page.waitForEvent('download');
    await upcoming.getByRole('button', { name: 'Add to calendar…' }).click();
    const ics = readFileSync((await (await download).path()) ?? '', 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`DTSTART;VALUE=DATE:${expires.replace(/-/g, '')}`);
    expect(ics).toContain('UID:p1-c-expiration@recert');
    expect(ics).toMatch(/TRIGGER:-P60D\r?\n/);
    expect(ics).not.toContain('Sam Lee');
    await page.screenshot({ path: join(out, 'dashboard-upcoming.png'), fullPage: true });

    // The Team screen: everyone's next 30/60/90 days.
    await page.goto(`${host.url}#/team?tab=upcoming&days=60`);
    const team = page.getByRole('region', { name: 'Upcoming deadlines of the team' });
    await expect(team.getByText('NASM-CPT expires — Dana Rivera')).toBeVisible();
    await expect(team.getByText('NASM-CPT expires — Sam Lee')).toHaveCount(0);
    await team.getByLabel('Within').selectOption('90');
    await expect(team.getByText('NASM-CPT expires — Sam Lee')).toBeVisible();
    await page.screenshot({ path: join(out, 'team-upcoming.png'), fullPage: true });
  });
});

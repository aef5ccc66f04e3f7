import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, launch, test } from './fixtures';

// Two Recerts of one team, each a browser-mode host on its own data folder, sharing one team folder
// as a sync tool would: the front desk (a manager's Recert, everyone's records) and Dana's laptop.
// What one writes reaches the other's Team screen by itself (the watcher), and a course changed on
// both is shown on the Team screen, resolved there, and gone from both.
const shots = '/tmp/shots/sync-app';
const PASSPHRASE = 'river stone lamp orbit';

async function api<T>(page: Page, method: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([m, i]) => (window.recert as unknown as Record<string, (input: unknown) => Promise<unknown>>)[m as string]?.(i),
    [method, input] as const,
  );
  const typed = result as { ok: boolean; value?: T; error?: { message: string } };
  if (!typed.ok) throw new Error(`${method}: ${typed.error?.message ?? 'failed'}`);
  return typed.value as T;
}

async function join_(page: Page, url: string, folder: string, name: string): Promise<void> {
  await page.goto(`${url}#/settings`);
  const form = page.getByRole('form', { name: 'Join a team folder' });
  await form.getByLabel("The team's shared folder").fill(folder);
  await form.getByLabel("This computer's name in the team").fill(name);
  await form.getByLabel('Whose records this Recert takes').selectOption({ label: "Everyone's records (a manager's Recert)" });
  await form.getByLabel('Team passphrase').fill(PASSPHRASE);
  await form.getByRole('button', { name: 'Join the team folder' }).click();
  const panel = page.getByRole('region', { name: 'Team folder' });
  // Joining stretches the passphrase (scrypt) and syncs: seconds on a busy machine.
  await expect(panel.getByRole('status').first()).toContainText(/Up to date|conflict/, { timeout: 30_000 });
  await expect(panel.getByText(`This computer is "${name}" in the team`)).toBeVisible();
}

/** Settings' panel and the Team screen at both sizes, light and dark, as they are now. */
async function shoot(browser: Browser, url: string, name: string, screen: 'settings' | 'team', text: string | RegExp): Promise<void> {
  mkdirSync(shots, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const viewport of [
      { width: 1280, height: 860 },
      { width: 1024, height: 768 },
    ]) {
      const page = await browser.newPage({ viewport, colorScheme });
      await page.goto(`${url}#/${screen}`);
      const shown = page.getByText(text).first();
      await expect(shown).toBeVisible();
      const path = join(shots, `${name}-${colorScheme}-${viewport.width}x${viewport.height}.png`);
      // Settings is long: its Team folder panel at the top of the window.
      if (screen === 'settings') await page.evaluate(() => document.querySelector('#team-folder-title')?.scrollIntoView());
      await page.screenshot({ path });
      await page.close();
    }
  }
}

test.describe('two Recerts sharing a team folder', () => {
  let dir: string;
  let frontDesk: Awaited<ReturnType<typeof launch>>;
  let laptop: Awaited<ReturnType<typeof launch>>;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recert-team-folder-'));
    mkdirSync(join(dir, 'OneDrive - Gym team'));
    [frontDesk, laptop] = await Promise.all([launch(join(dir, 'front-desk')), launch(join(dir, 'laptop'))]);
  });

  test.afterAll(async () => {
    await Promise.all([frontDesk.stop(), laptop.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  test("a course added on one appears on the other's Team screen; a conflict is shown and resolved there", async ({ browser }) => {
    test.setTimeout(120_000);
    const folder = join(dir, 'OneDrive - Gym team');
    const a = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const b = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await a.goto(frontDesk.url);
    await b.goto(laptop.url);

    // The front desk has Dana, her certification and a course.
    const dana = await api<{ id: string }>(a, 'createPerson', { name: 'Dana Rivera' });
    const credential = await api<{ id: string }>(a, 'createCredential', {
      personId: dana.id,
      ruleSet: 'nasm-cpt',
      number: 'NASM-24680',
      expires: '2027-03-31',
    });
    const course = { personId: dana.id, provider: 'NASM', approval: 'nasm', completed: '2026-02-01', credentialIds: [credential.id] };
    const first = await api<{ id: string }>(a, 'createCourse', { ...course, title: 'Kettlebell Level 1', ceus: 0.5 });

    await shoot(browser, laptop.url, 'settings-team-folder-join', 'settings', 'Join the team folder');
    await join_(a, frontDesk.url, folder, 'Front desk');
    await join_(b, laptop.url, folder, "Dana's laptop");

    // On Dana's laptop, the Team screen shows what the front desk holds.
    await b.goto(`${laptop.url}#/team`);
    const row = b.getByRole('row', { name: /Dana Rivera/ });
    const remaining = async (page: Page) =>
      (await api<{ rows: { remainingText: string }[] }>(page, 'getTeamView', {})).rows[0]?.remainingText ?? '';
    await expect(row).toContainText(await remaining(a));
    const before = await remaining(a);

    // A course added at the front desk reaches the laptop's Team screen without a click there.
    await api(a, 'createCourse', { ...course, title: 'Mobility 101', ceus: 1 });
    const after = await remaining(a);
    expect(after).not.toBe(before);
    await expect(row).toContainText(after, { timeout: 30_000 });
    await expect(b.getByRole('region', { name: 'Team folder' }).getByRole('status')).toContainText(
      /Up to date.*Last received from Front desk/,
    );

    // Both change the same course before either hears of the other's change.
    const edit = (page: Page, title: string) =>
      api(page, 'updateCourse', {
        id: first.id,
        title,
        provider: 'NASM',
        approval: 'nasm',
        completed: '2026-02-01',
        ceus: 0.5,
        credentialIds: [credential.id],
      });
    await Promise.all([edit(a, 'Kettlebell Level 2'), edit(b, 'Kettlebell L1 (retake)')]);
    const region = b.getByRole('region', { name: 'Team folder' });
    await expect(region.getByRole('status')).toContainText('1 conflict to resolve', { timeout: 30_000 });
    const conflict = region.getByRole('list', { name: 'Conflicts to resolve' }).getByRole('listitem');
    await expect(conflict).toContainText(
      /Dana Rivera's course '.+': changed on (Front desk|Dana's laptop) and on (Front desk|Dana's laptop) — keep which\?/,
    );
    await shoot(browser, laptop.url, 'team-conflict', 'team', 'keep which?');
    await shoot(browser, laptop.url, 'settings-team-folder-conflict', 'settings', '1 conflict to resolve');

    await conflict.getByRole('button', { name: "Keep the one from Front desk: title 'Kettlebell Level 2'" }).click();
    await expect(region.getByRole('status')).toContainText('Up to date');
    await expect(region.getByRole('list', { name: 'Conflicts to resolve' })).toHaveCount(0);

    // The front desk hears of the choice: no conflict there either, the same title on both.
    await a.goto(`${frontDesk.url}#/team`);
    await expect(a.getByRole('region', { name: 'Team folder' }).getByRole('status')).toContainText(/Up to date/, { timeout: 30_000 });
    await expect
      .poll(async () => (await api<{ title: string }>(a, 'getCourse', { id: first.id })).title, { timeout: 30_000 })
      .toBe('Kettlebell Level 2');
    expect((await api<{ title: string }>(b, 'getCourse', { id: first.id })).title).toBe('Kettlebell Level 2');
    await shoot(browser, frontDesk.url, 'team-up-to-date', 'team', 'Up to date');
    await shoot(browser, frontDesk.url, 'settings-team-folder', 'settings', 'Up to date');
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { it } from 'vitest';
import { importRecords, launch } from '../e2e/fixtures';
import { projectRoot } from '../helpers/context';
import { dataSets, type DataSet } from './datasets';
import { launchChromium } from './chromium';
import { median, report, reportRatio, timeMs } from './report';

/** A gym chain: 1,000 trainers × 50 courses, 1–3 credentials each, of one data set. */
function chain(dir: string, set: DataSet): { records: string; data: string } {
  const records = join(dir, 'gym.json');
  writeFileSync(records, JSON.stringify(set.records({ people: 1000, coursesPerPerson: 50 })));
  const data = join(dir, 'data');
  importRecords(data, records);
  return { records, data };
}

function recert(...args: string[]): void {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`recert ${args[0]} failed: ${result.stderr}`);
}

for (const set of dataSets)
  it(`recert team --json for 1,000 trainers vs recert evaluate --json of the same records file, ${set.name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'recert-team-bench-'));
    try {
      const { records, data } = chain(dir, set);
      // Timed in turn, five times each, so that the machine's slow and fast moments fall on both alike.
      const evaluations: number[] = [];
      const teams: number[] = [];
      for (let i = 0; i < 5; i++) {
        evaluations.push(timeMs(() => recert('evaluate', records, '--as-of', '2026-11-21', '--json')));
        teams.push(timeMs(() => recert('team', '--db', data, '--as-of', '2026-11-21', '--json')));
      }
      const evaluate = median(evaluations);
      const team = median(teams);
      console.log(`BENCH team, ${set.name}: 1,000 trainers, 50,000 courses (whole commands, median of 5)`);
      report('recert team --json', team, 'ms', 'reference', true);
      report('  baseline: recert evaluate --json of the same records file', evaluate, 'ms', 'reference', true);
      reportRatio('  team vs evaluate', teams, evaluations, 1.2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);

/** Milliseconds from clicking the Team link to its first row in the page, measured in the page. */
function clickToTeam(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const anchor = [...document.querySelectorAll<HTMLAnchorElement>('nav a')].find((a) => a.textContent === 'Team');
        if (!anchor) return reject(new Error('no Team link'));
        const start = performance.now();
        anchor.click();
        const check = () => {
          if (document.querySelector('.team-body-row [role="cell"]')) resolve(performance.now() - start);
          else if (performance.now() - start > 30_000) reject(new Error('the Team screen did not show'));
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
}

/** Scrolls the team table top to bottom; the long tasks seen on the way (ms). */
function scrollTeam(page: Page): Promise<{ tasks: number[]; rows: number }> {
  return page.evaluate(
    () =>
      new Promise<{ tasks: number[]; rows: number }>((resolve) => {
        const tasks: number[] = [];
        const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
        observer.observe({ type: 'longtask', buffered: false });
        const scroller = document.querySelector<HTMLElement>('.team-scroller');
        if (!scroller) return resolve({ tasks: [-1], rows: 0 });
        let steps = 0;
        const seen = new Set<string>();
        const step = () => {
          for (const row of scroller.querySelectorAll('[role="row"]')) seen.add(row.getAttribute('aria-rowindex') ?? '');
          scroller.scrollTop += 520;
          steps += 1;
          if (steps < 160) requestAnimationFrame(step);
          else
            setTimeout(() => {
              observer.disconnect();
              resolve({ tasks, rows: seen.size });
            }, 500);
        };
        requestAnimationFrame(step);
      }),
  );
}

for (const set of dataSets)
  it(`the Team screen for 1,000 trainers, in Chromium, ${set.name}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recert-team-ui-bench-'));
    const { data } = chain(dir, set);
    const host = await launch(data);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      await page.goto(`${host.url}#/settings`);
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).waitFor();
      const cold = await clickToTeam(page);
      const warmRuns: number[] = [];
      for (let i = 0; i < 5; i++) {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
        await page.getByRole('heading', { name: 'Settings' }).waitFor();
        warmRuns.push(await clickToTeam(page));
      }
      warmRuns.sort((a, b) => a - b);
      const warm = warmRuns[2] ?? 0;
      const scrolling = await scrollTeam(page);
      const longest = Math.max(0, ...scrolling.tasks);
      console.log(`BENCH team screen, ${set.name}: scrolled through ${scrolling.rows} rendered rows`);
      report('Team screen after the click, first time (evaluates everyone)', cold, 'ms', 'reference', true);
      report('Team screen after the click, warm (median of 5)', warm, 'ms', '≤ 150 ms', warm <= 150);
      report('longest long task while scrolling the team (0 = none over 50 ms)', longest, 'ms', '≤ 50 ms', longest <= 50);
    } finally {
      await browser.close();
      await host.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);

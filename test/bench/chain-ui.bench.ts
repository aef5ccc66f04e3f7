// The Team screen of a chain in Chromium: 10,000 trainers, about 15,000 credentials (20,000 in the
// other shape), 1,000,000 courses in one data folder, imported once per data set. Each run is a new
// browser-mode host, so the Team screen and the dashboard are measured as the first of the process.
// Opt-in with the chain bench, as it takes minutes per data set:
//   RECERT_BENCH_CHAIN=1 npm run bench -- test/bench/chain-ui.bench.ts
// (RECERT_BENCH_CHAIN_RUNS sets the runs, 3 by default; RECERT_BENCH_CHAIN_SETS=gym or foreign one set).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { it } from 'vitest';
import { importRecords, launch } from '../e2e/fixtures';
import { dataSets } from './datasets';
import { median, report } from './report';

const enabled = process.env.RECERT_BENCH_CHAIN === '1';
const runs = Number(process.env.RECERT_BENCH_CHAIN_RUNS ?? 3);
const only = process.env.RECERT_BENCH_CHAIN_SETS;
const MiB = 1024 * 1024;

interface Person {
  id: string;
  name: string;
  employeeId?: string;
  credentials: unknown[];
  activities: unknown[];
}

/** The trainer with the most courses (then credentials) whose name no one else has, so a search finds only them. */
function busiest(people: readonly Person[]): Person {
  const names = new Map<string, number>();
  for (const p of people) names.set(p.name, (names.get(p.name) ?? 0) + 1);
  const unique = people.filter((p) => names.get(p.name) === 1);
  const weight = (p: Person) => p.activities.length * 10 + p.credentials.length;
  const found = unique.reduce<Person | undefined>((best, p) => (!best || weight(p) > weight(best) ? p : best), undefined);
  if (!found) throw new Error('no trainer with a name of their own');
  return found;
}

/** A process's peak resident memory so far (VmHWM), in bytes. */
function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/**
 * Milliseconds from a click on `clickSelector` (the element whose text is `clickText`) to an element
 * matching `selector` with `text` in it, measured in the page; with the long tasks seen meanwhile.
 */
async function clickToContent(
  page: Page,
  click: { selector: string; text: string },
  ready: { selector: string; text: string },
): Promise<{ ms: number; longTasks: number[] }> {
  return page.evaluate(
    ({ click, ready }) =>
      new Promise<{ ms: number; longTasks: number[] }>((resolve, reject) => {
        const target = [...document.querySelectorAll<HTMLElement>(click.selector)].find((a) => a.textContent === click.text);
        if (!target) return reject(new Error(`nothing to click: ${click.selector} "${click.text}"`));
        const longTasks: number[] = [];
        const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
        observer.observe({ type: 'longtask', buffered: false });
        const start = performance.now();
        target.click();
        const check = () => {
          const found = [...document.querySelectorAll(ready.selector)].some((e) => e.textContent?.includes(ready.text));
          if (found) {
            const ms = performance.now() - start;
            observer.disconnect();
            resolve({ ms, longTasks });
          } else if (performance.now() - start > 300_000) reject(new Error(`timed out waiting for ${ready.text}`));
          else requestAnimationFrame(check);
        };
        check();
      }),
    { click, ready },
  );
}

/** Scrolls the team table to its last row, in wheel steps and some drags; the long tasks seen and the last row reached. */
async function scrollTeam(page: Page): Promise<{ longTasks: number[]; lastRow: number; rowCount: number; steps: number }> {
  return page.evaluate(
    () =>
      new Promise<{ longTasks: number[]; lastRow: number; rowCount: number; steps: number }>((resolve) => {
        const longTasks: number[] = [];
        const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
        observer.observe({ type: 'longtask', buffered: false });
        const scroller = document.querySelector<HTMLElement>('.team-scroller');
        const table = document.querySelector<HTMLElement>('.team-table');
        if (!scroller || !table) return resolve({ longTasks: [-1], lastRow: 0, rowCount: 0, steps: 0 });
        let steps = 0;
        const step = () => {
          const atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1;
          if (atEnd || steps > 2000) {
            setTimeout(() => {
              observer.disconnect();
              const rows = [...scroller.querySelectorAll('[role="row"][aria-rowindex]')].map((r) =>
                Number(r.getAttribute('aria-rowindex')),
              );
              resolve({ longTasks, lastRow: Math.max(0, ...rows), rowCount: Number(table.getAttribute('aria-rowcount')), steps });
            }, 500);
            return;
          }
          // Mostly wheel steps, every twentieth a drag of the scrollbar by a twentieth of the list.
          scroller.scrollTop += steps % 20 === 19 ? scroller.scrollHeight / 20 : 600;
          steps += 1;
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
  );
}

interface Run {
  team: number;
  teamLongTasks: number[];
  scroll: Awaited<ReturnType<typeof scrollTeam>>;
  dashboard: number;
  peak: number;
}

async function measureOnce(dataDir: string, trainer: Person, options: { width: number; height: number }): Promise<Run> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const host = await launch(dataDir);
  try {
    const page = await browser.newPage({ viewport: options });
    await page.goto(`${host.url}#/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    // The navigation lists Team once the people are read (a store of more than one person is a team's).
    await page.locator('nav a', { hasText: 'Team' }).waitFor();
    const team = await clickToContent(page, { selector: 'nav a', text: 'Team' }, { selector: '.team-body-row [role="cell"]', text: '' });
    const scroll = await scrollTeam(page);
    await page.fill('#team-search', trainer.name);
    const open = `Open ${trainer.name}'s dashboard`;
    await page
      .locator(`.team-body-row button[title="${open.replace(/"/g, '\\"')}"]`)
      .first()
      .waitFor();
    const dashboard = await page.evaluate(
      ({ open, heading }) =>
        new Promise<number>((resolve, reject) => {
          const button = [...document.querySelectorAll<HTMLElement>('.team-body-row button')].find((b) => b.title === open);
          if (!button) return reject(new Error(`no button ${open}`));
          const start = performance.now();
          button.click();
          const check = () => {
            const titled = document.querySelector('#section-title')?.textContent === heading;
            if (titled && document.querySelector('.meter-figures') && !document.querySelector('[aria-busy="true"]'))
              resolve(performance.now() - start);
            else if (performance.now() - start > 300_000) reject(new Error(`timed out waiting for ${heading}`));
            else requestAnimationFrame(check);
          };
          check();
        }),
      { open, heading: `${trainer.name}'s dashboard` },
    );
    await page.close();
    return { team: team.ms, teamLongTasks: team.longTasks, scroll, dashboard, peak: peakRss(host.pid) };
  } finally {
    await host.stop();
    await browser.close();
  }
}

for (const set of dataSets.filter((s) => !only || s.name.startsWith(only)))
  it.runIf(enabled)(
    `the Team screen of a chain of 10,000 trainers × 100 courses, in Chromium, ${set.name}`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'recert-chain-ui-bench-'));
      try {
        const records = set.records({ people: 10_000, activitiesPerPerson: 100 });
        const people = records.people as Person[];
        const trainer = busiest(people);
        writeFileSync(join(dir, 'chain.json'), JSON.stringify(records));
        const data = join(dir, 'data');
        importRecords(data, join(dir, 'chain.json'));
        const credentials = people.reduce((n, p) => n + p.credentials.length, 0);
        const courses = people.reduce((n, p) => n + p.activities.length, 0);

        const samples: Run[] = [];
        for (let i = 0; i < runs; i++) samples.push(await measureOnce(data, trainer, { width: 1360, height: 900 }));

        const spread = (values: number[]) =>
          `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)} ms over ${values.length} hosts`;
        console.log(
          `BENCH chain UI, ${set.name}: ${people.length} trainers, ${credentials} credentials, ${courses} courses; ` +
            `busiest trainer ${trainer.activities.length} courses, ${trainer.credentials.length} credentials; ${runs} runs, each on a new host`,
        );
        const team = samples.map((s) => s.team);
        report(`Team screen after the click (first of the host; ${spread(team)})`, median(team), 'ms', '≤ 200 ms', median(team) <= 200);
        const clickTasks = samples.flatMap((s) => s.teamLongTasks);
        console.log(`BENCH   long tasks during it: ${clickTasks.length}, longest ${Math.max(0, ...clickTasks).toFixed(0)} ms`);
        const scrollTasks = samples.flatMap((s) => s.scroll.longTasks);
        const longest = Math.max(0, ...scrollTasks);
        report('longest long task scrolling the team table to its end (0 = none over 50 ms)', longest, 'ms', '≤ 50 ms', longest <= 50);
        for (const s of samples)
          console.log(
            `BENCH   scrolled in ${s.scroll.steps} steps to row ${s.scroll.lastRow - 1} of ${s.scroll.rowCount - 1}; long tasks: ${s.scroll.longTasks.length}`,
          );
        const dashboard = samples.map((s) => s.dashboard);
        report(
          `busiest trainer's first dashboard after the click on their name (${spread(dashboard)})`,
          median(dashboard),
          'ms',
          '≤ 150 ms',
          median(dashboard) <= 150,
        );
        const peaks = samples.map((s) => s.peak / MiB);
        report(
          `peak memory of the host process (VmHWM, highest of ${runs}; ${Math.min(...peaks).toFixed(0)}–${Math.max(...peaks).toFixed(0)} MiB)`,
          Math.max(...peaks),
          'MiB',
          'reference',
          true,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    3_600_000,
  );

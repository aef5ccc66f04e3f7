// Chromium for the benches that measure a screen: Debian's binary (Playwright's download is not
// available here), and the renderer's long tasks recorded from the first script of each page.
import { chromium, type Browser, type Page } from '@playwright/test';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
}

/** Records every long task of the page's pages from now on (PerformanceObserver 'longtask'). */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: PerformanceEntry[] = [];
    (window as unknown as { longTasks: PerformanceEntry[] }).longTasks = tasks;
    new PerformanceObserver((list) => tasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });
  });
}

/** The durations of the long tasks recorded that began at or after `since` (the page's performance.now()). */
export function longTasksSince(page: Page, since: number): Promise<number[]> {
  return page.evaluate(
    (since) =>
      (window as unknown as { longTasks: PerformanceEntry[] }).longTasks.filter((t) => t.startTime >= since).map((t) => t.duration),
    since,
  );
}

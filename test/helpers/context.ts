import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openAppContext, type AppContext } from '../../main/core/app-context';

export const projectRoot = resolve(__dirname, '../..');
export const resourcesDir = join(projectRoot, 'resources');

export function tempDir(prefix = 'recert-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A fresh data folder and an open app context; call dispose() in afterEach. */
export function freshContext(): AppContext & { dispose(): void } {
  const dataDir = tempDir();
  const context = openAppContext({ dataDir, resourcesDir, logError: () => undefined });
  return {
    ...context,
    dispose() {
      context.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Row counts of every table: bad input must leave all of them unchanged. */
export function rowCounts(context: AppContext): Record<string, number> {
  const tables = [
    'people',
    'credentials',
    'activities',
    'activity_credentials',
    'cpr_aed_cards',
    'attachments',
    'settings',
    'rule_set_overrides',
  ];
  return Object.fromEntries(
    tables.map((table) => [table, (context.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]),
  );
}

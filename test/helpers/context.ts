import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openAppContext, type AppContext } from '../../main/app-context';

export const projectRoot = resolve(__dirname, '../..');
export const resourcesDir = join(projectRoot, 'resources');

export function tempDir(prefix = 'recert-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A fresh data folder and an open app context; call dispose() in afterEach. The platform acts like
 * the desktop app: the "save dialog" picks a file in the data folder, "show in folder" is recorded.
 */
export function freshContext(options: { today?: string } = {}): AppContext & { dispose(): void; shownInFolder: string[] } {
  const dataDir = tempDir();
  const shownInFolder: string[] = [];
  const context = openAppContext({
    dataDir,
    resourcesDir,
    packetWorkerFile: join(projectRoot, 'out/main/packet-worker.js'),
    logError: () => undefined,
    ...(options.today ? { today: () => options.today as string } : {}),
    platform: {
      chooseSaveLocation: (name) => {
        mkdirSync(join(dataDir, 'saved'), { recursive: true });
        return Promise.resolve(join(dataDir, 'saved', name));
      },
      showInFolder: (path) => shownInFolder.push(path),
    },
  });
  // Assigned, not spread: the store and service are getters that change when a backup is restored.
  return Object.assign(context, {
    shownInFolder,
    dispose() {
      context.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Every table of the store, for proving that a refused write changed nothing. */
export const TABLES = [
  'people',
  'credentials',
  'activities',
  'activity_credentials',
  'cpr_aed_cards',
  'attachments',
  'settings',
  'rule_set_overrides',
] as const;

/** Row counts of every table: bad input must leave all of them unchanged. */
export function rowCounts(context: AppContext): Record<string, number> {
  return Object.fromEntries(
    TABLES.map((table) => [table, (context.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]),
  );
}

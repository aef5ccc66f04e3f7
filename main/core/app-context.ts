import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { contentStore } from './attachments/file-store';
import { ATTACHMENTS_FOLDER, DATABASE_FILE } from './data-dir';
import { createDispatch } from './dispatch';
import { loadRuleSets } from './rules/rulesets';
import { createService } from './service';
import { openStore, repositories } from './store';

export interface AppContextOptions {
  dataDir: string;
  /** The database file; by default recert.sqlite3 in the data folder. */
  databaseFile?: string;
  resourcesDir: string;
  nativeBinding?: string;
  logError?: (error: unknown) => void;
}

/** Opens the data folder and wires store, files, rule sets and service: shared by Electron, browser mode and the CLI. */
export function openAppContext({ dataDir, databaseFile, resourcesDir, nativeBinding, logError }: AppContextOptions) {
  mkdirSync(dataDir, { recursive: true });
  const db = openStore(databaseFile ?? join(dataDir, DATABASE_FILE), nativeBinding ? { nativeBinding } : {});
  const store = repositories(db);
  const files = contentStore(join(dataDir, ATTACHMENTS_FOLDER));
  const ruleSets = loadRuleSets(join(resourcesDir, 'rulesets'));
  const service = createService({ store, files, dataDir, ruleSets });
  return {
    dataDir,
    store,
    files,
    ruleSets,
    service,
    dispatch: createDispatch(service, logError),
    close: () => db.close(),
  };
}

export type AppContext = ReturnType<typeof openAppContext>;

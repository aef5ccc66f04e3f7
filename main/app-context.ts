import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { contentStore } from './core/attachments/file-store';
import { sweepLeftovers } from './core/backup/check';
import { downloadRegistry } from './core/downloads';
import { openExportsFolder } from './core/exports-folder';
import { ATTACHMENTS_FOLDER, DATABASE_FILE } from './core/data-dir';
import { loadRuleSets } from './core/rules/rulesets';
import { packetJobs } from './core/packet/jobs';
import { createService, type Platform } from './core/service';
import { openStore, repositories } from './core/store';
import { createDispatch, type ContractService } from './dispatch';

export interface AppContextOptions {
  dataDir: string;
  /** The database file; by default recert.sqlite3 in the data folder. */
  databaseFile?: string;
  resourcesDir: string;
  /** The built worker that writes packets (out/main/packet-worker.js). */
  packetWorkerFile?: string;
  platform?: Platform;
  nativeBinding?: string;
  logError?: (error: unknown) => void;
  /** Today's date, pinned by tests (default: the local calendar date). */
  today?: () => string;
}

/** Opens the data folder and wires store, files, rule sets and service: shared by Electron, browser mode and the CLI. */
export function openAppContext({
  dataDir,
  databaseFile,
  resourcesDir,
  packetWorkerFile,
  platform = {},
  nativeBinding,
  logError,
  today,
}: AppContextOptions) {
  mkdirSync(dataDir, { recursive: true });
  // What a crash or kill -9 left behind (temporary files of interrupted writes) goes first.
  sweepLeftovers(dataDir);
  const db = openStore(databaseFile ?? join(dataDir, DATABASE_FILE), nativeBinding ? { nativeBinding } : {});
  const store = repositories(db);
  const files = contentStore(join(dataDir, ATTACHMENTS_FOLDER));
  const ruleSets = loadRuleSets(join(resourcesDir, 'rulesets'));
  const packets = packetJobs({
    workerFile: packetWorkerFile ?? join(resourcesDir, '..', 'out', 'main', 'packet-worker.js'),
    fontDir: join(resourcesDir, 'fonts'),
    ...(today ? { today } : {}),
  });
  // Files waiting for a browser-mode download live in this process's own folder, removed on close.
  const exportsFolder = openExportsFolder(dataDir);
  const downloads = downloadRegistry();
  const service = createService({
    store,
    files,
    dataDir,
    ruleSets,
    packets,
    platform,
    exportsDir: exportsFolder.dir,
    downloads,
    fontDir: join(resourcesDir, 'fonts'),
    ...(today ? { today } : {}),
  }) satisfies ContractService;
  return {
    dataDir,
    store,
    files,
    ruleSets,
    service,
    packets,
    downloads,
    dispatch: createDispatch(service, logError),
    close: () => {
      db.close();
      exportsFolder.close();
    },
  };
}

export type AppContext = ReturnType<typeof openAppContext>;

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { contentStore } from './core/attachments/file-store';
import { BACKUPS_FOLDER } from './core/backup/auto';
import { sweepLeftovers } from './core/backup/check';
import { memoryPassphraseStore } from './core/backup/passphrase-store';
import { restoreBackupFile } from './core/backup/restore-file';
import { writeBackup } from './core/backup/write';
import { downloadRegistry } from './core/downloads';
import { openExportsFolder } from './core/exports-folder';
import { ATTACHMENTS_FOLDER, DATABASE_FILE } from './core/data-dir';
import { count } from './core/domain/plural';
import type { Result } from './core/domain/result';
import { loadRuleSets } from './core/rules/rulesets';
import { packetJobs } from './core/packet/jobs';
import { createService, type Platform } from './core/service';
import { openStore, repositories } from './core/store';
import { createDispatch, type ContractService, type Dispatch } from './dispatch';

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
  const databasePath = databaseFile ?? join(dataDir, DATABASE_FILE);
  const ruleSets = loadRuleSets(join(resourcesDir, 'rulesets'));
  const packets = packetJobs({
    workerFile: packetWorkerFile ?? join(resourcesDir, '..', 'out', 'main', 'packet-worker.js'),
    fontDir: join(resourcesDir, 'fonts'),
    ...(today ? { today } : {}),
  });
  // Files waiting for a browser-mode download live in this process's own folder, removed on close.
  const exportsFolder = openExportsFolder(dataDir);
  const downloads = downloadRegistry();

  // One passphrase store for every service opened here: a restore reopens the service, not the store.
  const withPassphrases = { ...platform, passphrases: platform.passphrases ?? memoryPassphraseStore() };

  function openData() {
    const db = openStore(databasePath, nativeBinding ? { nativeBinding } : {});
    const store = repositories(db);
    const files = contentStore(join(dataDir, ATTACHMENTS_FOLDER));
    const service = createService({
      store,
      files,
      dataDir,
      ruleSets,
      packets,
      platform: withPassphrases,
      exportsDir: exportsFolder.dir,
      downloads,
      fontDir: join(resourcesDir, 'fonts'),
      restoreData,
      ...(today ? { today } : {}),
    }) satisfies ContractService;
    return { db, store, files, service, dispatch: createDispatch(service, logError) };
  }

  let restoring = false;
  /**
   * In-app restore: the backup is checked whole while the data stays open; the current data is kept
   * as a backup of its own; only then is the database closed, the files swapped and everything
   * reopened. Whatever happens, the folder is open again afterwards (the old data if anything failed).
   */
  async function restoreData(file: string, options?: { passphrase: string | null; fileName: string }): Promise<string> {
    if (restoring) throw new Error('a restore is already running');
    restoring = true;
    let closed = false;
    try {
      const { manifest, keptAs } = await restoreBackupFile({
        file,
        ...(options ? { fileName: options.fileName } : {}),
        passphrase: () => Promise.resolve(options?.passphrase ?? null),
        dataDir,
        replace: true,
        keepReplaced: async () => {
          const kept = join(dataDir, BACKUPS_FOLDER, `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}.zip`);
          mkdirSync(join(dataDir, BACKUPS_FOLDER), { recursive: true });
          await writeBackup({ db: current.db, attachmentsDir: join(dataDir, ATTACHMENTS_FOLDER), out: kept });
          return kept;
        },
        beforeSwap: () => {
          current.db.close();
          closed = true;
        },
      });
      return `Restored the backup: the database and ${count(manifest.files.length - 1, 'certificate file', 'certificate files')}.${keptAs ? ` The data it replaced is kept in ${keptAs}.` : ''}`;
    } finally {
      if (closed) current = openData();
      restoring = false;
    }
  }

  let current = openData();
  const dispatch: Dispatch = (method, input): Result<unknown> | Promise<Result<unknown>> =>
    restoring && method !== 'restoreBackup'
      ? { ok: false, error: { code: 'conflict', message: 'Recert is restoring a backup; try again in a moment.' } }
      : current.dispatch(method, input);

  return {
    dataDir,
    get store() {
      return current.store;
    },
    get files() {
      return current.files;
    },
    get service() {
      return current.service;
    },
    ruleSets,
    packets,
    downloads,
    dispatch,
    close: () => {
      current.db.close();
      exportsFolder.close();
    },
  };
}

export type AppContext = ReturnType<typeof openAppContext>;

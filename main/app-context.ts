import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { contentStore } from './core/attachments/file-store';
import { BACKUPS_FOLDER } from './core/backup/auto';
import { sweepLeftovers, sweepUnusedCertificates } from './core/backup/check';
import { memoryPassphraseStore } from './core/backup/passphrase-store';
import { BackupError } from './core/backup/restore';
import { restoreBackupFile } from './core/backup/restore-file';
import { interruptedRestore, recoverRestore } from './core/backup/restore-journal';
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
import { FolderBusyError, holdFolder, type FolderHold } from './core/folder-lock';
import { createDispatch, type ContractService, type Dispatch } from './dispatch';
import { watchTeamFolder, type TeamWatch } from './team-watch';

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
  /** Hears what the person must be told about the folder as it was found (the CLI prints it). */
  tell?: (notice: string) => void;
  /** The app (Electron, browser mode): watch the team folder and sync on its own. The CLI syncs when asked. */
  watchTeamFolder?: boolean;
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
  tell,
  watchTeamFolder: watching = false,
}: AppContextOptions) {
  mkdirSync(dataDir, { recursive: true });
  // Held shared while open (a restore by another process waits for it to close); see folder-lock.ts.
  const hold = holdFolder(dataDir, nativeBinding ? { nativeBinding } : {});
  let notices: string[];
  let swept: string[];
  try {
    ({ notices, swept } = startFolder(dataDir, hold));
  } catch (error) {
    hold.release();
    throw error;
  }
  for (const notice of notices) tell?.(notice);
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
  const withPassphrases = {
    ...platform,
    passphrases: platform.passphrases ?? memoryPassphraseStore(),
    teamPassphrases:
      platform.teamPassphrases ??
      memoryPassphraseStore('kept in memory only while browser mode runs: enter it again after a restart for syncing to continue'),
  };

  function openData() {
    const db = openStore(databasePath, {
      ...(nativeBinding ? { nativeBinding } : {}),
      whileAlone: (work) => hold.whileAlone(work) !== null,
    });
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
      notices,
      ...(today ? { today } : {}),
    }) satisfies ContractService;
    // Certificate files a killed import copied but never recorded, once an hour old.
    sweepUnusedCertificates(store, files, dataDir);
    const teamWatch: TeamWatch | null = watching ? watchTeamFolder(service, logError ? { logError } : {}) : null;
    /** No sync starts once this returns; the one under way finishes before the database closes. */
    async function stopSyncing(): Promise<void> {
      const syncing = service.stopTeamSync();
      await teamWatch?.close();
      await syncing;
    }
    return { db, store, files, service, dispatch: createDispatch(service, logError), stopSyncing };
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
    let alone = false;
    try {
      const { manifest, keptAs } = await restoreBackupFile({
        file,
        ...(options ? { fileName: options.fileName } : {}),
        passphrase: () => Promise.resolve(options?.passphrase ?? null),
        dataDir,
        replace: true,
        takeFolder: () => {
          if (!hold.takeAlone())
            throw new BackupError(
              'Another Recert process has this folder open (a recert command, or Recert open a second time): close it, then restore again. Nothing was changed.',
            );
          alone = true;
        },
        keepReplaced: async () => {
          const kept = join(dataDir, BACKUPS_FOLDER, `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}.zip`);
          mkdirSync(join(dataDir, BACKUPS_FOLDER), { recursive: true });
          await writeBackup({ db: current.db, attachmentsDir: join(dataDir, ATTACHMENTS_FOLDER), out: kept });
          return kept;
        },
        beforeSwap: () => {
          // A sync under way stops at its next step (as if killed, which it is made to survive).
          void current.stopSyncing();
          current.db.close();
          closed = true;
        },
      });
      return `Restored the backup: the database and ${count(manifest.files.length - 1, 'certificate file', 'certificate files')}.${keptAs ? ` The data it replaced is kept in ${keptAs}.` : ''}`;
    } finally {
      // What was found at start no longer describes the folder once it is restored.
      if (closed) notices.length = 0;
      if (alone) hold.share();
      if (closed) current = openData();
      restoring = false;
    }
  }

  let current: ReturnType<typeof openData>;
  try {
    current = openData();
  } catch (error) {
    exportsFolder.close();
    hold.release();
    throw error;
  }
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
    /** What the person must be told about the folder as it was found (an interrupted restore finished or undone). */
    notices,
    /** What interrupted writes had left in the folder, removed as it opened. */
    swept,
    close: () => {
      void current.stopSyncing();
      current.db.close();
      exportsFolder.close();
      hold.release();
    },
    /** As close(), after the team-folder sync under way has finished (the app's own shutdown). */
    closeWhenSynced: async () => {
      await current.stopSyncing();
      current.db.close();
      exportsFolder.close();
      hold.release();
    },
  };
}

export type AppContext = ReturnType<typeof openAppContext>;

/**
 * Before the database is opened: a restore that was interrupted is finished or undone (with the
 * folder alone: nobody else may be using either copy), then what killed writes left is swept.
 */
function startFolder(dataDir: string, hold: FolderHold): { notices: string[]; swept: string[] } {
  const notices: string[] = [];
  if (interruptedRestore(dataDir)) {
    const recovered = hold.whileAlone(() => recoverRestore(dataDir));
    if (recovered === null)
      throw new FolderBusyError(
        'A restore into this folder was interrupted, and another Recert process has the folder open: close every Recert window and recert command, then start again to finish or undo the restore.',
      );
    if (recovered) notices.push(recovered);
  }
  // Alone, every leftover is a dead process's; with others open, only those past the grace period.
  const swept = hold.whileAlone(() => sweepLeftovers(dataDir, Date.now(), { alone: true })) ?? sweepLeftovers(dataDir);
  return { notices, swept };
}

// Watching the team folder for the app (Electron and browser mode; the CLI syncs when asked): the
// files other devices write arrive through the sync tool, so their arrival is heard with chokidar,
// and a periodic scan catches what a watcher misses (network shares, files delivered late or while
// the watch was being set up). Each event only asks for a sync soon: the service syncs once for a
// burst, one sync at a time, and shows what went wrong when the folder cannot be read.
import { join, relative, sep } from 'node:path';
import type { FSWatcher } from 'chokidar';
import { TEAM_FOLDER } from './core/sync/folder';

/** What the watcher needs of the service (service/team-folder.ts). */
export interface TeamWatchTarget {
  teamFolderToWatch(): { folder: string | null; device: string | null };
  onTeamFolderMoved(listener: (folder: string | null) => void): void;
  teamFolderChanged(): void;
}

/** How often the folder is scanned whatever the watcher heard; RECERT_TEAM_SCAN_MS changes it (tests). */
export const SCAN_EVERY_MS = 60_000;

export interface TeamWatch {
  close(): Promise<void>;
}

/** Whether a changed path is another device's file under recert-team/ (own files and temporaries pass). */
export function isTeamFileOfOthers(folder: string, path: string, ownDevice: string | null): boolean {
  const parts = relative(folder, path).split(sep);
  if (parts[0] !== TEAM_FOLDER || parts.length < 2) return false;
  if (ownDevice !== null && parts[1] === ownDevice) return false;
  return !(parts.at(-1) ?? '').startsWith('.');
}

export function watchTeamFolder(
  target: TeamWatchTarget,
  options: { scanMs?: number; logError?: (error: unknown) => void } = {},
): TeamWatch {
  const scanMs = options.scanMs ?? (Number(process.env.RECERT_TEAM_SCAN_MS) || SCAN_EVERY_MS);
  let watcher: FSWatcher | null = null;
  let closed = false;
  let watching: Promise<void> = Promise.resolve();

  async function watch(folder: string | null): Promise<void> {
    await watcher?.close();
    watcher = null;
    if (!folder || closed) return;
    const { watch: chokidarWatch } = await import('chokidar');
    if (closed) return;
    const root = join(folder, TEAM_FOLDER);
    // The folder itself may be a large synced folder: only recert-team/ and its device folders are watched.
    const next = chokidarWatch(folder, {
      ignoreInitial: true,
      depth: 3,
      ignored: (path: string) => path !== folder && path !== root && !path.startsWith(root + sep),
    });
    next.on('all', (_event, path) => {
      if (isTeamFileOfOthers(folder, path, target.teamFolderToWatch().device)) target.teamFolderChanged();
    });
    // A folder gone or unreadable: the sync says so in Settings and on the Team screen.
    next.on('error', () => target.teamFolderChanged());
    // Files that arrived while the watch was being set up count as already there: one sync for them.
    next.on('ready', () => target.teamFolderChanged());
    watcher = next;
  }

  const rewatch = (folder: string | null) => {
    watching = watching.then(() => watch(folder)).catch((error: unknown) => options.logError?.(error));
  };
  target.onTeamFolderMoved(rewatch);
  rewatch(target.teamFolderToWatch().folder);
  // At start: what arrived while Recert was closed, and the state to show.
  target.teamFolderChanged();
  const scan = setInterval(() => target.teamFolderChanged(), scanMs);
  scan.unref();

  return {
    async close() {
      closed = true;
      clearInterval(scan);
      await watching;
      await watcher?.close();
      watcher = null;
    },
  };
}

// Real `recert sync` child processes on separate data folders sharing one team folder (the built
// CLI under out/): what the person runs, with nothing shared between the devices but that folder.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openAppContext, type AppContext } from '../../main/app-context';
import { readTeamFile, TEAM_FOLDER } from '../../main/core/sync/folder';
import type { SyncResult } from '../../main/core/sync/engine';
import { projectRoot, resourcesDir, tempDir } from './context';
import { recordsOf } from './sync-devices';

const CLI = join(projectRoot, 'bin/recert.js');

export function recert(args: string[], env: Record<string, string | undefined> = {}): SpawnSyncReturns<string> {
  // The test's own passphrase or crash point never leaks into a child that was not given one.
  const merged = { ...process.env, RECERT_PASSPHRASE: undefined, RECERT_CRASH_AT: undefined, ...env };
  const environment = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)) as NodeJS.ProcessEnv;
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: environment });
}

/** `recert sync --json` that must succeed: its parsed answer. */
export function syncJson(dataDir: string, folder: string, env: Record<string, string | undefined> = {}): SyncResult {
  const run = recert(['sync', '--db', dataDir, '--folder', folder, '--json'], env);
  if (run.status !== 0) throw new Error(`recert sync exited ${run.status} (${run.signal}): ${run.stderr}`);
  return JSON.parse(run.stdout) as SyncResult;
}

/** A `recert sync` started in the background, killed with SIGKILL after `afterMs`: how it ended. */
export function syncKilledAfter(dataDir: string, folder: string, afterMs: number): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [CLI, 'sync', '--db', dataDir, '--folder', folder, '--json'], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal });
    });
  });
}

/** A new data folder (the app's own start creates the database). */
export function dataFolder(prefix: string): string {
  const dir = tempDir(`recert-sync-${prefix}-`);
  withData(dir, () => undefined);
  return dir;
}

/** Opens the data folder as the app does, runs `work`, closes it again before any child runs. */
export function withData<T>(dataDir: string, work: (context: AppContext) => T): T {
  const context = openAppContext({ dataDir, resourcesDir, logError: () => undefined });
  try {
    return work(context);
  } finally {
    context.close();
  }
}

export function recordsIn(dataDir: string): Record<string, unknown[]> {
  return withData(dataDir, (context) => recordsOf(context.store));
}

/** Every file in the team folder, by path relative to it. */
export function teamListing(folder: string): string[] {
  const out: string[] = [];
  const visit = (dir: string, prefix: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) visit(join(dir, entry.name), `${prefix}${entry.name}/`);
      else out.push(`${prefix}${entry.name}`);
    }
  };
  visit(join(folder, TEAM_FOLDER), '');
  return out.sort();
}

/**
 * The team folder's files under their final names that do not open whole: a reader would have to
 * skip them. Temporary names (a write interrupted before its rename) are listed apart: no reader
 * takes them, and only their own device removes them.
 */
export async function teamFolderDamage(folder: string, passphrase: string | null = null) {
  const { teamCrypt } = await import('../../main/core/sync/team-crypt');
  const crypt = passphrase ? teamCrypt(passphrase, 'unused') : null;
  const broken: string[] = [];
  const temporaries: string[] = [];
  for (const path of teamListing(folder)) {
    const name = path.split('/').at(-1) ?? '';
    if (name.startsWith('.') && name.endsWith('.tmp')) {
      temporaries.push(path);
      continue;
    }
    const kind = name === 'device.rct' ? 'device' : name.endsWith('.rcf') ? 'file' : name.startsWith('changes-') ? 'changes' : 'snapshot';
    if ((await readTeamFile(join(folder, TEAM_FOLDER, path), kind, crypt)) === null) broken.push(path);
  }
  return { broken, temporaries };
}

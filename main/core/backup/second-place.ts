// The second place for backups: a folder the person chose (a USB drive, a network share, a folder a
// cloud client syncs). Each backup, once written and verified in the data folder, is copied there
// (encrypted when a passphrase is set; see file-copy.ts for how), and the same retention applies —
// only ever to Recert's own backup files: nothing else in that folder is touched.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CalendarDate } from '../dates';
import { backupsToKeep } from './retention';
import { copyFileSafely, type CopyOptions } from './file-copy';

/** What an encrypted copy's name ends with (the age tool's own convention). */
export const ENCRYPTED_SUFFIX = '.age';
/** Recert's backup files, plain or encrypted: the only files it lists, and (automatic ones) removes. */
export const OWN_BACKUP = /^(?:auto|manual|before-restore)-[0-9A-Za-z-]+\.zip(?:\.age)?$/;
const AUTOMATIC = /^auto-(\d{4}-\d{2}-\d{2})\.zip(?:\.age)?$/;
/** A copy that never finished (kill -9, a drive pulled out): `.auto-….zip.age.xxxx.tmp`. */
const UNFINISHED = /^\.(?:auto|manual|before-restore)-[0-9A-Za-z-]+\.zip(?:\.age)?\.[0-9a-f]{12}\.tmp$/;

export type SecondPlaceProblem = 'missing' | 'full' | 'not-writable' | 'failed';

export class SecondPlaceError extends Error {
  constructor(
    readonly problem: SecondPlaceProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SecondPlaceError';
  }
}

export interface PlacedBackup {
  name: string;
  path: string;
  size: number;
  modified: Date;
  encrypted: boolean;
}

/** Recert's backups in `folder`, newest first; none when the folder is not there. */
export function listOwnBackups(folder: string): PlacedBackup[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((name) => OWN_BACKUP.test(name))
    .flatMap((name) => {
      const path = join(folder, name);
      try {
        const stat = statSync(path);
        return stat.isFile() ? [{ name, path, size: stat.size, modified: stat.mtime, encrypted: name.endsWith(ENCRYPTED_SUFFIX) }] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.modified.getTime() - a.modified.getTime());
}

/** The problem in words, from the error the file system gave. */
export function secondPlaceProblem(error: unknown, folder: string): SecondPlaceError {
  if (error instanceof SecondPlaceError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENODEV' || code === 'ENXIO' || code === 'EIO')
    return new SecondPlaceError('missing', 'the folder is not there (is the drive plugged in, the share connected?)');
  if (code === 'ENOSPC' || code === 'EDQUOT') return new SecondPlaceError('full', 'the drive is full');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new SecondPlaceError('not-writable', `Recert may not write in ${folder}`);
  return new SecondPlaceError('failed', error instanceof Error ? error.message : String(error));
}

/** Removes copies that never finished, an hour old or more (a younger one may be another process's copy). */
export function sweepUnfinishedCopies(folder: string, now = Date.now()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(folder)) {
    if (!UNFINISHED.test(name)) continue;
    const path = join(folder, name);
    try {
      if (now - statSync(path).mtimeMs > 60 * 60 * 1000) {
        rmSync(path, { force: true });
        removed.push(path);
      }
    } catch {
      // gone already
    }
  }
  return removed;
}

/** Applies the 7 days / 4 weeks retention to the automatic backups in `folder`, and only to them. */
export function pruneAutomatic(folder: string, today: CalendarDate): void {
  const automatic = readdirSync(folder).flatMap((name) => {
    const match = AUTOMATIC.exec(name);
    return match?.[1] ? [{ name, date: match[1] }] : [];
  });
  const keep = backupsToKeep(automatic, today);
  for (const backup of automatic) if (!keep.has(backup.name)) rmSync(join(folder, backup.name), { force: true });
}

/**
 * Copies the backup at `backup` into `folder` (encrypted with `passphrase` when given), checks the
 * copy, then prunes the folder's automatic backups. Throws SecondPlaceError saying what went wrong;
 * the backup in the data folder is only ever read.
 */
export async function copyToSecondPlace(input: {
  backup: string;
  folder: string;
  passphrase: string | null;
  today: CalendarDate;
  openTemporary?: CopyOptions['openTemporary'];
}): Promise<PlacedBackup> {
  const { folder } = input;
  try {
    if (!existsSync(folder) || !statSync(folder).isDirectory())
      throw new SecondPlaceError('missing', 'the folder is not there (is the drive plugged in, the share connected?)');
    sweepUnfinishedCopies(folder);
    const name = `${basename(input.backup)}${input.passphrase ? ENCRYPTED_SUFFIX : ''}`;
    const to = join(folder, name);
    const written = await copyFileSafely({
      from: input.backup,
      to,
      ...(input.passphrase ? { transform: { kind: 'encrypt' as const, passphrase: input.passphrase } } : {}),
      ...(input.openTemporary ? { openTemporary: input.openTemporary } : {}),
    });
    pruneAutomatic(folder, input.today);
    return { name, path: to, size: written.size, modified: statSync(to).mtime, encrypted: input.passphrase !== null };
  } catch (error) {
    throw secondPlaceProblem(error, folder);
  }
}

/**
 * How the place is named to the person: "your drive E:", "the drive “BACKUP”" for a removable one,
 * otherwise the folder's own name.
 */
export function placeName(folder: string): string {
  const windowsDrive = /^([A-Za-z]):[\\/]/.exec(folder);
  if (windowsDrive?.[1] && windowsDrive[1].toUpperCase() !== 'C') return `your drive ${windowsDrive[1].toUpperCase()}:`;
  const mounted = /^(?:\/Volumes\/|\/media\/[^/]+\/|\/run\/media\/[^/]+\/|\/mnt\/)([^/]+)/.exec(folder);
  if (mounted?.[1]) return `your drive “${mounted[1]}”`;
  return `the folder “${basename(folder) || folder}”`;
}

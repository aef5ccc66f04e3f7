// The backups folder: a daily automatic backup (the last 7 days and the last 4 weeks kept), backups
// made on request, and what Settings shows of them.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CalendarDate } from '../dates';
import type { Db } from '../store';
import { backupsToKeep } from './retention';
import { writeBackup } from './write';

export const BACKUPS_FOLDER = 'backups';
const AUTOMATIC = /^auto-(\d{4}-\d{2}-\d{2})\.zip$/;

export interface BackupFile {
  name: string;
  path: string;
  size: number;
  modified: Date;
}

export function listBackups(dataDir: string): BackupFile[] {
  const folder = join(dataDir, BACKUPS_FOLDER);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.zip') && !name.startsWith('.'))
    .map((name) => {
      const path = join(folder, name);
      const stat = statSync(path);
      return { name, path, size: stat.size, modified: stat.mtime };
    })
    .sort((a, b) => b.modified.getTime() - a.modified.getTime());
}

/** Today's automatic backup, unless one exists; then the old ones beyond 7 days and 4 weeks go. */
export async function automaticBackup(input: {
  db: Db;
  dataDir: string;
  attachmentsDir: string;
  today: CalendarDate;
}): Promise<string | null> {
  const folder = join(input.dataDir, BACKUPS_FOLDER);
  mkdirSync(folder, { recursive: true });
  const name = `auto-${input.today}.zip`;
  let made: string | null = null;
  if (!existsSync(join(folder, name))) {
    await writeBackup({ db: input.db, attachmentsDir: input.attachmentsDir, out: join(folder, name) });
    made = join(folder, name);
  }
  const automatic = readdirSync(folder).flatMap((file) => {
    const match = AUTOMATIC.exec(file);
    return match?.[1] ? [{ name: file, date: match[1] }] : [];
  });
  const keep = backupsToKeep(automatic, input.today);
  for (const backup of automatic) if (!keep.has(backup.name)) rmSync(join(folder, backup.name), { force: true });
  return made;
}

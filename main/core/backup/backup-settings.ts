// The backup settings of this computer: the second place, whether its copies are encrypted, how the
// copies have gone, the last drill. Kept in a small file of the data folder, not in the database:
// a restore brings back the records of its day but must not bring back (or forget) this computer's
// USB drive, and a backup carried to a new computer must not point it at the old one's folders.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write';

export const BACKUP_SETTINGS_FILE = 'backup-settings.json';

export interface BackupSettingsFile {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** Key → JSON value, read fresh each time (another process may have written it); callers validate what they read. */
export function backupSettingsFile(dataDir: string): BackupSettingsFile {
  const path = join(dataDir, BACKUP_SETTINGS_FILE);
  const read = (): Record<string, unknown> => {
    if (!existsSync(path)) return {};
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      // A damaged file means the settings are chosen again, never that the app stops.
      return {};
    }
  };
  return {
    get: (key) => read()[key],
    set: (key, value) => writeFileAtomic(path, `${JSON.stringify({ ...read(), [key]: value }, null, 2)}\n`),
  };
}

// Every temporary file and folder Recert makes for a data folder lives in its own temporary area,
// <data>/tmp: a restore's checked copy, a backup's copy of the database, a bundle being read. On the
// same disk as the data (so what is finished can be renamed into place), and swept at every start of
// what a killed process left there (backup/check.ts).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

export const TEMPORARY_FOLDER = 'tmp';

/** The data folder's temporary area, made if needed. */
export function temporaryArea(dataDir: string): string {
  const area = join(dataDir, TEMPORARY_FOLDER);
  mkdirSync(area, { recursive: true });
  return area;
}

/** A new folder of its own in the temporary area, named `<purpose>-XXXXXX`. */
export function temporaryFolder(dataDir: string, purpose: string): string {
  return mkdtempSync(join(temporaryArea(dataDir), `${purpose}-`));
}

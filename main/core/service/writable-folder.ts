// A folder a person chose for Recert to write into (the second place for backups, the team folder):
// tried with a real file before it is accepted, since permissions, read-only shares and full drives
// say nothing until a write fails.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporaryNameFor } from '../backup/file-copy';
import { invalid } from '../errors';

/** Throws an invalid-input error on `folder` when a file cannot be written there. */
export function requireWritable(folder: string): void {
  const probe = temporaryNameFor(join(folder, 'recert-probe'));
  try {
    writeFileSync(probe, 'recert', { flag: 'wx' });
  } catch (error) {
    throw invalid(
      'folder',
      `Recert cannot write in ${folder} (${(error as NodeJS.ErrnoException).code ?? String(error)}); choose another folder`,
    );
  } finally {
    rmSync(probe, { force: true });
  }
}

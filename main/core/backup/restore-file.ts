// Restoring any backup file, plain or encrypted, and the recovery drill. An encrypted backup is
// decrypted first, whole, into a temporary file of the data folder (decrypted.ts); the ordinary
// restore (restore.ts) then checks it completely and swaps it in. The drill restores into a
// temporary folder and runs every check of "Check my data" there.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DATABASE_FILE } from '../data-dir';
import { openStore, repositories } from '../store';
import { checkData } from './check';
import { withPlainFile } from './decrypted';
import { EncryptionError, isEncrypted } from './encryption';
import { BackupContentError, BackupError, holdsData, restoreBackup } from './restore';
import type { BackupManifest } from './write';

type RestoreInput = Parameters<typeof restoreBackup>[0];

/**
 * As restoreBackup, for a file that may be encrypted: `passphrase` is asked for only when it is (and
 * only once the folder is known to accept the restore).
 */
export async function restoreBackupFile(
  input: RestoreInput & { passphrase: () => Promise<string | null>; fileName?: string },
): Promise<{ manifest: BackupManifest; keptAs: string | null; encrypted: boolean }> {
  const { passphrase, fileName, ...restore } = input;
  const shownName = fileName ?? input.file;
  // A missing file, or a folder that holds data without replace, is refused by restoreBackup itself
  // before it reads a byte: no passphrase is asked for a restore that cannot happen.
  if (!existsSync(input.file) || (holdsData(input.dataDir) && !input.replace) || !isEncrypted(input.file))
    return { ...(await restoreBackup(restore)), encrypted: false };
  const given = await passphrase();
  return withPlainFile(
    { file: input.file, temporaryFolder: input.dataDir, passphrase: given, fileName: basename(shownName) },
    async (plain) => {
      try {
        return { ...(await restoreBackup({ ...restore, file: plain })), encrypted: true };
      } catch (error) {
        if (error instanceof BackupError) throw new BackupError(error.message.replaceAll(plain, shownName));
        throw error;
      }
    },
  );
}

export interface DrillResult {
  file: string;
  ok: boolean;
  /** The backup could not be read at all (damaged, wrong or missing passphrase): `problems` says why. */
  unreadable: boolean;
  encrypted: boolean;
  problems: string[];
  /** "Restored and checked the database and 183 certificate files: everything is in order." */
  summary: string;
}

/**
 * Restores `file` into a temporary folder under `scratch` (`.drill-xxxx.tmp`, swept as any
 * interrupted write's if this is killed), runs the full check there and removes the folder.
 */
export async function drillBackup(input: { file: string; scratch: string; passphrase: string | null }): Promise<DrillResult> {
  const folder = join(input.scratch, `.drill-${randomBytes(6).toString('hex')}.tmp`);
  mkdirSync(folder, { recursive: true });
  const encrypted = existsSync(input.file) && isEncrypted(input.file);
  try {
    const target = join(folder, 'data');
    try {
      await restoreBackupFile({
        file: input.file,
        dataDir: target,
        replace: false,
        keepReplaced: () => Promise.resolve(null),
        passphrase: () => Promise.resolve(input.passphrase),
      });
    } catch (error) {
      if (!(error instanceof BackupError) && !(error instanceof EncryptionError)) throw error;
      // Read whole but not sound: a problem to name (exit 1), not a file that cannot be read (exit 2).
      if (error instanceof BackupContentError) {
        const problem = `${error.problem.charAt(0).toUpperCase()}${error.problem.slice(1)}.`;
        const summary = 'It was read whole, but a restore refuses it: the data it holds is not sound.';
        return { file: input.file, ok: false, unreadable: false, encrypted, problems: [problem], summary };
      }
      return { file: input.file, ok: false, unreadable: true, encrypted, problems: [error.message], summary: error.message };
    }
    const db = openStore(join(target, DATABASE_FILE));
    try {
      const result = checkData({ store: repositories(db), dataDir: target });
      return {
        file: input.file,
        ok: result.ok,
        unreadable: false,
        encrypted,
        problems: result.problems,
        summary: `Restored it into a temporary folder. ${result.summary}`,
      };
    } finally {
      db.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

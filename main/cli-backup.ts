// `recert backup`, `recert restore`, `recert check`: the data folder's safety, from the command line.
// Backup and restore open only the database, not the whole app (its services, rule sets and
// contracts), so that a restore starts without loading what it does not use.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dataLocation, existingDataLocation, resourcesDir, UsageError, tellOnStderr } from './cli-common';
import { BACKUPS_FOLDER } from './core/backup/auto';
import { copyFileSafely } from './core/backup/file-copy';
import { drillBackup, restoreBackupFile } from './core/backup/restore-file';
import { BackupError } from './core/backup/restore';
import { recoverRestore } from './core/backup/restore-journal';
import { sweepEarlierAttempts, writeBackup } from './core/backup/write';
import { readPassphrase } from './cli-passphrase';
import { ATTACHMENTS_FOLDER, DATABASE_FILE } from './core/data-dir';
import { holdFolder, holdFolderAlone, LOCK_FILE } from './core/folder-lock';
import { openStore, type Db } from './core/store/open';
import { TEMPORARY_FOLDER, temporaryArea } from './core/temporary-area';
import { decryptedName } from './core/backup/decrypted';
import { isEncrypted } from './core/backup/encryption';
import { count } from './core/domain/plural';
import { bytes } from './core/bytes';

export async function backupCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, out: { type: 'string' }, encrypt: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError('backup takes no FILE argument; use --out FILE');
  if (!values.out) throw new UsageError('backup needs --out FILE (for example recert-backup.zip)');
  const out = resolve(values.out);
  if (existsSync(out)) throw new UsageError(`--out: ${out} already exists; choose a new file name (a backup never overwrites one)`);
  if (!existsSync(dirname(out))) throw new UsageError(`--out: the folder ${dirname(out)} does not exist; create it or choose another`);
  const { dataDir, databaseFile } = existingDataLocation(values.db);
  const passphrase = values.encrypt ? await readPassphrase({ confirm: true }) : null;
  // Held shared, like every process with the folder open: no restore swaps the data under the copy.
  const hold = holdFolder(dataDir);
  let db;
  try {
    db = openStore(databaseFile ?? join(dataDir, DATABASE_FILE), { whileAlone: (work) => hold.whileAlone(work) !== null });
  } catch (error) {
    hold.release();
    throw error;
  }
  try {
    const attachmentsDir = join(dataDir, ATTACHMENTS_FOLDER);
    const manifest = passphrase
      ? await encryptedBackup(db, attachmentsDir, dataDir, out, passphrase)
      : await writeBackup({ db, attachmentsDir, out, temporaryDir: temporaryArea(dataDir) });
    const size = manifest.files.reduce((sum, f) => sum + f.size, 0);
    process.stdout.write(
      `Wrote ${out}: the database and ${count(manifest.files.length - 1, 'certificate file', 'certificate files')} (${bytes(size)})${passphrase ? ', encrypted with your passphrase' : ''}.\n`,
    );
  } finally {
    db.close();
    hold.release();
  }
}

/**
 * The plain backup is written among the data folder's own temporary files (never beside `out`, which
 * may be a USB stick: a kill there would leave the records readable), then encrypted into `out`.
 */
async function encryptedBackup(db: Db, attachmentsDir: string, dataDir: string, out: string, passphrase: string) {
  const plain = decryptedName(dataDir);
  try {
    sweepEarlierAttempts(out);
    const manifest = await writeBackup({ db, attachmentsDir, out: plain, temporaryDir: temporaryArea(dataDir) });
    await copyFileSafely({ from: plain, to: out, transform: { kind: 'encrypt', passphrase } });
    return manifest;
  } finally {
    rmSync(plain, { force: true });
  }
}

export async function restoreCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, replace: { type: 'boolean' } },
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('restore needs exactly one backup FILE');
  const location = dataLocation(values.db);
  if (location.databaseFile) throw new UsageError('--db: give the data folder to restore into, not the database file');
  const { dataDir } = location;
  const madeHere = !existsSync(dataDir);
  mkdirSync(dataDir, { recursive: true });
  // The folder alone for the whole restore: the app, browser mode or another command with it open
  // would go on with the replaced data (and lose what it writes), so the restore is refused.
  const hold = holdFolderAlone(dataDir);
  if (!hold) throw new BackupError(`Recert is open on this folder: close it, or restore from Settings. Nothing was changed in ${dataDir}.`);
  let restored = false;
  try {
    const recovered = recoverRestore(dataDir);
    if (recovered) tellOnStderr(recovered);
    const { manifest, keptAs } = await restoreBackupFile({
      file: resolve(file),
      passphrase: () => readPassphrase({ confirm: false, file }),
      dataDir,
      replace: values.replace ?? false,
      keepReplaced: async () => {
        // The data being replaced is kept as a backup of its own before anything moves.
        const db = openStore(join(dataDir, DATABASE_FILE), { whileAlone: (work) => (work(), true) });
        try {
          const kept = join(dataDir, BACKUPS_FOLDER, `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}.zip`);
          mkdirSync(join(dataDir, BACKUPS_FOLDER), { recursive: true });
          await writeBackup({ db, attachmentsDir: join(dataDir, ATTACHMENTS_FOLDER), out: kept, temporaryDir: temporaryArea(dataDir) });
          return kept;
        } finally {
          db.close();
        }
      },
    });
    process.stdout.write(
      `Restored ${resolve(file)} into ${dataDir}: the database and ${count(manifest.files.length - 1, 'certificate file', 'certificate files')}.${keptAs ? ` The data it replaced is kept in ${keptAs}.` : ''}\n`,
    );
    restored = true;
  } finally {
    hold.release();
    // A refused restore into a folder it made leaves no folder behind: "nothing was changed".
    if (!restored && madeHere) removeIfOnlyOurs(dataDir);
  }
}

/** Removes `dataDir` when it holds nothing but the folder lock and an empty temporary area. */
function removeIfOnlyOurs(dataDir: string): void {
  const ours = new Set([LOCK_FILE, TEMPORARY_FOLDER]);
  const names = readdirSync(dataDir);
  if (names.some((n) => !ours.has(n))) return;
  if (names.includes(TEMPORARY_FOLDER) && readdirSync(join(dataDir, TEMPORARY_FOLDER)).length > 0) return;
  rmSync(dataDir, { recursive: true, force: true });
}

/** Exit 0 when all is well; 1 with each problem in words. */
export async function checkCommand(args: string[]): Promise<number> {
  const [{ openAppContext }, { checkData }] = await Promise.all([import('./app-context'), import('./core/backup/check')]);
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, backup: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError('check takes no FILE argument; use --db PATH, or --backup FILE');
  if (values.backup !== undefined) {
    if (values.db !== undefined) throw new UsageError('check takes --db PATH or --backup FILE, not both');
    return checkBackupCommand(resolve(values.backup));
  }
  const location = existingDataLocation(values.db);
  const context = openAppContext({ ...location, resourcesDir, tell: tellOnStderr });
  try {
    const result = checkData({ store: context.store, dataDir: context.dataDir });
    const { swept } = context;
    if (swept.length > 0)
      process.stdout.write(`Removed ${count(swept.length, 'leftover of an interrupted write', 'leftovers of interrupted writes')}.\n`);
    for (const problem of result.problems) process.stdout.write(`Problem: ${problem}\n`);
    for (const file of result.unusedFiles) process.stdout.write(`No record uses ${file} (remove it from Settings, "Check my data").\n`);
    process.stdout.write(`${result.summary}\n`);
    return result.ok ? 0 : 1;
  } finally {
    context.close();
  }
}

/**
 * `recert check --backup FILE`: the recovery drill. Exit 0 when the backup restores and passes every
 * check, 1 naming each problem, 2 when it cannot be read (missing, damaged, wrong passphrase).
 */
async function checkBackupCommand(file: string): Promise<number> {
  if (!existsSync(file)) throw new UsageError(`--backup: ${file} does not exist; give the path of a backup file`);
  const passphrase = isEncrypted(file) ? await readPassphrase({ confirm: false, file }) : null;
  const scratch = mkdtempSync(join(tmpdir(), 'recert-check-'));
  try {
    const result = await drillBackup({ file, scratch, passphrase });
    if (result.unreadable) {
      process.stderr.write(`recert: ${result.summary}\n`);
      return 2;
    }
    for (const problem of result.problems) process.stdout.write(`Problem: ${problem}\n`);
    process.stdout.write(`${file}: ${result.summary}\n`);
    return result.ok ? 0 : 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// `recert backup`, `recert restore`, `recert check`: the data folder's safety, from the command line.
// Backup and restore open only the database, not the whole app (its services, rule sets and
// contracts): that halves the time a restore takes to start.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dataLocation, existingDataLocation, resourcesDir, UsageError } from './cli-common';
import { BACKUPS_FOLDER } from './core/backup/auto';
import { restoreBackup } from './core/backup/restore';
import { writeBackup } from './core/backup/write';
import { ATTACHMENTS_FOLDER, DATABASE_FILE } from './core/data-dir';
import { openStore } from './core/store/open';
import { count } from './core/domain/plural';
import { bytes } from './core/bytes';

export async function backupCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { db: { type: 'string' }, out: { type: 'string' } }, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError('backup takes no FILE argument; use --out FILE');
  if (!values.out) throw new UsageError('backup needs --out FILE (for example recert-backup.zip)');
  const out = resolve(values.out);
  if (existsSync(out)) throw new UsageError(`--out: ${out} already exists; choose a new file name (a backup never overwrites one)`);
  if (!existsSync(dirname(out))) throw new UsageError(`--out: the folder ${dirname(out)} does not exist; create it or choose another`);
  const { dataDir, databaseFile } = existingDataLocation(values.db);
  const db = openStore(databaseFile ?? join(dataDir, DATABASE_FILE));
  try {
    const manifest = await writeBackup({ db, attachmentsDir: join(dataDir, ATTACHMENTS_FOLDER), out });
    const size = manifest.files.reduce((sum, f) => sum + f.size, 0);
    process.stdout.write(
      `Wrote ${out}: the database and ${count(manifest.files.length - 1, 'certificate file', 'certificate files')} (${bytes(size)}).\n`,
    );
  } finally {
    db.close();
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
  {
    const { manifest, keptAs } = await restoreBackup({
      file: resolve(file),
      dataDir,
      replace: values.replace ?? false,
      keepReplaced: async () => {
        // The data being replaced is kept as a backup of its own before anything moves.
        const db = openStore(join(dataDir, DATABASE_FILE));
        try {
          const kept = join(dataDir, BACKUPS_FOLDER, `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}.zip`);
          mkdirSync(join(dataDir, BACKUPS_FOLDER), { recursive: true });
          await writeBackup({ db, attachmentsDir: join(dataDir, ATTACHMENTS_FOLDER), out: kept });
          return kept;
        } finally {
          db.close();
        }
      },
    });
    process.stdout.write(
      `Restored ${resolve(file)} into ${dataDir}: the database and ${count(manifest.files.length - 1, 'certificate file', 'certificate files')}.${keptAs ? ` The data it replaced is kept in ${keptAs}.` : ''}\n`,
    );
  }
}

/** Exit 0 when all is well; 1 with each problem in words. */
export async function checkCommand(args: string[]): Promise<number> {
  const [{ openAppContext }, { checkData, sweepLeftovers }] = await Promise.all([import('./app-context'), import('./core/backup/check')]);
  const { values, positionals } = parseArgs({ args, options: { db: { type: 'string' } }, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError('check takes no FILE argument; use --db PATH');
  const location = existingDataLocation(values.db);
  const swept = sweepLeftovers(location.dataDir);
  const context = openAppContext({ ...location, resourcesDir });
  try {
    const result = checkData({ store: context.store, dataDir: context.dataDir });
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

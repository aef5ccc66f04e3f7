// `recert import` and `export`: the records file, the bundle and CSV courses (docs/cli.md).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { rmSync } from 'node:fs';
import { openAppContext, type AppContext } from './app-context';
import {
  CsvImportError,
  dataLocation,
  existingDataLocation,
  MAX_CSV_BYTES,
  readTextFile,
  resourcesDir,
  tellOnStderr,
  UsageError,
} from './cli-common';
import { count } from './core/domain/plural';
import { problemLines } from './core/domain/problems';
import type { CourseCsvView } from './core/domain/views';
import { exportRecords } from './core/records-file/export';
import { importRecords } from './core/records-file/import';
import { BUNDLE_EXTENSION, importBundleStreamed, isPlainRecordsFile, writeBundle } from './core/records-file/bundle';
import { importRecordsFileStreamed } from './core/records-file/stream-import';
import { isEncrypted } from './core/backup/encryption';
import { openRecordsFile, readPassphrase } from './cli-passphrase';
import { copyFileSafely, temporaryNameFor } from './core/backup/file-copy';
import { describeImport, describeRows, importedText } from './core/records-file/describe-import';
import { applyUpdate, PersonConflictError, planUpdate, requireConfirmed } from './core/records-file/update';
import { RecordsFileError } from './core/records-file/parse';
import { temporaryArea } from './core/temporary-area';

/** The app's message for the command line: without the contract's field name ("csvText: "). */
function withoutField(error: { message: string; field?: string | undefined }): string {
  return error.field && error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
}

export async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      update: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      person: { type: 'string' },
      credential: { type: 'string', multiple: true },
      roster: { type: 'boolean' },
      'skip-bad-rows': { type: 'boolean' },
      'same-person': { type: 'string', multiple: true },
    },
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (values['same-person'] && !values.update) throw new UsageError('--same-person goes with --update');
  if (!file || extra.length > 0)
    throw new UsageError('import needs exactly one FILE (a records file, a .recert bundle or a CSV file of courses)');
  if (values.roster) {
    if (values.person || values.credential || values.update) throw new UsageError('--roster takes no --person, --credential or --update');
    return (await import('./cli-roster')).rosterImport(file, {
      db: values.db,
      skipBadRows: values['skip-bad-rows'] === true,
      dryRun: values['dry-run'] === true,
    });
  }
  if (values['skip-bad-rows']) throw new UsageError('--skip-bad-rows goes with --roster (a staff roster CSV)');
  if (/\.csv$/i.test(file)) {
    if (!values.person) throw new UsageError('import of a CSV file of courses needs --person ID (the person the courses belong to)');
    const context = openAppContext({ ...existingDataLocation(values.db), resourcesDir, tell: tellOnStderr });
    try {
      const csvText = readTextFile(resolve(file), 'a CSV file of courses', MAX_CSV_BYTES);
      const input = { personId: values.person, csvText, ...(values.credential ? { credentialIds: values.credential } : {}) };
      const result = await context.dispatch(values['dry-run'] ? 'previewCourseCsv' : 'importCourseCsv', input);
      if (!result.ok) throw new CsvImportError(withoutField(result.error));
      const view = result.value as CourseCsvView;
      if (view.problems.length > 0)
        throw new CsvImportError(`The courses were not imported; fix these and try again:\n${problemLines(view.problems)}`);
      process.stdout.write(`${view.summaryText}${values['dry-run'] ? ' Dry run: nothing was changed.' : ''}\n`);
    } finally {
      context.close();
    }
    return;
  }
  if (values.person || values.credential) throw new UsageError('--person and --credential go with a CSV file of courses');
  if (values['dry-run'] && !values.update) throw new UsageError('--dry-run goes with --update');
  const context = openAppContext({ ...dataLocation(values.db), resourcesDir, tell: tellOnStderr });
  try {
    const path = resolve(file);
    // A first import reads the records file (or a bundle's) one person at a time: a chain's file is
    // never held whole. An update-import, and an encrypted file, open it whole.
    if (!values.update && !encryptedFile(path)) {
      const ruleSetIds = new Set(context.ruleSets.map((r) => r.id));
      const counts = isPlainRecordsFile(path)
        ? importRecordsFileStreamed(path, ruleSetIds, context.store, context.files)
        : await importBundleStreamed(path, ruleSetIds, context.store, context.files, temporaryArea(context.dataDir));
      process.stdout.write(`Imported ${importedText(counts)} into ${context.dataDir}.\n`);
      return;
    }
    const opened = await openRecordsFile(resolve(file), new Set(context.ruleSets.map((r) => r.id)), temporaryArea(context.dataDir));
    try {
      if (values.update) {
        const names = new Map(context.ruleSets.map((r) => [r.id, r.credential]));
        const options = { credentialName: (id: string) => names.get(id) ?? id, samePeople: new Set(values['same-person']) };
        const plan = withConfirmHint(() => {
          if (!values['dry-run']) return applyUpdate(opened.parsed, context.store, context.files, options);
          const planned = planUpdate(opened.parsed, context.store, options);
          requireConfirmed(planned);
          return planned;
        });
        const lines = describeImport(plan.preview);
        const kept = describeRows(plan.preview).filter((r) => r.action === 'kept' && r.kind !== 'people');
        for (const row of kept)
          lines.push(`  Kept (not in the file): ${row.kindText.toLowerCase().replace(/s$/, '')} "${row.label}" of ${row.person}`);
        process.stdout.write(
          `${lines.join('\n')}\n${values['dry-run'] ? 'Dry run: nothing was changed.' : `Updated ${context.dataDir}.`}\n`,
        );
        return;
      }
      const counts = importRecords(opened.parsed, context.store, context.files);
      process.stdout.write(`Imported ${importedText(counts)} into ${context.dataDir}.\n`);
    } finally {
      opened.dispose();
    }
  } finally {
    context.close();
  }
}

/** Whether the file is encrypted; false when it cannot be read (the reader that follows says why). */
function encryptedFile(path: string): boolean {
  try {
    return isEncrypted(path);
  } catch {
    return false;
  }
}

/** A conflict of identity, with the option that confirms it: nothing is changed until then. */
function withConfirmHint<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof PersonConflictError)) throw error;
    throw new RecordsFileError(
      error.conflicts.map(
        (c) =>
          `${c.text}. Nothing was changed. If they are the same person, run again with --same-person ${c.personId}; if not, the file's ids collide with this data folder's`,
      ),
    );
  }
}

export async function exportCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, out: { type: 'string' }, person: { type: 'string' }, encrypt: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`export takes no FILE argument; use --out FILE`);
  if (!values.out) throw new UsageError('export needs --out FILE (a .json records file, or a .recert bundle)');
  const bundle = values.out.toLowerCase().endsWith(BUNDLE_EXTENSION);
  if (values.person && !bundle) throw new UsageError('--person goes with a .recert bundle: --out FILE.recert');
  if (values.encrypt && !bundle)
    throw new UsageError('--encrypt goes with a .recert bundle (--out FILE.recert): a records file keeps its certificates beside it');
  // Asked before anything is written, so that a mistyped confirmation costs nothing.
  const passphrase = values.encrypt ? await readPassphrase({ confirm: true }) : null;
  const context = openAppContext({ ...existingDataLocation(values.db), resourcesDir, tell: tellOnStderr });
  try {
    const out = resolve(values.out);
    const counts = !bundle
      ? exportRecords(context.store, context.files, out)
      : passphrase
        ? await encryptedBundle(context, out, values.person, passphrase)
        : await writeBundle(context.store, context.files, out, values.person);
    process.stdout.write(
      `Exported ${count(counts.people, 'person', 'people')} and ${count(counts.certificateFiles, 'certificate file', 'certificate files')} to ${out}.\n`,
    );
  } finally {
    context.close();
  }
}

/** The bundle written under a temporary name beside `out`, then encrypted into `out` (the plain one removed). */
async function encryptedBundle(context: AppContext, out: string, person: string | undefined, passphrase: string) {
  const plain = temporaryNameFor(out);
  try {
    const counts = await writeBundle(context.store, context.files, plain, person);
    await copyFileSafely({ from: plain, to: out, transform: { kind: 'encrypt', passphrase } });
    return counts;
  } finally {
    rmSync(plain, { force: true });
  }
}

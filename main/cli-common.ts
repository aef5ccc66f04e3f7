// What every `recert` command shares: bad-input errors (exit 2), the data folder from --db, dates.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { interruptedRestore } from './core/backup/restore-journal';
import { DATABASE_FILE, resolveDataDir } from './core/data-dir';
import { isCalendarDate, localToday, type CalendarDate } from './core/dates';
import { inputFileProblem } from './core/input-file';

/** Bad input: the message goes to stderr and the exit status is 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What the person must be told about the data folder as it was found (an interrupted restore finished or undone). */
export function tellOnStderr(notice: string): void {
  process.stderr.write(`recert: ${notice}\n`);
}

/** The resources folder of the built app (rule sets, fonts). */
// The packaged app's command line (main/index.ts) names its own resources folder.
export const resourcesDir = process.env.RECERT_RESOURCES_DIR ?? resolve(__dirname, '../../resources');

/** --db accepts the data folder or the database file inside it. */
export function dataLocation(db: string | undefined): { dataDir: string; databaseFile?: string } {
  if (!db) return { dataDir: resolveDataDir() };
  const path = resolve(db);
  const isFile = existsSync(path) ? statSync(path).isFile() : /\.(sqlite3?|db)$/i.test(path);
  return isFile ? { dataDir: dirname(path), databaseFile: path } : { dataDir: path };
}

/** A data folder that must already hold Recert's data (reports read; they never create an empty store). */
export function existingDataLocation(db: string | undefined): { dataDir: string; databaseFile?: string } {
  const location = dataLocation(db);
  const file = location.databaseFile ?? join(location.dataDir, DATABASE_FILE);
  // A restore killed half-way may have moved the database aside: opening the folder puts it back.
  if (!existsSync(file) && !interruptedRestore(location.dataDir)) {
    throw new UsageError(
      db
        ? `--db: ${db} is not a Recert data folder (no ${DATABASE_FILE} in it); give the folder the app uses, shown in Settings`
        : `no Recert data in ${location.dataDir}; open the app once, or give the data folder with --db PATH`,
    );
  }
  return location;
}

/** --as-of, or today. */
export function asOfOption(value: string | undefined): CalendarDate {
  const asOf = value ?? localToday();
  if (!isCalendarDate(asOf)) throw new UsageError(`--as-of: "${asOf}" is not a calendar date; write it YYYY-MM-DD, e.g. 2026-11-23`);
  return asOf;
}

/** A CSV import refused (every problem, by line and column): exit 2. */
export class CsvImportError extends Error {
  override name = 'CsvImportError';
}

/** A text file the user named, as UTF-8 (bytes that are not are refused, never replaced); a regular file of at most `maxBytes`. */
/** As the app takes: a CSV (of courses, or a roster) of at most 5 MB. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

export function readTextFile(path: string, what: string, maxBytes: number): string {
  const problem = inputFileProblem(path, what, maxBytes);
  if (problem) throw new CsvImportError(problem);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CsvImportError(`${path} is not UTF-8 text; save the spreadsheet as "CSV UTF-8"`);
  }
}

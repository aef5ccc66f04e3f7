// A restore's swap as a journal, after SQLite's own rollback journal: what is about to move is
// written down (and flushed) before the first rename; the swap is marked done once everything is in
// place; only then are the replaced data and the journal removed. A process killed anywhere in
// between leaves the journal, and the next process to open the folder alone finishes the swap (when
// it was marked done) or rolls it back (the data as it was, from the folder beside it): the replaced
// data and the restored copy are never swept while a journal names them.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import { crashPoint } from '../crash-point';
import { ATTACHMENTS_FOLDER, DATABASE_FILE } from '../data-dir';

export const JOURNAL_FILE = 'restore-journal.json';
const JOURNAL_FORMAT = 'recert-restore-journal/1';
/** What a restore replaces, in the order it is moved aside. */
const SWAPPED = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, ATTACHMENTS_FOLDER];

interface RestoreJournal {
  format: typeof JOURNAL_FORMAT;
  /** The backup's file name, for the words. */
  backup: string;
  /** Folders relative to the data folder: the checked copy of the backup, and where the replaced data goes. */
  staging: string;
  aside: string;
  /** What was in the data folder (moved aside) and what the backup brings (moved in). */
  replaced: string[];
  placed: string[];
  keptAs: string | null;
  /** "swapping": roll back on recovery; "swapped": everything is in place, finish. */
  state: 'swapping' | 'swapped';
}

/** Renames become durable only once their folder is flushed (not possible on Windows, where a rename is). */
function flushFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for flushing.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function writeJournal(dataDir: string, journal: RestoreJournal): void {
  writeFileAtomic(join(dataDir, JOURNAL_FILE), `${JSON.stringify(journal, null, 2)}\n`);
  flushFolder(dataDir);
}

function readJournal(dataDir: string): RestoreJournal | null {
  const path = join(dataDir, JOURNAL_FILE);
  if (!existsSync(path)) return null;
  const journal = JSON.parse(readFileSync(path, 'utf8')) as RestoreJournal;
  const relative = (name: unknown) => typeof name === 'string' && /^[\w.-]+(\/[\w.-]+)?$/.test(name) && !name.includes('..');
  if (
    journal.format !== JOURNAL_FORMAT ||
    !relative(journal.staging) ||
    !relative(journal.aside) ||
    !Array.isArray(journal.replaced) ||
    !Array.isArray(journal.placed) ||
    ![...journal.replaced, ...journal.placed].every((name) => SWAPPED.includes(name))
  )
    throw new Error(`${path} is not a restore journal Recert can read; move it away only after checking the folder by hand`);
  return journal;
}

/** Whether a restore into this folder was interrupted (the next process to have it alone finishes it). */
export function interruptedRestore(dataDir: string): boolean {
  return existsSync(join(dataDir, JOURNAL_FILE));
}

/** The folders a pending journal needs (relative to the data folder): the sweep leaves them alone. */
export function journalFolders(dataDir: string): string[] {
  try {
    const journal = readJournal(dataDir);
    return journal ? [journal.staging, journal.aside] : [];
  } catch {
    // A journal that cannot be read protects nothing by name; the sweep then keeps every restore folder.
    return ['*'];
  }
}

/**
 * Swaps the checked copy in `staging` (relative to the data folder) into place. The caller holds the
 * folder alone and has closed its database.
 */
export function swapIn(input: { dataDir: string; staging: string; backup: string; keptAs: string | null; aside: string }): void {
  const { dataDir } = input;
  const journal: RestoreJournal = {
    format: JOURNAL_FORMAT,
    backup: input.backup,
    staging: input.staging,
    aside: input.aside,
    replaced: SWAPPED.filter((name) => existsSync(join(dataDir, name))),
    placed: [DATABASE_FILE, ATTACHMENTS_FOLDER].filter((name) => existsSync(join(dataDir, input.staging, name))),
    keptAs: input.keptAs,
    state: 'swapping',
  };
  mkdirSync(join(dataDir, journal.aside), { recursive: true });
  writeJournal(dataDir, journal);
  crashPoint('restore-journal-written');
  let step = 0;
  for (const name of journal.replaced) {
    renameSync(join(dataDir, name), join(dataDir, journal.aside, name));
    crashPoint(`restore-rename-${++step}`);
  }
  for (const name of journal.placed) {
    renameSync(join(dataDir, journal.staging, name), join(dataDir, name));
    crashPoint(`restore-rename-${++step}`);
  }
  flushFolder(dataDir);
  writeJournal(dataDir, { ...journal, state: 'swapped' });
  crashPoint('restore-swapped');
  finish(dataDir, journal);
}

/** Removes what a finished or rolled-back swap no longer needs; the journal goes last. */
function finish(dataDir: string, journal: RestoreJournal): void {
  rmSync(join(dataDir, journal.aside), { recursive: true, force: true });
  crashPoint('restore-aside-removed');
  rmSync(join(dataDir, journal.staging), { recursive: true, force: true });
  rmSync(join(dataDir, JOURNAL_FILE), { force: true });
  flushFolder(dataDir);
}

/** Puts the replaced data back; every step can be repeated, so a crash during a rollback is rolled back again. */
function rollBack(dataDir: string, journal: RestoreJournal): void {
  mkdirSync(join(dataDir, journal.staging), { recursive: true });
  for (const name of [...journal.placed].reverse()) {
    const here = join(dataDir, name);
    // What the backup brought is in the data folder only if the replaced one is aside, or there was none.
    const replacedAside = existsSync(join(dataDir, journal.aside, name));
    const wasThere = journal.replaced.includes(name);
    if (existsSync(here) && (replacedAside || !wasThere) && !existsSync(join(dataDir, journal.staging, name)))
      renameSync(here, join(dataDir, journal.staging, name));
  }
  for (const name of [...journal.replaced].reverse()) {
    const aside = join(dataDir, journal.aside, name);
    if (existsSync(aside) && !existsSync(join(dataDir, name))) renameSync(aside, join(dataDir, name));
  }
  flushFolder(dataDir);
  // The replaced data must all be back before the folder beside it is removed.
  const missing = journal.replaced.filter((name) => !existsSync(join(dataDir, name)));
  if (missing.length > 0)
    throw new Error(
      `the interrupted restore could not be undone: ${missing.join(', ')} did not come back from ${join(dataDir, journal.aside)}; nothing was removed`,
    );
}

/**
 * Finishes or rolls back an interrupted restore; answers what the person should be told, or null when
 * there was none. The caller holds the folder alone.
 */
export function recoverRestore(dataDir: string): string | null {
  const journal = readJournal(dataDir);
  if (!journal) return null;
  if (journal.state === 'swapped') {
    finish(dataDir, journal);
    return `The restore of ${journal.backup} was interrupted after the backup's data was in place; it has been finished, and Recert now holds the backup's data.${journal.keptAs ? ` The data it replaced is kept in ${journal.keptAs}.` : ''}`;
  }
  rollBack(dataDir, journal);
  finish(dataDir, journal);
  return `The restore of ${journal.backup} was interrupted before it was complete; it has been undone, and your data is as it was before it. Restore the backup again if you still want it.`;
}

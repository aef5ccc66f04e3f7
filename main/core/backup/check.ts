// "Check my data" and `recert check`: SQLite's own checks, every certificate present with its
// SHA-256, certificate files no record uses, and what interrupted writes left behind.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContentStore } from '../attachments/file-store';
import { ATTACHMENTS_FOLDER } from '../data-dir';
import { count } from '../domain/plural';
import type { Repositories } from '../store';
import { TEMPORARY_FOLDER } from '../temporary-area';
import { interruptedRestore, journalFolders } from './restore-journal';

/** How old a leftover must be before a sweep removes it: a younger one may be another process's write under way. */
export const SWEEP_AFTER_MS = 60 * 60 * 1000;

export interface DataCheck {
  ok: boolean;
  /** Each problem in words: which course or card a missing file belonged to. */
  problems: string[];
  /** Certificate files no record uses (safe to remove). */
  unusedFiles: string[];
  /** "Checked 1,204 certificate files; the database is sound." */
  summary: string;
}

/**
 * What interrupted writes left behind (a crash, kill -9): `.name.xxxx.tmp` files and folders, a
 * backup's work folder, everything in the temporary area, but never a folder an interrupted
 * restore's journal still needs.
 */
export function leftovers(dataDir: string): string[] {
  const needed = journalFolders(dataDir);
  const keep = (relativePath: string) =>
    needed.includes(relativePath) || (needed.includes('*') && /(^|\/)\.?(restore|replaced)-/.test(relativePath));
  const found: string[] = [];
  const visit = (folder: string, depth: number) => {
    const dir = join(dataDir, folder);
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const relativePath = folder ? `${folder}/${name}` : name;
      if (keep(relativePath)) continue;
      if (
        /^\..*\.tmp$/.test(name) ||
        /^\.restore-.*\.tmp$|^\.replaced-.*\.tmp$/.test(name) ||
        // A backup's work folder (its copy of the database), as older versions named it: .NAME.XXXXXX
        (folder === 'backups' && /^\..+\.[A-Za-z0-9]{6}$/.test(name) && statSync(path).isDirectory())
      )
        found.push(path);
      else if (depth > 0 && statSync(path).isDirectory()) visit(relativePath, depth - 1);
    }
  };
  visit('', 0);
  visit(ATTACHMENTS_FOLDER, 1);
  visit('backups', 0);
  const area = join(dataDir, TEMPORARY_FOLDER);
  if (existsSync(area)) for (const name of readdirSync(area)) if (!keep(`${TEMPORARY_FOLDER}/${name}`)) found.push(join(area, name));
  return found;
}

/** Bundles read by older versions (and `recert evaluate`, which has no data folder) in the system's temporary folder. */
function systemLeftovers(): string[] {
  try {
    return readdirSync(tmpdir())
      .filter((name) => /^recert-bundle-/.test(name))
      .map((name) => join(tmpdir(), name));
  } catch {
    return [];
  }
}

function olderThanGrace(path: string, now: number): boolean {
  try {
    return now - statSync(path).mtimeMs > SWEEP_AFTER_MS;
  } catch {
    return false; // gone already
  }
}

/**
 * Removes what interrupted writes left behind; returns what was removed. Run at every start. Only
 * leftovers an hour old: a younger one may be another process's write still under way, unless
 * `alone` says this process holds the folder alone (folder-lock.ts): every process that writes in a
 * data folder holds it, so nothing in it is then anyone's write under way. The system's temporary
 * folder is shared by every data folder and keeps the grace period.
 */
export function sweepLeftovers(dataDir: string, now = Date.now(), options: { alone?: boolean } = {}): string[] {
  const stale = [
    ...leftovers(dataDir).filter((path) => options.alone === true || olderThanGrace(path, now)),
    ...systemLeftovers().filter((path) => olderThanGrace(path, now)),
  ];
  const removed: string[] = [];
  for (const path of stale) {
    try {
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Another user's folder in the system's temporary folder, or removed by another process first.
    }
  }
  return removed;
}

/**
 * Removes certificate files no record uses once they are an hour old (what a killed import copied
 * before its rows were written); returns how many. Done in a write transaction, so that no import
 * commits a reference to a file between the look and the removal; a file an import is about to use
 * again was touched when it was stored (file-store.ts), so it is not an hour old. Each file is moved
 * to a temporary name and looked at once more before it goes: touched meanwhile, it is put back.
 */
export function sweepUnusedCertificates(store: Repositories, files: ContentStore, dataDir: string, now = Date.now()): number {
  const root = join(dataDir, ATTACHMENTS_FOLDER);
  if (!existsSync(root)) return 0;
  return store.transaction(() => {
    const used = new Set(store.attachments.listAll().map((a) => a.sha256));
    let removed = 0;
    for (const entry of unusedCertificateFiles(dataDir, used)) {
      const sha256 = entry.split('/').pop() ?? '';
      const path = files.pathOf(sha256);
      if (!olderThanGrace(path, now)) continue;
      const doomed = join(root, sha256.slice(0, 2), `.${sha256}.unused.tmp`);
      try {
        renameSync(path, doomed);
      } catch {
        continue; // removed meanwhile
      }
      if (olderThanGrace(doomed, now)) {
        rmSync(doomed, { force: true });
        removed += 1;
      } else renameSync(doomed, path);
    }
    return removed;
  });
}

function ownerName(store: Repositories, attachment: { courseId: string | null; cprAedCardId: string | null }): string {
  if (attachment.courseId) {
    const course = store.courses.get(attachment.courseId);
    const person = course ? store.people.get(course.personId) : undefined;
    return course ? `the course "${course.title}"${person ? ` (${person.name})` : ''}` : 'a course';
  }
  const card = attachment.cprAedCardId ? store.cprAedCards.get(attachment.cprAedCardId) : undefined;
  const person = card ? store.people.get(card.personId) : undefined;
  return card ? `the CPR/AED card from ${card.provider}${person ? ` (${person.name})` : ''}` : 'a CPR/AED card';
}

/** Certificate files in the store that no record uses, as `attachments/<aa>/<sha256>`; no file is read. */
export function unusedCertificateFiles(dataDir: string, used: ReadonlySet<string>): string[] {
  const root = join(dataDir, ATTACHMENTS_FOLDER);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((folder) => /^[0-9a-f]{2}$/.test(folder))
    .flatMap((folder) =>
      readdirSync(join(root, folder))
        .filter((name) => /^[0-9a-f]{64}$/.test(name) && !used.has(name))
        .map((name) => `${ATTACHMENTS_FOLDER}/${folder}/${name}`),
    );
}

export function checkData(input: { store: Repositories; dataDir: string }): DataCheck {
  const { store, dataDir } = input;
  const problems: string[] = [];
  const integrity = store.db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`The database is damaged (${String(integrity)}): restore your latest backup.`);
  const foreignKeys = store.db.pragma('foreign_key_check') as unknown[];
  if (foreignKeys.length > 0)
    problems.push(
      `${count(foreignKeys.length, 'record refers', 'records refer')} to records that no longer exist: restore your latest backup.`,
    );

  const root = join(dataDir, ATTACHMENTS_FOLDER);
  const attachments = store.attachments.listAll();
  const used = new Set<string>();
  const hashed = new Map<string, boolean>();
  for (const attachment of attachments) {
    used.add(attachment.sha256);
    const path = join(root, attachment.sha256.slice(0, 2), attachment.sha256);
    let intact = hashed.get(attachment.sha256);
    if (intact === undefined) {
      intact = existsSync(path) && createHash('sha256').update(readFileSync(path)).digest('hex') === attachment.sha256;
      hashed.set(attachment.sha256, intact);
    }
    if (!intact) {
      problems.push(
        `The certificate "${attachment.fileName}" of ${ownerName(store, attachment)} is ${existsSync(path) ? 'damaged (its SHA-256 no longer matches)' : 'missing'}: attach it again, or restore a backup.`,
      );
    }
  }
  const unusedFiles = unusedCertificateFiles(dataDir, used);
  if (interruptedRestore(dataDir))
    problems.push(
      'A restore into this folder was interrupted: close every Recert window and recert command, then open Recert again; it finishes or undoes the restore.',
    );
  const leftover = leftovers(dataDir);
  if (leftover.length > 0)
    problems.push(
      `${count(leftover.length, 'temporary file', 'temporary files')} of an interrupted write remain; they are removed when Recert starts.`,
    );
  const summary = `Checked the database and ${count(hashed.size, 'certificate file', 'certificate files')}: ${
    problems.length === 0 ? 'everything is in order' : count(problems.length, 'problem', 'problems')
  }${unusedFiles.length > 0 ? `; ${count(unusedFiles.length, 'file', 'files')} no record uses` : ''}.`;
  return { ok: problems.length === 0, problems, unusedFiles, summary };
}

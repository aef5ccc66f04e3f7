// "Check my data" and `recert check`: SQLite's own checks, every certificate present with its
// SHA-256, certificate files no record uses, and what interrupted writes left behind.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ATTACHMENTS_FOLDER } from '../data-dir';
import { count } from '../domain/plural';
import type { Repositories } from '../store';

export interface DataCheck {
  ok: boolean;
  /** Each problem in words: which course or card a missing file belonged to. */
  problems: string[];
  /** Certificate files no record uses (safe to remove). */
  unusedFiles: string[];
  /** "Checked 1,204 certificate files; the database is sound." */
  summary: string;
}

/** Temporary files of writes that never finished (a crash, kill -9): `.name.xxxx.tmp` files and folders. */
export function leftovers(dataDir: string): string[] {
  const found: string[] = [];
  const visit = (dir: string, depth: number) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (/^\..*\.tmp$/.test(name) || /^\.restore-.*\.tmp$|^\.replaced-.*\.tmp$/.test(name)) found.push(path);
      else if (depth > 0 && statSync(path).isDirectory()) visit(path, depth - 1);
    }
  };
  visit(dataDir, 0);
  visit(join(dataDir, ATTACHMENTS_FOLDER), 1);
  visit(join(dataDir, 'backups'), 0);
  return found;
}

/**
 * Removes what interrupted writes left behind; returns what was removed. Run at every start. Only
 * leftovers an hour old: a younger one may be another process's write still under way.
 */
export function sweepLeftovers(dataDir: string, now = Date.now()): string[] {
  const stale = leftovers(dataDir).filter((path) => now - statSync(path).mtimeMs > 60 * 60 * 1000);
  for (const path of stale) rmSync(path, { recursive: true, force: true });
  return stale;
}

function ownerName(store: Repositories, attachment: { activityId: string | null; cprAedCardId: string | null }): string {
  if (attachment.activityId) {
    const course = store.activities.get(attachment.activityId);
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

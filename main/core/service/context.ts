// What every feature of the service shares: the store and files, the write helper (one transaction;
// the methods that write are marked in writes.ts, which keeps the caches honest), the read model of
// a person's standing, and the lookups that turn an unknown id into a message naming the field.
import type { ContentStore } from '../attachments/file-store';
import type { PassphraseStore } from '../backup/passphrase-store';
import type { Downloads } from '../downloads';
import { localToday, type CalendarDate } from '../dates';
import type { Course, Credential, CprAedCard, Person } from '../domain/records';
import { invalid, notFound } from '../errors';
import { effectiveRuleSets } from '../evaluation';
import type { PacketJobs } from '../packet/jobs';
import type { RuleSet } from '../rules/ruleset-schema';
import { everyoneReadModel, standingReadModel } from '../standing';
import type { Repositories } from '../store';
import type { WriteTracking } from './writes';

/** What differs between the desktop app and browser mode, supplied by each (main/core stays electron-free). */
export interface Platform {
  /** Desktop: the save dialog; null when the user cancels. Absent in browser mode (the packet downloads). */
  chooseSaveLocation?(suggestedName: string): Promise<string | null>;
  /** Desktop: reveal a file in the system's file manager. */
  showInFolder?(path: string): void;
  /** The URL a screen loads to preview an attachment; browser mode's route by default. */
  attachmentUrl?(attachmentId: string): string;
  /** Desktop: the folder chooser (the second place for backups, the team folder); null when the user cancels. */
  chooseFolder?(title?: string): Promise<string | null>;
  /** Where the backup passphrase is kept (desktop: the system keychain); in memory when absent. */
  passphrases?: PassphraseStore;
  /** Where the team folder's passphrase is kept, the same way; in memory when absent. */
  teamPassphrases?: PassphraseStore;
}

export interface ServiceDeps {
  store: Repositories;
  files: ContentStore;
  dataDir: string;
  ruleSets: readonly RuleSet[];
  packets: PacketJobs;
  platform: Platform;
  /** This process's folder for files waiting to be downloaded in browser mode (packets, reports). */
  exportsDir: string;
  /** Browser mode's download links to those files. */
  downloads: Downloads;
  /** The packet's fonts, also used by the team report (names in any script). */
  fontDir: string;
  /** Today's date: injected so that tests can pin it; the engine itself never reads a clock. */
  today?: () => CalendarDate;
  /** The moment, for timestamps in files (a calendar's DTSTAMP). */
  now?: () => Date;
  /**
   * Restores a backup file over this data folder (checked first, the current data kept as a backup)
   * and reopens it; answers what was done. Given by whoever opened the store, since it must close it.
   */
  restoreData?: (file: string, options?: { passphrase: string | null; fileName: string }) => Promise<string>;
  /** What the person must be told about the folder as it was opened (an interrupted restore finished or undone). */
  notices?: readonly string[];
}

export function serviceContext(deps: ServiceDeps) {
  const { store, files, ruleSets } = deps;
  const today = deps.today ?? localToday;
  const now = deps.now ?? (() => new Date());
  const writeListeners: (() => void)[] = [];
  const knownRuleSets = new Set(ruleSets.map((r) => r.id));

  // The read model of a person's standing and the Team view are cached per data version, so that
  // scrolling 100,000 courses or switching screens does not re-read and re-evaluate each time. The
  // version is our own write count plus SQLite's data_version, which moves when another connection
  // (the CLI, a second browser-mode host) commits: their writes are seen at once, not after our next
  // write.
  // Our own writes are counted by the methods marked as writes (writes.ts), when each has finished;
  // while one runs, every read gets a version of its own, so nothing read mid-write is kept.
  let ownWrites = 0;
  let writesRunning = 0;
  function dataVersion(): string {
    if (writesRunning > 0) ownWrites += 1;
    return `${ownWrites}:${String(store.db.pragma('data_version', { simple: true }))}`;
  }
  const tracking: WriteTracking = {
    writing() {
      writesRunning += 1;
    },
    wrote() {
      writesRunning -= 1;
      ownWrites += 1;
      // A restore closed this store and opened another, with a service of its own: none here to tell.
      if (!store.db.open) return;
      for (const listener of writeListeners) listener();
    },
  };
  /** A change is one transaction, made by a method marked writes() or keeps() where it is defined (writes.ts). */
  function write<T>(change: () => T): T {
    return store.transaction(change);
  }
  /**
   * Records changed on this connection by work no marked method runs (the team folder's background
   * sync): the caches and listeners learn of it as of a marked write.
   */
  function noteChange(): void {
    ownWrites += 1;
    if (!store.db.open) return;
    for (const listener of writeListeners) listener();
  }
  /** Features that follow the data (the kept calendar file) hear of every write. */
  function onWrite(listener: () => void): void {
    writeListeners.push(listener);
  }

  function requirePerson(id: string, field = 'id'): Person {
    const person = store.people.get(id);
    if (!person) throw notFound(field, 'person', id);
    return person;
  }
  function requireCredential(id: string, field = 'id'): Credential {
    const credential = store.credentials.get(id);
    if (!credential) throw notFound(field, 'credential', id);
    return credential;
  }
  function requireCourse(id: string, field = 'id'): Course {
    const course = store.courses.get(id);
    if (!course) throw notFound(field, 'course', id);
    return course;
  }
  function requireCard(id: string, field = 'id'): CprAedCard {
    const card = store.cprAedCards.get(id);
    if (!card) throw notFound(field, 'CPR/AED card', id);
    return card;
  }
  function requireRuleSet(id: string, field = 'ruleSet'): void {
    if (!knownRuleSets.has(id)) {
      throw invalid(field, `unknown rule set "${id.slice(0, 64)}"; choose one of ${[...knownRuleSets].join(', ')}`);
    }
  }
  /** After rows are gone, drop the certificate files no row points at any more. */
  function releaseFiles(hashes: Iterable<string>): void {
    for (const sha256 of new Set(hashes)) {
      if (store.attachments.referencesTo(sha256) === 0) files.remove(sha256);
    }
  }

  return {
    ...deps,
    today,
    now,
    write,
    tracking,
    noteChange,
    onWrite,
    dataVersion,
    /** A person's standing, course log and snapshot, cached per data version and as-of date (main/core/standing). */
    standing: standingReadModel({ store, ruleSets, dataVersion }),
    /** Everyone's verdicts as of a date, brought up to date after this process's writes (main/core/standing). */
    everyone: everyoneReadModel({ store, rules: () => effectiveRuleSets(ruleSets, store), writing: () => writesRunning > 0 }),
    rules: () => effectiveRuleSets(ruleSets, store),
    requirePerson,
    requireCredential,
    requireCourse: requireCourse,
    requireCard,
    requireRuleSet,
    releaseFiles,
  };
}

export type ServiceContext = ReturnType<typeof serviceContext>;

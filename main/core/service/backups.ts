import { existsSync, mkdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { automaticBackup, BACKUPS_FOLDER, listBackups } from '../backup/auto';
import { backupSettingsFile } from '../backup/backup-settings';
import { checkData, unusedCertificateFiles } from '../backup/check';
import { EncryptionError } from '../backup/encryption';
import { memoryPassphraseStore } from '../backup/passphrase-store';
import { BackupError } from '../backup/restore';
import { drillBackup } from '../backup/restore-file';
import { copyToSecondPlace, listOwnBackups, OWN_BACKUP, placeName, SecondPlaceError } from '../backup/second-place';
import { writeBackup } from '../backup/write';
import { ATTACHMENTS_FOLDER } from '../data-dir';
import { daysBetween, formatDate, localToday } from '../dates';
import type { BackupListItem, BackupsView, DataCheckView, RecoverySheet, RestoreView } from '../domain/views';
import { count } from '../domain/plural';
import { bytes } from '../bytes';
import { requireWritable } from './writable-folder';
import { invalid, ServiceError } from '../errors';
import type { ServiceContext } from './context';
import { writes } from './writes';

/** "23 Nov 2026, 09:14": when a backup was made, in the local time of this computer. */
function madeAt(date: Date): string {
  return `${formatDate(localToday(date))}, ${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

const sentenceStart = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** Fewer characters than this are refused: scrypt slows guessing, it cannot stop it. */
const MIN_PASSPHRASE = 10;

export const KEYS = {
  secondPlace: 'secondPlace',
  encrypt: 'encryptSecondPlace',
  status: 'secondPlaceStatus',
  drill: 'lastDrill',
} as const;

/** How the copies to the second place have gone: what the warning is worked out from. */
interface CopyStatus {
  lastCopiedAt: string | null;
  lastCopiedName: string | null;
  /** Since when every attempt failed (the first failure after a success), or null. */
  failingSince: string | null;
  lastError: string | null;
}
const NO_STATUS: CopyStatus = { lastCopiedAt: null, lastCopiedName: null, failingSince: null, lastError: null };

interface DrillRecord {
  at: string;
  ok: boolean;
  lines: string[];
}

export function backupsService(ctx: ServiceContext) {
  const { store, dataDir } = ctx;
  const attachmentsDir = join(dataDir, ATTACHMENTS_FOLDER);
  // app-context gives every service the same store, so that a restore's reopening keeps it.
  const passphrases = ctx.platform.passphrases ?? memoryPassphraseStore();

  // This computer's backup settings live beside the database, not in it (see backup-settings.ts).
  const settings = backupSettingsFile(dataDir);
  const remember = (key: string, value: unknown) => settings.set(key, value);
  const secondFolder = (): string | null => {
    const stored = settings.get(KEYS.secondPlace);
    return typeof stored === 'string' && stored.length > 0 ? stored : null;
  };
  const encrypting = () => settings.get(KEYS.encrypt) === true;
  const status = (): CopyStatus => ({ ...NO_STATUS, ...((settings.get(KEYS.status) as Partial<CopyStatus> | undefined) ?? {}) });

  function item(
    place: 'here' | 'second',
    b: { name: string; size: number; modified: Date; encrypted: boolean },
    where: string,
  ): BackupListItem {
    return { place, name: b.name, sizeText: bytes(b.size), madeText: madeAt(b.modified), whereText: where, encrypted: b.encrypted };
  }

  function warning(folder: string, s: CopyStatus): string | null {
    if (!s.lastError) return null;
    const since = s.lastCopiedAt ?? s.failingSince;
    const days = since ? daysBetween(localToday(new Date(since)), ctx.today()) : 0;
    const name = placeName(folder);
    const what =
      days >= 1 ? `Your backups have not reached ${name} for ${count(days, 'day', 'days')}` : `Today's backup has not reached ${name}`;
    return `${what}: ${s.lastError}. The backups on this computer are safe; Recert tries again at the next backup, or choose "Back up now".`;
  }

  function view(drillNow?: DrillRecord): BackupsView {
    const here = listBackups(dataDir);
    const last = here[0];
    const folder = secondFolder();
    const s = status();
    const drill = drillNow ?? (settings.get(KEYS.drill) as DrillRecord | undefined);
    const set = passphrases.read() !== null;
    return {
      folder: join(dataDir, BACKUPS_FOLDER),
      lastText: last
        ? `Last backup: ${madeAt(last.modified)}${last.name.startsWith('auto-') ? ' (automatic)' : ''}.`
        : 'No backup yet: Recert makes one every day it runs, or choose "Back up now".',
      backups: here.map((b) => item('here', { ...b, encrypted: false }, 'This computer')),
      notice: ctx.notices && ctx.notices.length > 0 ? ctx.notices.join(' ') : null,
      secondPlace: {
        folder,
        placeText: folder ? placeName(folder) : null,
        statusText: !folder
          ? 'No second place yet: choose a folder on a USB drive, a network share or a folder your cloud service syncs.'
          : s.lastCopiedAt
            ? `The last copy reached ${placeName(folder)} on ${madeAt(new Date(s.lastCopiedAt))}.`
            : `No copy has reached ${placeName(folder)} yet.`,
        warning: folder ? warning(folder, s) : null,
        backups: folder ? listOwnBackups(folder).map((b) => item('second', b, sentenceStart(placeName(folder)))) : [],
        canChoose: ctx.platform.chooseFolder !== undefined,
      },
      passphrase: {
        set,
        text: set
          ? 'Copies to the second place are encrypted with your passphrase. Without it they cannot be opened, by anyone.'
          : encrypting()
            ? 'Copies to the second place are to be encrypted, but this computer does not know the passphrase: enter it again, or no copy is made.'
            : 'Copies to the second place are not encrypted: anyone who finds the drive can read the records. Set a passphrase to protect them.',
        howKeptText: `The passphrase is ${passphrases.howKept}.`,
      },
      drill: drill
        ? {
            lastText: `Last test: ${madeAt(new Date(drill.at))}: ${drill.ok ? 'every backup tested restored and checked out.' : 'problems found (below).'}`,
            ok: drill.ok,
            lines: drill.lines,
          }
        : {
            lastText:
              'Your backups have not been tested yet: "Test my backups" restores the newest of each place into a temporary folder and checks it.',
            ok: null,
            lines: [],
          },
    };
  }

  /**
   * Copies the newest backup of the data folder to the second place, unless it is there already.
   * A failure is recorded (the warning says it) and never thrown: the backup itself succeeded.
   */
  async function sendToSecondPlace(): Promise<void> {
    const folder = secondFolder();
    const newest = listBackups(dataDir)[0];
    if (!folder || !newest) return;
    const before = status();
    if (before.lastCopiedName === newest.name && !before.lastError) return;
    const passphrase = passphrases.read();
    const now = ctx.now().toISOString();
    try {
      if (encrypting() && passphrase === null)
        throw new SecondPlaceError('failed', 'this computer does not know the backup passphrase; enter it again in Settings → Backups');
      await copyToSecondPlace({ backup: newest.path, folder, passphrase: encrypting() ? passphrase : null, today: ctx.today() });
      remember(KEYS.status, { lastCopiedAt: now, lastCopiedName: newest.name, failingSince: null, lastError: null } satisfies CopyStatus);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      remember(KEYS.status, { ...before, failingSince: before.failingSince ?? now, lastError: message } satisfies CopyStatus);
    }
  }

  function check(): DataCheckView {
    const result = checkData({ store, dataDir });
    return { ok: result.ok, summary: result.summary, problems: result.problems, unusedFiles: result.unusedFiles };
  }

  /** The folder a person named, checked: absolute, there, a folder, writable, and not the data folder itself. */
  function acceptableFolder(given: string): string {
    const folder = resolve(given.trim());
    if (!isAbsolute(given.trim()))
      throw invalid('folder', 'give the whole path of the folder (for example E:\\Recert backups or /media/usb/Recert)');
    if (!existsSync(folder) || !statSync(folder).isDirectory())
      throw invalid('folder', `${folder} is not a folder that exists here; plug in the drive, or create the folder first`);
    const inside = relative(dataDir, folder);
    if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside)))
      throw invalid(
        'folder',
        'that folder is inside the data folder, on the same disk as the data: choose one on another drive or a synced folder',
      );
    requireWritable(folder);
    return folder;
  }

  async function setSecondPlace(folder: string | null): Promise<BackupsView> {
    const chosen = folder === null ? null : acceptableFolder(folder);
    remember(KEYS.secondPlace, chosen);
    remember(KEYS.status, NO_STATUS);
    // The newest backup goes there at once: the person sees it arrive, or what is wrong.
    if (chosen) await sendToSecondPlace();
    return view();
  }

  /** The file a listed backup names, refusing anything but Recert's own backup names (no paths). */
  function listedFile(place: 'here' | 'second', name: string): string {
    if (!OWN_BACKUP.test(name)) throw invalid('name', `"${name.slice(0, 80)}" is not the name of a Recert backup`);
    const folder = place === 'here' ? join(dataDir, BACKUPS_FOLDER) : secondFolder();
    if (!folder) throw invalid('place', 'no second place is set');
    const file = join(folder, name);
    if (!existsSync(file)) throw invalid('name', `${name} is no longer in ${folder}; refresh the list`);
    return file;
  }

  async function restoreFile(file: string, fileName: string, passphrase: string | undefined): Promise<RestoreView> {
    if (!ctx.restoreData)
      throw new ServiceError('invalid-input', 'Restoring is not available here: close Recert and use `recert restore`.');
    try {
      return { text: await ctx.restoreData(file, { passphrase: passphrase ?? passphrases.read(), fileName }) };
    } catch (error) {
      if (error instanceof EncryptionError) throw new ServiceError('invalid-input', error.message, 'passphrase');
      if (error instanceof BackupError) throw new ServiceError('invalid-input', error.message.replaceAll(file, fileName), 'name');
      throw error;
    }
  }

  return {
    getBackups: (): BackupsView => view(),
    /** A backup into the data folder's backups/, named after the moment it was made, then its copy to the second place. */
    backUpNow: async (): Promise<BackupsView> => {
      const stamp = ctx.now().toISOString().replace(/[:.]/g, '-');
      mkdirSync(join(dataDir, BACKUPS_FOLDER), { recursive: true });
      await writeBackup({ db: store.db, attachmentsDir, out: join(dataDir, BACKUPS_FOLDER, `manual-${stamp}.zip`), now: ctx.now() });
      await sendToSecondPlace();
      return view();
    },
    /** Today's automatic backup if there is none yet (the app calls this when it starts), then the second place's copy. */
    automaticBackup: async () => {
      const made = await automaticBackup({ db: store.db, dataDir, attachmentsDir, today: ctx.today() });
      await sendToSecondPlace();
      return made;
    },
    /** The second backup place's warning alone, for the banner every screen shows (null when all is well). */
    getBackupWarning: (): { warning: string | null } => {
      const folder = secondFolder();
      return { warning: folder ? warning(folder, status()) : null };
    },
    setSecondPlace: ({ folder }: { folder: string | null }) => setSecondPlace(folder),
    chooseSecondPlace: async (): Promise<BackupsView> => {
      const chosen = await ctx.platform.chooseFolder?.();
      return chosen ? setSecondPlace(chosen) : view();
    },
    setBackupPassphrase: ({ passphrase, again }: { passphrase: string; again: string }): BackupsView => {
      if (passphrase.length < MIN_PASSPHRASE)
        throw invalid('passphrase', `use at least ${MIN_PASSPHRASE} characters; four or five random words are easier to keep than symbols`);
      if (again !== passphrase) throw invalid('again', 'the two passphrases differ; type the same one twice');
      passphrases.write(passphrase);
      remember(KEYS.encrypt, true);
      // The next copy is encrypted, even of a backup already copied in plain.
      remember(KEYS.status, { ...status(), lastCopiedName: null });
      return view();
    },
    clearBackupPassphrase: (): BackupsView => {
      passphrases.write(null);
      remember(KEYS.encrypt, false);
      return view();
    },
    /** Null when no passphrase is set (there is nothing to recover with). */
    getRecoverySheet: (): RecoverySheet | null => {
      const passphrase = passphrases.read();
      if (passphrase === null) return null;
      const folder = secondFolder();
      return {
        title: 'Recert backup recovery sheet',
        passphrase,
        lines: [
          `Printed ${madeAt(ctx.now())}. Keep this sheet somewhere safe, away from the computer and the backup drive.`,
          `Encrypted backups are copied to ${folder ?? 'the second place chosen in Settings'}; their names end in .zip.age.`,
          'To restore on any computer: install Recert, choose "Restore from a backup" on its first screen (or Settings → Backups → "Restore from a file…"), pick the newest .zip.age file and type the passphrase above.',
          'Without Recert, the file opens with the standard age tool: age -d -o backup.zip FILE.zip.age',
          'Nobody, not even Recert, can open the backups without this passphrase.',
        ],
      };
    },
    restoreListedBackup: writes(
      ({ place, name, passphrase }: { place: 'here' | 'second'; name: string; passphrase?: string | undefined }) =>
        restoreFile(listedFile(place, name), name, passphrase),
    ),
    /** The recovery drill: the newest backup of each place restored into a temporary folder and checked there. */
    testMyBackups: async (): Promise<BackupsView> => {
      const newestHere = listBackups(dataDir)[0];
      const folder = secondFolder();
      const newestThere = folder ? listOwnBackups(folder)[0] : undefined;
      const lines: string[] = [];
      let ok = true;
      if (!newestHere) {
        ok = false;
        lines.push('This computer: there is no backup to test yet; choose "Back up now".');
      }
      const tests: { where: string; file: string; name: string }[] = [
        ...(newestHere ? [{ where: 'This computer', file: newestHere.path, name: newestHere.name }] : []),
        ...(folder && newestThere ? [{ where: placeName(folder), file: newestThere.path, name: newestThere.name }] : []),
      ];
      if (folder && !newestThere) {
        ok = false;
        lines.push(`${placeName(folder)}: no backup of Recert's is there${existsSync(folder) ? '' : ' (the folder is not there)'}.`);
      }
      for (const test of tests) {
        const result = await drillBackup({ file: test.file, scratch: dataDir, passphrase: passphrases.read() });
        ok &&= result.ok;
        lines.push(`${sentenceStart(test.where)}, ${test.name}: ${result.summary}`);
        for (const problem of result.unreadable ? [] : result.problems) lines.push(`  ${problem}`);
      }
      const record: DrillRecord = { at: ctx.now().toISOString(), ok, lines };
      remember(KEYS.drill, record);
      return view(record);
    },
    checkMyData: (): DataCheckView => check(),
    /** Removes the certificate files no record uses, as "Check my data" offered. */
    removeUnusedFiles: (): DataCheckView => {
      // Listing the unused files reads none of them; only the check afterwards hashes the store once.
      const used = new Set(store.attachments.listAll().map((a) => a.sha256));
      for (const path of unusedCertificateFiles(dataDir, used)) {
        const sha256 = path.split('/').pop() ?? '';
        if (store.attachments.referencesTo(sha256) === 0) ctx.files.remove(sha256);
      }
      return check();
    },
  };
}

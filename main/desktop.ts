// Small decisions of the desktop glue, kept out of main/index.ts so they are tested under Node.
import { join } from 'node:path';
import { memoryPassphraseStore, sealedFilePassphraseStore, type PassphraseStore } from './core/backup/passphrase-store';

/** The save dialog's file type, from the name Recert suggests (a packet, a report, a calendar). */
export function saveFilters(name: string): { name: string; extensions: string[] }[] {
  const types: Record<string, string> = { pdf: 'PDF', csv: 'CSV spreadsheet', ics: 'Calendar', json: 'JSON', recert: 'Recert records' };
  const extension = name.includes('.') ? (name.split('.').pop()?.toLowerCase() ?? '') : '';
  const type = types[extension];
  return type ? [{ name: type, extensions: [extension] }] : [];
}

/** Where a reminder's click leads: that trainer's dashboard, or the Team screen for a summary. */
export function reminderTarget(entryUrl: string, personId: string | null): string {
  const base = entryUrl.split('#')[0] ?? entryUrl;
  return personId ? `${base}#/dashboard?person=${encodeURIComponent(personId)}` : `${base}#/team`;
}

/** `Recert --recert-cli evaluate …`: the packaged app's command line (RunAsNode is fused off). */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--recert-cli');
  return at < 0 ? null : argv.slice(at + 1);
}

/**
 * The day's automatic backup, a minute after the app starts: copying a large data folder would
 * otherwise compete with the first screens. RECERT_BACKUP_DELAY_MS changes the wait (tests use 0).
 */
export function scheduleAutomaticBackup(
  backUp: () => Promise<unknown>,
  delayMs = Number(process.env.RECERT_BACKUP_DELAY_MS ?? 60_000),
): void {
  const timer = setTimeout(() => {
    backUp().catch((error: unknown) => console.error('Automatic backup failed:', error));
  }, delayMs);
  timer.unref();
}

/** What the desktop app uses of Electron's safeStorage (passed in, so this is tested under Node). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux only: 'basic_text' when no keyring is running (the text is then only obscured). */
  getSelectedStorageBackend?(): string;
}

/** The file of the data folder that holds the sealed backup passphrase; backups leave it out. */
export const PASSPHRASE_FILE = 'backup-passphrase.sealed';
/** The same for the team folder's passphrase (Settings → Team folder). */
export const TEAM_PASSPHRASE_FILE = 'team-passphrase.sealed';

/**
 * The backup passphrase's keeping on the desktop: sealed by the system's keychain when there is one;
 * on a Linux desktop without a keyring, Settings says it is only obscured; with no safeStorage at
 * all, it is kept in memory until Recert closes.
 */
export function desktopPassphraseStore(dataDir: string, safe: SafeStorageLike, file = PASSPHRASE_FILE): PassphraseStore {
  if (!safe.isEncryptionAvailable())
    return memoryPassphraseStore('kept in memory only until Recert closes: this computer offers no keychain to keep it in');
  const obscuredOnly = safe.getSelectedStorageBackend?.() === 'basic_text';
  return sealedFilePassphraseStore({
    file: join(dataDir, file),
    seal: (text) => safe.encryptString(text),
    unseal: (sealed) => safe.decryptString(sealed),
    howKept: obscuredOnly
      ? `kept in ${join(dataDir, file)}, only obscured: this computer has no keyring running, so anyone who can read the data folder can read the passphrase`
      : `kept sealed by this computer's keychain (in ${join(dataDir, file)}, which backups leave out)`,
  });
}

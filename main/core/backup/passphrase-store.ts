// Where the app keeps the backup passphrase, which it needs to encrypt the automatic copies without
// asking every day. Never in the database (a backup would carry it next to what it protects) and
// never in plain text without Settings saying so. The desktop app keeps it encrypted by the
// operating system's keychain (Electron's safeStorage: Keychain on macOS, DPAPI on Windows, the
// Secret Service or KWallet on Linux) in a file of the data folder that backups leave out; browser
// mode and the tests keep it in memory only. main/core sees this interface, never Electron.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-write';

export interface PassphraseStore {
  read(): string | null;
  write(passphrase: string | null): void;
  /** How it is kept, in words for Settings: "kept in this computer's keychain". */
  readonly howKept: string;
}

/** Kept only while this process runs: browser mode, the tests. */
export function memoryPassphraseStore(
  howKept = 'kept in memory only while browser mode runs: enter it again after a restart for the copies to continue',
): PassphraseStore {
  let kept: string | null = null;
  return {
    read: () => kept,
    write: (passphrase) => {
      kept = passphrase;
    },
    howKept,
  };
}

/**
 * Kept in `file`, sealed by `seal`/`unseal` (the desktop's safeStorage). A file that no longer opens
 * (another user, a new keychain) reads as no passphrase: Settings then asks for it again.
 */
export function sealedFilePassphraseStore(input: {
  file: string;
  seal: (text: string) => Buffer;
  unseal: (sealed: Buffer) => string;
  howKept: string;
}): PassphraseStore {
  return {
    read: () => {
      if (!existsSync(input.file)) return null;
      try {
        return input.unseal(readFileSync(input.file));
      } catch {
        return null;
      }
    },
    write: (passphrase) => {
      if (passphrase === null) rmSync(input.file, { force: true });
      else writeFileAtomic(input.file, input.seal(passphrase));
    },
    howKept: input.howKept,
  };
}

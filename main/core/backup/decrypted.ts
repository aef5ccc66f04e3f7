// The step before reading a backup or a bundle that may be encrypted: recognised by its content, it
// is decrypted whole into a temporary file (in the data folder's own temporary names, which every
// start sweeps), and only a file that decrypted to its authenticated end is handed on. A plain file
// is handed on as it is. Restore, the recovery drill and bundle imports all go through here.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isEncrypted } from './encryption';
import { copyFileSafely } from './file-copy';

/** The temporary name of a decrypted copy: `.decrypted-xxxx.tmp`, swept as any interrupted write's. */
export function decryptedName(folder: string): string {
  return join(folder, `.decrypted-${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Runs `use` with a plain copy of `file`: the file itself, or its decryption with `passphrase` in
 * `temporaryFolder` (removed afterwards, whatever happens). Throws EncryptionError when the
 * passphrase is missing or wrong, or the file damaged; nothing is then handed on.
 */
export async function withPlainFile<T>(
  input: { file: string; temporaryFolder: string; passphrase: string | null; fileName?: string },
  use: (plain: string, encrypted: boolean) => Promise<T>,
): Promise<T> {
  if (!isEncrypted(input.file)) return use(input.file, false);
  mkdirSync(input.temporaryFolder, { recursive: true });
  const plain = decryptedName(input.temporaryFolder);
  try {
    await copyFileSafely({
      from: input.file,
      to: plain,
      transform: { kind: 'decrypt', passphrase: input.passphrase, fileName: input.fileName ?? basename(input.file) },
      // What is read next (a backup's manifest of SHA-256s, a bundle's) checks every byte again.
      verify: false,
    });
    return await use(plain, true);
  } finally {
    rmSync(plain, { force: true });
  }
}

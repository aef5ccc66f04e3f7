// The passphrase of an encrypted backup or bundle on the command line: from RECERT_PASSPHRASE, or
// typed at the terminal without echo (twice when encrypting). Never from an argument: the command
// lines of running programs can be read by every user of the machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './cli-common';
import { withPlainFile } from './core/backup/decrypted';
import { isEncrypted } from './core/backup/encryption';
import { openRecords, type OpenedRecords } from './core/records-file/bundle';
import { RecordsFileError } from './core/records-file/parse';

/** Fewer characters than this are refused when encrypting: scrypt slows guessing, it cannot stop it. */
export const MIN_PASSPHRASE = 10;

/** Reads one line from the terminal with echo off; Ctrl+C or Ctrl+D gives up. */
function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    process.stderr.write(prompt);
    let typed = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const done = (error: Error | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done(null);
        if (char === '\u0003' || char === '\u0004') return done(new UsageError('no passphrase given; nothing was changed'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}

/**
 * The passphrase: RECERT_PASSPHRASE when set, else asked on the terminal (twice with `confirm`).
 * Without either, the command is refused (exit 2) with what to do.
 */
export async function readPassphrase(options: { confirm: boolean; file?: string }): Promise<string> {
  const fromEnvironment = process.env.RECERT_PASSPHRASE;
  let passphrase: string;
  if (fromEnvironment !== undefined && fromEnvironment !== '') passphrase = fromEnvironment;
  else if (process.stdin.isTTY) {
    passphrase = await askHidden(options.file ? `Passphrase for ${options.file}: ` : 'Passphrase: ');
    if (options.confirm && (await askHidden('The same passphrase again: ')) !== passphrase)
      throw new UsageError('the two passphrases differ; nothing was written');
  } else
    throw new UsageError(
      `${options.file ? `${options.file} is encrypted: ` : ''}a passphrase is needed; run the command in a terminal to type it, or set RECERT_PASSPHRASE (never give it as an argument)`,
    );
  if (options.confirm && passphrase.length < MIN_PASSPHRASE)
    throw new UsageError(
      `the passphrase is too short: use at least ${MIN_PASSPHRASE} characters (four or five random words are easier to keep than symbols)`,
    );
  return passphrase;
}

/** openRecords for a file that may be encrypted: decrypted first (the passphrase asked as above). */
export async function openRecordsFile(file: string, ruleSetIds: ReadonlySet<string>, temporaryDir?: string): Promise<OpenedRecords> {
  let encrypted = false;
  try {
    encrypted = isEncrypted(file);
  } catch {
    // openRecords says why the file cannot be read.
  }
  if (!encrypted) return openRecords(file, ruleSetIds, temporaryDir);
  const passphrase = await readPassphrase({ confirm: false, file });
  const folder = mkdtempSync(join(temporaryDir ?? tmpdir(), 'recert-decrypted-'));
  try {
    return await withPlainFile({ file, temporaryFolder: folder, passphrase }, async (plain) => {
      try {
        return await openRecords(plain, ruleSetIds, temporaryDir);
      } catch (error) {
        // Problems name the file the person gave, not the decrypted copy.
        if (error instanceof RecordsFileError) throw new RecordsFileError(error.problems.map((p) => p.replaceAll(plain, file)));
        throw error;
      }
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

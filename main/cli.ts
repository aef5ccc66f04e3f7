// The `recert` command line (docs/cli.md). Exit codes: 0 success, 2 bad input (the
// message names the JSON path), 1 unexpected failure. Each command's modules are loaded when it runs:
// `recert evaluate` does not pay for the PDF, OCR and database code of the others.
import { UsageError } from './cli-common';
import { diskFullMessage, isDiskFull } from './core/disk-full';

const USAGE = `Usage: recert <command> [options]

Commands:
  evaluate FILE [--as-of YYYY-MM-DD] [--json]
      Where every credential in a records file or .recert bundle stands (default as-of date: today).
  import FILE [--db PATH] [--update [--dry-run] [--same-person ID]...]
      Import a records file or .recert bundle, all or nothing, copying its certificate files.
      --update: update the people already stored (matched by id, employee ID or e-mail); nothing is
      deleted; prints what was added, updated, unchanged and kept. --dry-run changes nothing.
      A stored id whose name, e-mail and employee ID all differ in the file is refused unless
      --same-person ID confirms it is the same person.
  import FILE.csv [--db PATH] --person ID [--credential ID]... [--dry-run]
      Import courses from a CSV file for one person, all rows or none.
  import ROSTER.csv [--db PATH] --roster [--skip-bad-rows] [--dry-run]
      Import a staff roster (people, credentials, CPR/AED cards); a renewal updates the credential.
      All rows or none, unless --skip-bad-rows imports the others and names the rows left out.
  export [--db PATH] [--person ID] --out FILE.json|FILE.recert
      Write the records file with the certificate files beside it, or one .recert bundle
      (one person's records with --person).
  packet (FILE | --db PATH) --person ID --credential ID --out OUT.pdf [--as-of YYYY-MM-DD]
      Write the audit packet for one credential: a progress line per exhibit on stderr.
  team [--db PATH] [--as-of YYYY-MM-DD] [--json | --out FILE.json|FILE.csv|FILE.pdf]
      The manager's report: every active trainer's credentials, most urgent first.
  calendar [--db PATH] [--person ID] [--as-of YYYY-MM-DD] --out FILE.ics
      Every upcoming deadline as an iCalendar file, with reminders at the lead times set in the app.
  backup [--db PATH] --out FILE [--encrypt]
      One file with a consistent copy of the database and every certificate (safe while the app runs).
      --encrypt: protect it with a passphrase (the age format).
  restore FILE [--db PATH] [--replace]
      Check a backup (plain or encrypted) completely, then restore it (into an empty folder, or
      --replace keeping the old data).
  check [--db PATH] | check --backup FILE
      Check the database and every certificate file; exit 1 naming each problem. --backup: restore
      FILE into a temporary folder and check it there (exit 2 when it cannot be read).
  scan FILE [--json]
      Read a certificate (PDF, JPEG, PNG or HEIC) on this computer and say what it would fill in.
  sync [--db PATH] --folder DIR [--json]
      Sync with a team folder (one your sync tool shares: OneDrive, Dropbox, Syncthing, SMB): write
      this folder's new changes under DIR/recert-team/<device>/, bring in the others', list conflicts.
      RECERT_PASSPHRASE encrypts the team folder's files (and is needed once the team chose one).
  sync [--db PATH] --resolve ID --keep DEVICE
      Keep one device's version of a conflicted record; the others reach the history.
  intake PATH... [--db PATH] [--dry-run] [--no-inbox] [--json]
      Read every certificate named or in the folders named, propose whose each is, and file the
      sure ones together with their files attached; --dry-run changes nothing.

  --db PATH   the data folder (or its recert.sqlite3); default: RECERT_DATA_DIR or the app's folder
  An encrypted backup or bundle (export --encrypt) is recognised by its content; its passphrase is
  read from RECERT_PASSPHRASE, else asked on the terminal, never taken from an argument.
  --help      show this help

Exit status: 0 success, 2 bad input, 1 unexpected failure.`;

/** Errors that mean bad input or a refused operation (exit 2), by name. */
const REFUSALS = new Set([
  'RecordsFileError',
  'StoreOpenError',
  'PacketSourceError',
  'BackupError',
  'FolderBusyError',
  'CsvError',
  'CsvImportError',
  'ScanError',
  'IntakeError',
  'EncryptionError',
  'SyncError',
  'WrongPassphraseError',
  'EncryptedFolderError',
]);

export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    switch (command) {
      case 'evaluate':
        await (await import('./cli-evaluate')).evaluate(rest);
        return 0;
      case 'import':
        await (await import('./cli-records')).importCommand(rest);
        return 0;
      case 'export':
        await (await import('./cli-records')).exportCommand(rest);
        return 0;
      case 'packet':
        await (await import('./cli-packet')).packetCommand(rest);
        return 0;
      case 'team':
        await (await import('./cli-team')).teamCommand(rest);
        return 0;
      case 'calendar':
        (await import('./cli-calendar')).calendarCommand(rest);
        return 0;
      case 'backup':
        await (await import('./cli-backup')).backupCommand(rest);
        return 0;
      case 'restore':
        await (await import('./cli-backup')).restoreCommand(rest);
        return 0;
      case 'check':
        // Awaited here, inside the try: a refusal becomes its message and exit 2, not an unhandled rejection.
        return await (await import('./cli-backup')).checkCommand(rest);
      case 'scan':
        await (await import('./cli-scan')).scanCommand(rest);
        return 0;
      case 'sync':
        await (await import('./cli-sync')).syncCommand(rest);
        return 0;
      case 'intake':
        await (await import('./cli-intake')).intakeCommand(rest);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'PacketCancelled') {
      process.stderr.write('recert: cancelled; no packet was written.\n');
      return 130;
    }
    // Known by name: the command's modules are loaded only when the command runs (a quick start).
    // A full disk is the person's to fix: the message says where, never a stack.
    if (isDiskFull(error) && !REFUSALS.has(name)) {
      process.stderr.write(`recert: ${diskFullMessage(error)}\n`);
      return 2;
    }
    if (REFUSALS.has(name)) {
      process.stderr.write(`recert: ${(error as Error).message}\n`);
      return 2;
    }
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`recert: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`recert: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

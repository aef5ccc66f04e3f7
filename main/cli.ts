// The `recert` command line (docs/cli.md). Exit codes: 0 success, 2 bad input (the
// message names the JSON path), 1 unexpected failure.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openAppContext } from './app-context';
import { CsvImportError, dataLocation, existingDataLocation, readTextFile, resourcesDir, UsageError } from './cli-common';
import { backupCommand, checkCommand, restoreCommand } from './cli-backup';
import { BackupError } from './core/backup/restore';
import { calendarCommand } from './cli-calendar';
import { scanCommand, ScanError } from './cli-scan';
import { teamCommand } from './cli-team';
import { formatDate, isCalendarDate, localToday } from './core/dates';
import { evaluateRecords, type EvaluationReport } from './core/records-file/evaluate';
import { exportRecords } from './core/records-file/export';
import { importRecords } from './core/records-file/import';
import { RecordsFileError } from './core/records-file/parse';
import { BUNDLE_EXTENSION, openRecords, writeBundle } from './core/records-file/bundle';
import { describeImport, describeRows, importedText } from './core/records-file/describe-import';
import { applyUpdate, planUpdate } from './core/records-file/update';
import { CsvError } from './core/csv/table';
import type { CourseCsvView } from './core/domain/views';
import { explainBlocker, explainWarning, statusText } from './core/rules/describe';
import { loadRuleSets } from './core/rules/rulesets';
import type { RuleSet } from './core/rules/ruleset-schema';
import { StoreOpenError } from './core/store';
import { PacketCancelled, writePacket } from './core/packet/build';
import type { PacketPlan } from './core/packet/plan';
import { PacketSourceError, planFromRecords, planFromStore } from './core/packet/sources';
import { count } from './core/domain/plural';
import { escapeControlCharacters } from './core/text';

const USAGE = `Usage: recert <command> [options]

Commands:
  evaluate FILE [--as-of YYYY-MM-DD] [--json]
      Where every credential in a records file or .recert bundle stands (default as-of date: today).
  import FILE [--db PATH] [--update [--dry-run]]
      Import a records file or .recert bundle, all or nothing, copying its certificate files.
      --update: update the people already stored (matched by id, employee ID or e-mail); nothing is
      deleted; prints what was added, updated, unchanged and kept. --dry-run changes nothing.
  import FILE.csv [--db PATH] --person ID [--credential ID]... [--dry-run]
      Import courses from a CSV file for one person, all rows or none.
  export [--db PATH] [--person ID] --out FILE.json|FILE.recert
      Write the records file with the certificate files beside it, or one .recert bundle
      (one person's records with --person).
  packet (FILE | --db PATH) --person ID --credential ID --out OUT.pdf [--as-of YYYY-MM-DD]
      Write the audit packet for one credential: a progress line per exhibit on stderr.
  team [--db PATH] [--as-of YYYY-MM-DD] [--json | --out FILE.json|FILE.csv|FILE.pdf]
      The manager's report: every active trainer's credentials, most urgent first.
  calendar [--db PATH] [--person ID] [--as-of YYYY-MM-DD] --out FILE.ics
      Every upcoming deadline as an iCalendar file, with reminders at the lead times set in the app.
  backup [--db PATH] --out FILE
      One file with a consistent copy of the database and every certificate (safe while the app runs).
  restore FILE [--db PATH] [--replace]
      Check a backup completely, then restore it (into an empty folder, or --replace keeping the old data).
  check [--db PATH]
      Check the database and every certificate file; exit 1 naming each problem.
  scan FILE [--json]
      Read a certificate (PDF, JPEG, PNG or HEIC) on this computer and say what it would fill in.

  --db PATH   the data folder (or its recert.sqlite3); default: RECERT_DATA_DIR or the app's folder
  --help      show this help

Exit status: 0 success, 2 bad input, 1 unexpected failure.`;

function ruleSets(): RuleSet[] {
  return loadRuleSets(join(resourcesDir, 'rulesets'));
}

function summary(report: EvaluationReport, names: Map<string, string>, byId: Map<string, RuleSet>): string {
  const lines = [`As of ${formatDate(report.asOf)}`];
  for (const r of report.results) {
    const ruleSet = byId.get(r.ruleSet);
    if (!ruleSet) continue;
    const unit = ruleSet.unit.plural;
    lines.push('');
    lines.push(
      `${names.get(r.person) ?? r.person} — ${ruleSet.credential} (${r.credential}), cycle ${formatDate(r.cycle.start)} – ${formatDate(r.cycle.end)}`,
    );
    lines.push(`  ${statusText(r, ruleSet, null, report.asOf)}${r.canSubmit ? `; can submit now (${r.feeTier} fee)` : ''}`);
    lines.push(
      `  ${unit}: courses ${r.ceus.courses} / ${r.ceus.coursesRequired}, CPR/AED ${r.ceus.cprAed} / ${r.ceus.cprAedRequired}, total ${r.ceus.total} / ${r.ceus.required}` +
        (r.ceus.pending > 0 ? `, ${r.ceus.pending} pending petition` : ''),
    );
    lines.push(
      `  Deadlines: expires ${formatDate(r.deadlines.expiration)}, courses by ${formatDate(r.deadlines.coursesBy)}, last application ${formatDate(r.deadlines.finalApplication)}` +
        (r.deadlines.auditDue ? `, audit documents due ${formatDate(r.deadlines.auditDue)}` : ''),
    );
    if (r.petitionFees > 0) lines.push(`  Petition fees: $${r.petitionFees}`);
    for (const code of r.blockers) {
      const e = explainBlocker(code, r, ruleSet);
      lines.push(`  Blocker (${e.rule}): ${e.title}. ${e.action}`);
    }
    for (const code of r.warnings) {
      const e = explainWarning(code, r, ruleSet);
      lines.push(`  Warning (${e.rule}): ${e.title}${code.includes(':') ? ` [${code}]` : ''}. ${e.action}`);
    }
  }
  return lines.join('\n');
}

async function evaluate(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'as-of': { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('evaluate needs exactly one records FILE');
  const asOf = values['as-of'] ?? localToday();
  if (!isCalendarDate(asOf)) throw new UsageError(`--as-of: "${asOf}" is not a calendar date (YYYY-MM-DD)`);
  const sets = ruleSets();
  const opened = await openRecords(resolve(file), new Set(sets.map((r) => r.id)));
  opened.dispose();
  const { parsed } = opened;
  const report = evaluateRecords(parsed.file, sets, parsed.overrides, asOf);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const names = new Map(parsed.file.people.map((p) => [p.id, p.name]));
  process.stdout.write(`${summary(report, names, new Map(sets.map((r) => [r.id, r])))}\n`);
}

async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      update: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      person: { type: 'string' },
      credential: { type: 'string', multiple: true },
    },
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0)
    throw new UsageError('import needs exactly one FILE (a records file, a .recert bundle or a CSV file of courses)');
  if (/\.csv$/i.test(file)) {
    if (!values.person) throw new UsageError('import of a CSV file of courses needs --person ID (the person the courses belong to)');
    const context = openAppContext({ ...existingDataLocation(values.db), resourcesDir });
    try {
      const csvText = readTextFile(resolve(file));
      const input = { personId: values.person, csvText, ...(values.credential ? { credentialIds: values.credential } : {}) };
      const result = await context.dispatch(values['dry-run'] ? 'previewCourseCsv' : 'importCourseCsv', input);
      if (!result.ok) throw new CsvImportError(result.error.message);
      const view = result.value as CourseCsvView;
      if (view.problems.length > 0)
        throw new CsvImportError(`The courses were not imported; fix these and try again:\n${view.problems.join('\n')}`);
      process.stdout.write(`${view.summaryText}${values['dry-run'] ? ' Dry run: nothing was changed.' : ''}\n`);
    } finally {
      context.close();
    }
    return;
  }
  if (values.person || values.credential) throw new UsageError('--person and --credential go with a CSV file of courses');
  if (values['dry-run'] && !values.update) throw new UsageError('--dry-run goes with --update');
  const context = openAppContext({ ...dataLocation(values.db), resourcesDir });
  try {
    const opened = await openRecords(resolve(file), new Set(context.ruleSets.map((r) => r.id)));
    try {
      if (values.update) {
        const names = new Map(context.ruleSets.map((r) => [r.id, r.credential]));
        const plan = planUpdate(opened.parsed, context.store, (id) => names.get(id) ?? id);
        if (!values['dry-run']) applyUpdate(plan, opened.parsed, context.store, context.files);
        const lines = describeImport(plan.preview);
        const kept = describeRows(plan.preview).filter((r) => r.action === 'kept' && r.kind !== 'people');
        for (const row of kept)
          lines.push(`  Kept (not in the file): ${row.kindText.toLowerCase().replace(/s$/, '')} "${row.label}" of ${row.person}`);
        process.stdout.write(
          `${lines.join('\n')}\n${values['dry-run'] ? 'Dry run: nothing was changed.' : `Updated ${context.dataDir}.`}\n`,
        );
        return;
      }
      const counts = importRecords(opened.parsed, context.store, context.files);
      process.stdout.write(`Imported ${importedText(counts)} into ${context.dataDir}.\n`);
    } finally {
      opened.dispose();
    }
  } finally {
    context.close();
  }
}

async function exportCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, out: { type: 'string' }, person: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`export takes no FILE argument; use --out FILE`);
  if (!values.out) throw new UsageError('export needs --out FILE (a .json records file, or a .recert bundle)');
  const bundle = values.out.toLowerCase().endsWith(BUNDLE_EXTENSION);
  if (values.person && !bundle) throw new UsageError('--person goes with a .recert bundle: --out FILE.recert');
  const context = openAppContext({ ...existingDataLocation(values.db), resourcesDir });
  try {
    const out = resolve(values.out);
    const counts = bundle
      ? await writeBundle(context.store, context.files, out, values.person)
      : exportRecords(context.store, context.files, out);
    process.stdout.write(
      `Exported ${count(counts.people, 'person', 'people')} and ${count(counts.certificateFiles, 'certificate file', 'certificate files')} to ${out}.\n`,
    );
  } finally {
    context.close();
  }
}

async function packetCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      person: { type: 'string' },
      credential: { type: 'string' },
      out: { type: 'string' },
      'as-of': { type: 'string' },
    },
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (extra.length > 0 || (file && values.db) || (!file && !values.db))
    throw new UsageError('packet needs either a records FILE or --db PATH');
  if (!values.credential) throw new UsageError('packet needs --credential ID');
  if (!values.out) throw new UsageError('packet needs --out OUT.pdf');
  if (file && !values.person) throw new UsageError('packet needs --person ID with a records FILE');
  const today = localToday();
  const asOf = values['as-of'] ?? today;
  if (!isCalendarDate(asOf)) throw new UsageError(`--as-of: "${asOf}" is not a calendar date (YYYY-MM-DD)`);
  const out = resolve(values.out);
  const sets = ruleSets();
  let plan: PacketPlan;
  // A bundle's certificates are read while the packet is written: its folder goes once it is done.
  let dispose: () => void = () => undefined;
  if (file) {
    const opened = await openRecords(resolve(file), new Set(sets.map((r) => r.id)));
    dispose = opened.dispose;
    plan = planFromRecords(opened.parsed, sets, values.person ?? '', values.credential, asOf, today);
  } else {
    const context = openAppContext({ ...dataLocation(values.db), resourcesDir });
    try {
      const credential = context.store.credentials.get(values.credential);
      if (values.person && credential && credential.personId !== values.person)
        throw new UsageError(`--credential: "${values.credential}" is not a credential of "${values.person}"`);
      plan = planFromStore(context.store, context.files, context.ruleSets, values.credential, asOf, today);
    } finally {
      context.close();
    }
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await writePacket(plan, out, {
      fontDir: join(resourcesDir, 'fonts'),
      signal: controller.signal,
      // File names come from users: control characters are shown escaped, never sent raw to the terminal.
      onProgress: (p) => process.stderr.write(`[${p.done}/${p.total}] ${escapeControlCharacters(p.message)}\n`),
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    dispose();
  }
  process.stdout.write(`Wrote ${out} (${plan.exhibits.length} exhibits).\n`);
}

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
        await evaluate(rest);
        return 0;
      case 'import':
        await importCommand(rest);
        return 0;
      case 'export':
        await exportCommand(rest);
        return 0;
      case 'packet':
        await packetCommand(rest);
        return 0;
      case 'team':
        await teamCommand(rest);
        return 0;
      case 'calendar':
        calendarCommand(rest);
        return 0;
      case 'backup':
        await backupCommand(rest);
        return 0;
      case 'restore':
        await restoreCommand(rest);
        return 0;
      case 'check':
        return checkCommand(rest);
      case 'scan':
        await scanCommand(rest);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof PacketCancelled) {
      process.stderr.write('recert: cancelled; no packet was written.\n');
      return 130;
    }
    if (
      error instanceof RecordsFileError ||
      error instanceof StoreOpenError ||
      error instanceof PacketSourceError ||
      error instanceof BackupError ||
      error instanceof CsvImportError ||
      error instanceof ScanError ||
      error instanceof CsvError
    ) {
      process.stderr.write(`recert: ${error.message}\n`);
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

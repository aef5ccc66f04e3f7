// `recert intake PATH... --db PATH [--dry-run] [--json]`: a stack of certificates read, each
// proposed to a person, the sure ones filed together (docs/cli.md). A file that cannot be read is a
// status with its reason; only a path that does not exist or a --db that is not a data folder
// refuses the whole run (exit 2), before any file is read.
import { parseArgs } from 'node:util';
import { openAppContext } from './app-context';
import { existingDataLocation, resourcesDir, tellOnStderr, UsageError } from './cli-common';
import { localToday } from './core/dates';
import { count } from './core/domain/plural';
import type { IntakeFileReport, IntakeReport } from './core/domain/intake';
import { keepForReview } from './core/intake/keep';
import { runIntake } from './core/intake/run';
import { summarize } from './core/intake/summary';
import { walkIntakePaths } from './core/intake/walk';
import { describeFields } from './core/scan/describe';
import { stopOcr } from './core/scan/ocr';
import { escapeControlCharacters } from './core/text';

/** A path named that does not exist: exit 2, nothing read. */
export class IntakeError extends Error {
  override name = 'IntakeError';
}

const STATUS_WORDS: Record<IntakeFileReport['status'], string> = {
  applied: 'filed',
  proposed: 'proposed, not filed',
  'already-attached': 'already attached',
  'possible-duplicate': 'possible duplicate, not filed',
  unmatched: 'not matched to anyone, not filed',
  unreadable: 'unreadable',
  skipped: 'skipped',
};

function describe(report: IntakeReport, names: Map<string, string>, notes: Map<IntakeFileReport, string[]>, dryRun: boolean): string[] {
  const lines: string[] = [];
  for (const file of report.files) {
    const who = file.person ? ` for ${names.get(file.person) ?? file.person}` : '';
    const how = file.match ? ` (matched by ${file.match.by.replace('-', ' ')}, ${Math.round(file.match.confidence * 100)}% sure)` : '';
    lines.push(`${escapeControlCharacters(file.file)}: ${STATUS_WORDS[file.status]}${who}${how}`);
    if (file.reason) lines.push(`  ${file.reason}`);
    for (const note of file.status === 'proposed' ? (notes.get(file) ?? []) : []) lines.push(`  ${note}`);
    if (file.inInbox) lines.push("  Waiting in the app's certificate inbox, to check and file there.");
    for (const [i, record] of file.records.entries()) {
      if (file.records.length > 1) lines.push(`  Course ${i + 1}:`);
      lines.push(...describeFields({ ...record.fields, name: null }, file.records.length > 1 ? '    ' : '  '));
    }
  }
  const s = report.summary;
  const parts = [
    `${s.applied} filed`,
    `${s.proposed} proposed`,
    `${s.alreadyAttached} already attached`,
    `${s.possibleDuplicates} possible ${s.possibleDuplicates === 1 ? 'duplicate' : 'duplicates'}`,
    `${s.unmatched} unmatched`,
    `${s.unreadable} unreadable`,
    `${s.skipped} skipped`,
  ];
  lines.push(`${count(s.files, 'file', 'files')}: ${parts.join(', ')}.`);
  if (s.inInbox > 0) {
    lines.push(
      `${count(s.inInbox, 'file waits', 'files wait')} in the app's certificate inbox (Team, or the trainer's Courses): check ${s.inInbox === 1 ? 'it' : 'them'} and file there.`,
    );
  }
  if (dryRun) lines.push('Dry run: nothing was changed.');
  return lines;
}

export async function intakeCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'no-inbox': { type: 'boolean' }, json: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new UsageError('intake needs at least one certificate file or folder');
  const location = existingDataLocation(values.db);
  const walked = walkIntakePaths(positionals);
  if (walked.missing.length > 0) {
    throw new IntakeError(
      `${walked.missing.map((p) => `${escapeControlCharacters(p)} does not exist`).join('; ')}: nothing was read. Check the path${walked.missing.length > 1 ? 's' : ''}.`,
    );
  }
  const context = openAppContext({ ...location, resourcesDir, tell: tellOnStderr });
  try {
    const dryRun = values['dry-run'] === true;
    const { store, files } = context;
    const report = await runIntake(walked.files, {
      store,
      files,
      today: localToday(),
      dryRun,
      write: (change) => store.transaction(change),
      release: (hashes) => {
        for (const sha256 of new Set(hashes)) if (store.attachments.referencesTo(sha256) === 0) files.remove(sha256);
      },
      onFile: values.json
        ? undefined
        : (file, i, total) => process.stderr.write(`Reading ${i + 1}/${total}: ${escapeControlCharacters(file.file)}\n`),
    });
    // What a look can settle waits in the app's inbox, unless asked not to (or a dry run).
    if (!dryRun && values['no-inbox'] !== true) {
      keepForReview(report.reads, { store, dataDir: context.dataDir, now: new Date(), write: (change) => store.transaction(change) });
      report.summary = summarize(report.files);
    }
    if (values.json) {
      const document: IntakeReport = { files: report.files, summary: report.summary };
      process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    } else {
      const names = new Map(store.people.list(true).map((p) => [p.id, p.name]));
      const notes = new Map(report.proposals.map((p) => [p.report, p.notes]));
      process.stdout.write(`${describe(report, names, notes, dryRun).join('\n')}\n`);
    }
  } finally {
    await stopOcr();
    context.close();
  }
}

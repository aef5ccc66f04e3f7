// `recert import ROSTER.csv --roster`: a staff roster from a spreadsheet, the same service as the
// Staff screen's "Import roster…". All rows or none unless --skip-bad-rows (docs/cli.md).
import { resolve } from 'node:path';
import { openAppContext } from './app-context';
import { CsvImportError, dataLocation, MAX_CSV_BYTES, readTextFile, resourcesDir } from './cli-common';
import type { RosterPreview } from './core/domain/views';

export interface RosterOptions {
  db: string | undefined;
  skipBadRows: boolean;
  dryRun: boolean;
}

function rowLines(preview: RosterPreview): string[] {
  return preview.rows.map((r) => `  line ${r.line}: ${r.name}${r.employeeId ? ` (${r.employeeId})` : ''}, ${r.credential}: ${r.action}`);
}

export async function rosterImport(file: string, options: RosterOptions): Promise<void> {
  const context = openAppContext({ ...dataLocation(options.db), resourcesDir });
  try {
    const csvText = readTextFile(resolve(file), 'a roster CSV file', MAX_CSV_BYTES);
    const planned = await context.dispatch('previewRoster', { csvText });
    if (!planned.ok) throw new CsvImportError(planned.error.message);
    const preview = planned.value as RosterPreview;
    if (preview.problems.length > 0 && (!options.skipBadRows || preview.rows.length === 0)) {
      const how = preview.rows.length > 0 ? '\nOr import the other rows with --skip-bad-rows.' : '';
      throw new CsvImportError(`The roster was not imported; fix these and try again:\n${preview.problems.join('\n')}${how}`);
    }
    if (!options.dryRun) {
      const result = await context.dispatch('importRoster', { csvText, skipBadRows: options.skipBadRows });
      if (!result.ok) throw new CsvImportError(result.error.message);
    }
    if (preview.problems.length > 0) process.stderr.write(`${preview.skippedText ?? ''}\n${preview.problems.join('\n')}\n`);
    const done = options.dryRun ? 'Dry run: nothing was changed.' : `Imported into ${context.dataDir}.`;
    process.stdout.write(`${[...rowLines(preview), preview.summaryText, done].join('\n')}\n`);
  } finally {
    context.close();
  }
}

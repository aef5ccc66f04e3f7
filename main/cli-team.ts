// `recert team`: the gym manager's report from the command line, the same service as the Team screen.

import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openAppContext } from './app-context';
import { asOfOption, existingDataLocation, resourcesDir, UsageError, tellOnStderr } from './cli-common';
import { writeFileAtomic } from './core/atomic-write';
import { formatDate } from './core/dates';
import { count } from './core/domain/plural';
import type { TeamView } from './core/domain/team';
import { teamReportCsv } from './core/team/csv';
import { TEAM_TABLE_COLUMNS, teamTableRows } from './core/team/table';

/** The readable table: one line per credential, most urgent first, columns padded to their widest cell. */
function table(view: TeamView): string {
  const head = TEAM_TABLE_COLUMNS;
  const rows = teamTableRows(view);
  const widths = head.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const width = widths[i] ?? 0;
        return cell.length > width ? `${cell.slice(0, width - 1)}…` : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const s = view.summary;
  const summary = [
    `Team as of ${formatDate(view.asOf)}: ${count(s.people, 'person', 'people')}, ${count(s.credentials, 'credential', 'credentials')}, ` +
      `${s.compliant} compliant, ${s.requirementsMet} with requirements met` +
      `${s.withoutCredential > 0 ? `, ${s.withoutCredential} with no credential on file` : ''}.`,
    `Expiring within 30 / 60 / 90 days: ${s.expiringWithin['30']} / ${s.expiringWithin['60']} / ${s.expiringWithin['90']}. ` +
      `Expired: ${s.expired}. Lapsed: ${s.lapsed}. CPR/AED not OK: ${s.cprAedNotOk}. Audits open: ${s.auditsOpen}.`,
    ...view.definitions.map((d) => `${d.term}: ${d.text}`),
  ];
  if (rows.length === 0) return [...summary, '', 'No active trainer has a credential recorded yet.'].join('\n');
  return [...summary, '', line(head), ...rows.map(line)].join('\n');
}

export async function teamCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' }, out: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError('team takes no FILE argument; use --db PATH for the data folder');
  if (values.json && values.out) throw new UsageError('give either --json (to stdout) or --out FILE, not both');
  const format = values.out ? extname(values.out).slice(1).toLowerCase() : null;
  if (format !== null && !['json', 'csv', 'pdf'].includes(format)) {
    throw new UsageError(`--out: "${values.out}" must end in .json, .csv or .pdf (the report's format)`);
  }
  const asOf = asOfOption(values['as-of']);
  const context = openAppContext({ ...existingDataLocation(values.db), resourcesDir, tell: tellOnStderr });
  try {
    if (values.json || format === 'json') {
      const json = `${JSON.stringify(context.service.getTeamReport({ asOf }), null, 2)}\n`;
      if (values.json) process.stdout.write(json);
      else writeFileAtomic(resolve(values.out ?? ''), json);
    } else if (format === 'csv') {
      writeFileAtomic(resolve(values.out ?? ''), teamReportCsv(context.service.getTeamView({ asOf })));
    } else if (format === 'pdf') {
      // The PDF code (pdfkit and its fonts) is loaded only for a PDF: the other formats do not pay for it.
      const [{ teamReportPdf }, { loadFontSet }] = await Promise.all([import('./core/team/pdf'), import('./core/packet/fonts')]);
      const pdf = await teamReportPdf(context.service.getTeamView({ asOf }), loadFontSet(join(resourcesDir, 'fonts')));
      writeFileAtomic(resolve(values.out ?? ''), pdf);
    } else {
      process.stdout.write(`${table(context.service.getTeamView({ asOf }))}\n`);
    }
    if (values.out) process.stdout.write(`Wrote ${resolve(values.out)}.\n`);
  } finally {
    context.close();
  }
}

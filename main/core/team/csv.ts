// The team report as CSV: one header row, then one row per credential, with the report's fields
// flattened as "cprAed.ok", "nextDeadline.date" and so on. Written by csv-stringify, which quotes
// what needs quoting (names with commas, quotes or line breaks).
import { stringify } from 'csv-stringify/sync';
import { sheetCell } from '../csv/write';
import type { TeamReport, TeamRow } from '../domain/team';

export const TEAM_CSV_COLUMNS = [
  'person',
  'name',
  'employeeId',
  'credential',
  'ruleSet',
  'number',
  'status',
  'compliant',
  'expiration',
  'daysToExpiration',
  'remaining',
  'unit',
  'cprAed.ok',
  'cprAed.reason',
  'cprAed.expires',
  'auditDue',
  'missingCertificates',
  'nextDeadline.kind',
  'nextDeadline.date',
] as const;

function cells(row: TeamRow): (string | number | boolean | null)[] {
  return [
    row.person,
    row.name,
    row.employeeId,
    row.credential,
    row.ruleSet,
    row.number,
    row.status,
    row.compliant,
    row.expiration,
    row.daysToExpiration,
    row.remaining,
    row.unit,
    row.cprAed.ok,
    row.cprAed.reason,
    row.cprAed.expires,
    row.auditDue,
    row.missingCertificates,
    row.nextDeadline?.kind ?? null,
    row.nextDeadline?.date ?? null,
  ];
}

/** UTF-8 with a byte-order mark, so that spreadsheet programs read names in any script correctly. */
export function teamReportCsv(report: TeamReport): string {
  const body = stringify(
    report.rows.map((row) => cells(row).map(sheetCell)),
    { header: true, columns: [...TEAM_CSV_COLUMNS], record_delimiter: 'windows' },
  );
  return `\uFEFF${body}`;
}

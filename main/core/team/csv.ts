// The team report as CSV, for a person to read in a spreadsheet: names, the credential and its
// number, status and CPR/AED in words, dates as dates (YYYY-MM-DD, which every spreadsheet reads as
// a date), English headings and no ids or codes. People without a credential have a row too.
// `recert team --json` keeps the ids and codes for programs. Written by csv-stringify, which quotes
// what needs quoting (names with commas, quotes or line breaks).
import { stringify } from 'csv-stringify/sync';
import { sheetCell } from '../csv/write';
import type { TeamView, TeamViewRow } from '../domain/team';
import { deadlineLabel } from './view';

export const TEAM_CSV_COLUMNS = [
  'Name',
  'Employee ID',
  'Credential',
  'Certification number',
  'Status',
  'Compliant',
  'Requirements met',
  'Expires',
  'Still needed',
  'CPR/AED',
  'CPR/AED card expires',
  'Audit documents due',
  'Certificate files missing',
  'Next deadline',
  'Next deadline date',
] as const;

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

function cells(row: TeamViewRow): string[] {
  return [
    row.name,
    row.employeeId ?? '',
    row.credentialType,
    row.number ?? '',
    row.statusText,
    yesNo(row.compliant),
    yesNo(row.requirementsMet),
    row.expiration,
    row.remainingText,
    row.cprAedText,
    row.cprAed.expires ?? '',
    row.auditDue ?? '',
    String(row.missingCertificates),
    row.nextDeadline ? deadlineLabel(row.nextDeadline.kind) : '',
    row.nextDeadline?.date ?? '',
  ];
}

/** UTF-8 with a byte-order mark, so that spreadsheet programs read names in any script correctly. */
export function teamReportCsv(view: Pick<TeamView, 'rows' | 'withoutCredential'>): string {
  const rows = view.rows.map(cells);
  for (const person of view.withoutCredential) {
    rows.push([person.name, person.employeeId ?? '', person.text, '', '', 'No', 'No', '', '', person.cprAedText, '', '', '', '', '']);
  }
  const body = stringify(
    rows.map((row) => row.map(sheetCell)),
    { header: true, columns: [...TEAM_CSV_COLUMNS], record_delimiter: 'windows' },
  );
  return `\uFEFF${body}`;
}

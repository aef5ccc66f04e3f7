// The report's table as words, one list of columns for the printed PDF and the command line.
import type { TeamView, TeamViewRow } from '../domain/team';

export const TEAM_TABLE_COLUMNS = ['Trainer', 'Credential', 'Status', 'Expires', 'Still needed', 'CPR/AED', 'Audit due', 'Missing files'];

export function teamTableCells(row: TeamViewRow): string[] {
  return [
    row.employeeId ? `${row.name} (${row.employeeId})` : row.name,
    row.credentialName,
    row.statusText,
    row.expirationText,
    row.remainingText,
    row.cprAedText,
    row.auditText ?? '—',
    String(row.missingCertificates),
  ];
}

/** Every credential's cells, then one line for each person with no credential on file. */
export function teamTableRows(view: Pick<TeamView, 'rows' | 'withoutCredential'>): string[][] {
  return [
    ...view.rows.map(teamTableCells),
    ...view.withoutCredential.map((p) => [
      p.employeeId ? `${p.name} (${p.employeeId})` : p.name,
      p.text,
      '—',
      '—',
      '—',
      p.cprAedText,
      '—',
      '—',
    ]),
  ];
}

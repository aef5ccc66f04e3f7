// The Team screen's table, a page at a time: main sorts, filters and searches the team's rows (a
// chain has 15,000), so the screen receives only the rows it shows and never orders a list itself.
import { count, figure } from '../domain/plural';
import type { TeamMatrix, TeamPage, TeamPageQuery, TeamQuery, TeamSortColumn, TeamView, TeamViewRow } from '../domain/team';

/** Lower case without accents: "José" is found by "jose", "JOSÉ" and "José". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** Whether any field of the query narrows the rows (a blank search does not). */
export function isNarrowed(query: TeamQuery): boolean {
  return !!(query.filter || query.ruleSet || query.status || query.cprAed || query.audit || query.search?.trim());
}

/** The rows' folded names and employee IDs, worked out once per view rather than once per keystroke. */
export type SearchIndex = ReadonlyMap<TeamViewRow, string>;

export function searchIndex(rows: readonly TeamViewRow[]): SearchIndex {
  // A line break cannot be typed into the search field, so a search never matches across the two.
  return new Map(rows.map((row) => [row, `${foldForSearch(row.name)}\n${foldForSearch(row.employeeId ?? '')}`]));
}

export function matchesQuery(row: TeamViewRow, query: TeamQuery, folded: string): boolean {
  const search = foldForSearch(query.search?.trim() ?? '');
  return (
    (!query.filter || row.filters.includes(query.filter)) &&
    (!query.ruleSet || row.ruleSet === query.ruleSet) &&
    (!query.status || row.status === query.status) &&
    (!query.cprAed || row.cprAed.ok === (query.cprAed === 'ok')) &&
    (!query.audit || (row.auditDue !== null) === (query.audit === 'open')) &&
    (!search || folded.includes(search))
  );
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const NO_AUDIT = '9999-12-31';

/** Each column's order, ascending; ties keep the urgency order (so do equal rows in either direction). */
const COMPARE: Record<Exclude<TeamSortColumn, 'urgency'>, (a: TeamViewRow, b: TeamViewRow) => number> = {
  name: (a, b) => collator.compare(a.name, b.name),
  credential: (a, b) => collator.compare(a.credentialName, b.credentialName),
  status: (a, b) => a.urgency - b.urgency,
  expiration: (a, b) => a.daysToExpiration - b.daysToExpiration,
  remaining: (a, b) => a.remaining - b.remaining,
  cprAed: (a, b) => Number(a.cprAed.ok) - Number(b.cprAed.ok),
  audit: (a, b) => ((a.auditDue ?? NO_AUDIT) < (b.auditDue ?? NO_AUDIT) ? -1 : (a.auditDue ?? NO_AUDIT) > (b.auditDue ?? NO_AUDIT) ? 1 : 0),
  missing: (a, b) => a.missingCertificates - b.missingCertificates,
};

/** The rows in a column's order (view.rows are most urgent first). */
export function sortTeamRows(rows: readonly TeamViewRow[], sort: TeamSortColumn, descending: boolean): TeamViewRow[] {
  if (sort === 'urgency') return descending ? [...rows].reverse() : [...rows];
  const compare = COMPARE[sort];
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => sign * compare(a, b) || a.urgency - b.urgency);
}

export function teamCountText(total: number, all: number): string {
  // "15,000 credentials": a chain's figures with the thousands marked, as the course log writes them.
  return total === all ? count(all, 'credential', 'credentials') : `${figure(total)} of ${count(all, 'credential', 'credentials')}`;
}

export function teamPage(view: TeamView, sorted: readonly TeamViewRow[], query: TeamPageQuery): TeamPage {
  return {
    asOf: view.asOf,
    offset: query.offset,
    total: sorted.length,
    all: view.rows.length,
    countText: teamCountText(sorted.length, view.rows.length),
    rows: sorted.slice(query.offset, query.offset + query.limit),
  };
}

/** The matrix for the selected credentials: their people, and only the chosen credential type's column. */
export function selectTeamMatrix(matrix: TeamMatrix, selected: readonly TeamViewRow[], query: TeamQuery): TeamMatrix {
  if (!isNarrowed(query)) return matrix;
  const people = new Set(selected.map((r) => r.person));
  const keep = matrix.columns.map((c) => !query.ruleSet || c.ruleSet === query.ruleSet);
  return {
    columns: matrix.columns.filter((_, i) => keep[i]),
    rows: matrix.rows.filter((r) => people.has(r.person)).map((r) => ({ ...r, cells: r.cells.filter((_, i) => keep[i]) })),
  };
}

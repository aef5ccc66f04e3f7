import type { TeamFilter, TeamMatrix, TeamViewRow, UpcomingItem } from '../../../preload/contract';

/** What the Team screen shows: kept in the URL, so Back and the navigation return to the same view. */
export interface TeamState {
  filter: TeamFilter | '';
  ruleSet: string;
  status: string;
  cprAed: '' | 'ok' | 'not-ok';
  audit: '' | 'open' | 'none';
  search: string;
  sort: string;
  descending: boolean;
  tab: 'rows' | 'matrix' | 'upcoming';
  /** The Upcoming tab's window, in days. */
  window: '30' | '60' | '90';
}

const KEYS: Record<keyof TeamState, string> = {
  filter: 'f',
  ruleSet: 'type',
  status: 'status',
  cprAed: 'cpr',
  audit: 'audit',
  search: 'q',
  sort: 'sort',
  descending: 'desc',
  tab: 'tab',
  window: 'days',
};

export function teamStateFrom(params: URLSearchParams): TeamState {
  const get = (key: keyof TeamState) => params.get(KEYS[key]) ?? '';
  return {
    filter: get('filter') as TeamState['filter'],
    ruleSet: get('ruleSet'),
    status: get('status'),
    cprAed: get('cprAed') as TeamState['cprAed'],
    audit: get('audit') as TeamState['audit'],
    search: get('search'),
    sort: get('sort') || 'urgency',
    descending: get('descending') === '1',
    tab: get('tab') === 'matrix' ? 'matrix' : get('tab') === 'upcoming' ? 'upcoming' : 'rows',
    window: get('window') === '60' ? '60' : get('window') === '90' ? '90' : '30',
  };
}

export function teamStateParams(state: TeamState): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of Object.keys(KEYS) as (keyof TeamState)[]) {
    const value = state[key];
    if (key === 'descending') {
      if (value) params[KEYS[key]] = '1';
    } else if (key === 'sort') {
      if (value !== 'urgency') params[KEYS[key]] = String(value);
    } else if (key === 'tab') {
      if (value !== 'rows') params[KEYS[key]] = String(value);
    } else if (key === 'window') {
      if (value !== '30') params[KEYS[key]] = String(value);
    } else if (value) params[KEYS[key]] = String(value);
  }
  return params;
}

/** The rows the filters select: the fields compared were all decided by main. */
export function selectRows(rows: readonly TeamViewRow[], state: TeamState): TeamViewRow[] {
  const search = state.search.trim().toLocaleLowerCase();
  return rows.filter(
    (row) =>
      (!state.filter || row.filters.includes(state.filter)) &&
      (!state.ruleSet || row.ruleSet === state.ruleSet) &&
      (!state.status || row.status === state.status) &&
      (!state.cprAed || row.cprAed.ok === (state.cprAed === 'ok')) &&
      (!state.audit || (row.auditDue !== null) === (state.audit === 'open')) &&
      (!search || row.name.toLocaleLowerCase().includes(search) || (row.employeeId ?? '').toLocaleLowerCase().includes(search)),
  );
}

/** Whether any filter narrows what the Team screen shows (the tab, sort and window do not). */
export function isFiltered(state: TeamState): boolean {
  return !!(state.filter || state.ruleSet || state.status || state.cprAed || state.audit || state.search.trim());
}

export const NO_FILTERS: Pick<TeamState, 'filter' | 'ruleSet' | 'status' | 'cprAed' | 'audit' | 'search'> = {
  filter: '',
  ruleSet: '',
  status: '',
  cprAed: '',
  audit: '',
  search: '',
};

/**
 * The Status control holds either a summary filter ("Expiring within 30 days", "Out of compliance")
 * or a status: one choice, so a number chosen in the summary shows there and is cleared there.
 */
export function statusChoice(state: TeamState): string {
  if (state.filter) return `filter:${state.filter}`;
  return state.status ? `status:${state.status}` : '';
}

export function fromStatusChoice(choice: string): Pick<TeamState, 'filter' | 'status'> {
  if (choice.startsWith('filter:')) return { filter: choice.slice('filter:'.length) as TeamFilter, status: '' };
  if (choice.startsWith('status:')) return { filter: '', status: choice.slice('status:'.length) };
  return { filter: '', status: '' };
}

/** The matrix for the selected credentials: their people, and only the chosen credential type's column. */
export function selectMatrix(matrix: TeamMatrix, rows: readonly TeamViewRow[], state: TeamState): TeamMatrix {
  if (!isFiltered(state)) return matrix;
  const people = new Set(rows.map((r) => r.person));
  const keep = matrix.columns.map((c) => !state.ruleSet || c.ruleSet === state.ruleSet);
  return {
    columns: matrix.columns.filter((_, i) => keep[i]),
    rows: matrix.rows.filter((r) => people.has(r.person)).map((r) => ({ ...r, cells: r.cells.filter((_, i) => keep[i]) })),
  };
}

/** The deadlines of the selected credentials (a card's expiry belongs to the credential relying on it). */
export function selectUpcoming(items: readonly UpcomingItem[], rows: readonly TeamViewRow[], state: TeamState): UpcomingItem[] {
  if (!isFiltered(state)) return [...items];
  const credentials = new Set(rows.map((r) => r.credential));
  return items.filter((item) => credentials.has(item.credentialId));
}

const LAST_VIEW = 'recert.team-view';

/** The Team screen's last URL, so the navigation link returns to the same filtered view. */
export function rememberTeamHash(hash: string): void {
  window.sessionStorage.setItem(LAST_VIEW, hash);
}

export function lastTeamHash(): string {
  return window.sessionStorage.getItem(LAST_VIEW) ?? '#/team';
}

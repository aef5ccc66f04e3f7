import { teamSortColumns, type TeamFilter, type TeamQuery, type TeamSortColumn } from '../../../preload/contract';
import type { TeamOrder } from './useTeamRows';

/** What the Team screen shows: kept in the URL, so Back and the navigation return to the same view. */
export interface TeamState {
  filter: TeamFilter | '';
  ruleSet: string;
  status: string;
  cprAed: '' | 'ok' | 'not-ok';
  audit: '' | 'open' | 'none';
  search: string;
  sort: TeamSortColumn;
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
    sort: (teamSortColumns as readonly string[]).includes(get('sort')) ? (get('sort') as TeamSortColumn) : 'urgency',
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

/** What main is asked to select: the filters of the state, each only when set. */
export function teamQuery(state: TeamState): TeamQuery {
  const query: TeamQuery = {};
  if (state.filter) query.filter = state.filter;
  if (state.ruleSet) query.ruleSet = state.ruleSet;
  if (state.status) query.status = state.status as NonNullable<TeamQuery['status']>;
  if (state.cprAed) query.cprAed = state.cprAed;
  if (state.audit) query.audit = state.audit;
  if (state.search.trim()) query.search = state.search;
  return query;
}

export function teamOrder(state: TeamState): TeamOrder {
  return state.sort === 'urgency' && !state.descending ? {} : { sort: state.sort, descending: state.descending };
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

const LAST_VIEW = 'recert.team-view';

/** The Team screen's last URL, so the navigation link returns to the same filtered view. */
export function rememberTeamHash(hash: string): void {
  window.sessionStorage.setItem(LAST_VIEW, hash);
}

export function lastTeamHash(): string {
  return window.sessionStorage.getItem(LAST_VIEW) ?? '#/team';
}

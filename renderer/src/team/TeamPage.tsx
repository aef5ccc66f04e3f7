import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TeamFilter, TeamViewRow } from '../../../preload/contract';
import { call, useApi } from '../api';
import { href, type Route } from '../shell/routes';
import { usePeople } from '../state/people';
import { FileExportButton } from '../ui/FileExportButton';
import { LoadError } from '../ui/LoadError';
import { SelectField } from '../ui/SelectField';
import { useSlashToSearch } from '../ui/useSlashToSearch';
import {
  fromStatusChoice,
  isFiltered,
  NO_FILTERS,
  rememberTeamHash,
  statusChoice,
  teamOrder,
  teamQuery,
  teamStateFrom,
  teamStateParams,
  type TeamState,
} from './team-filters';
import { TeamFolderState, useTeamFolder } from './TeamFolderState';
import { TeamMatrix } from './TeamMatrix';
import { TeamTable } from './TeamTable';
import { TeamUpcoming } from './TeamUpcoming';
import { TeamWithoutCredential } from './TeamWithoutCredential';
import { useTeamRows } from './useTeamRows';
import { CertificateInbox } from '../intake/CertificateInbox';
import { usePrintPreparation } from '../ui/printing';

/** The gym manager's home: who needs attention, what expires when, and a report to hand on. */
export function TeamPage({ route }: { route: Route }) {
  const { choose } = usePeople();
  // One state per URL, and one query per state: main filters, searches and sorts the team, and the
  // table asks it again only when the query itself changes.
  const params = route.params.toString();
  const state = useMemo(() => teamStateFrom(new URLSearchParams(params)), [params]);
  const query = useMemo(() => teamQuery(state), [state]);
  const order = useMemo(() => teamOrder(state), [state]);
  const view = useApi('getTeamOverview', {});
  const data = view.data;
  const rows = useTeamRows(query, order);
  usePrintPreparation(rows.loadAll);
  // The matrix and Upcoming tabs read again (remounted) when the records change under them.
  const [round, setRound] = useState(0);
  const reloadView = view.reload;
  const reloadRows = rows.reload;
  const reload = useCallback(() => {
    reloadView();
    reloadRows();
    setRound((r) => r + 1);
  }, [reloadView, reloadRows]);
  // Records that arrive through the team folder appear here without a click.
  const teamFolder = useTeamFolder(reload);

  const searchInput = useRef<HTMLInputElement>(null);
  useSlashToSearch(searchInput);

  const hash = href('team', teamStateParams(state));
  useEffect(() => rememberTeamHash(hash), [hash]);

  /** Filters live in the URL: replaced, not pushed, so Back leaves the screen rather than undoing a keystroke. */
  function update(changes: Partial<TeamState>) {
    const next = href('team', teamStateParams({ ...state, ...changes }));
    window.history.replaceState(null, '', next);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }
  const open = useCallback(
    (personId: string) => {
      choose(personId);
      window.location.hash = href('dashboard');
    },
    [choose],
  );
  const openRow = useCallback((row: TeamViewRow) => open(row.person), [open]);

  const filtered = isFiltered(state);
  const clearFilters = () => update(NO_FILTERS);
  const noMatch = (
    <p className="empty-state card">
      No credentials match these filters.{' '}
      <button type="button" className="link-button" onClick={clearFilters}>
        Clear filters
      </button>
    </p>
  );
  return (
    <section aria-labelledby="section-title">
      <div className="section-header">
        <h1 id="section-title">Team</h1>
        <div className="team-actions">
          <FileExportButton label="Export CSV" make={() => call('exportTeamReport', { format: 'csv' })} />
          <FileExportButton label="Export PDF report" make={() => call('exportTeamReport', { format: 'pdf' })} />
          <FileExportButton label="Add to calendar…" make={() => call('exportCalendar', {})} />
          <a className="button-link" href={href('staff', { roster: '1' })}>
            Import roster…
          </a>
        </div>
      </div>
      {teamFolder.view && (teamFolder.view.joined || teamFolder.view.conflicts.length > 0) && (
        <div className="card team-folder-card" role="region" aria-label="Team folder">
          <TeamFolderState
            view={teamFolder.view}
            onChanged={(next) => {
              teamFolder.setView(next);
              reload();
            }}
          />
        </div>
      )}
      <LoadError error={view.error ?? rows.error} />
      <CertificateInbox onFiled={reload} />
      {data && (
        <>
          <ul className="team-counts" aria-label="Summary: choose a number to show those credentials">
            {data.counts.map((c) => (
              <li key={c.label}>
                <button
                  type="button"
                  className={`team-count tone-${c.count === 0 ? 'neutral' : c.tone}`}
                  aria-pressed={c.filter !== null && state.filter === c.filter}
                  title={c.definition ?? undefined}
                  onClick={() => update({ filter: c.filter === null || state.filter === c.filter ? '' : (c.filter as TeamFilter) })}
                >
                  <span className="team-count-number">{c.figure}</span>
                  <span className="team-count-label">{c.label}</span>
                </button>
              </li>
            ))}
          </ul>
          <p className="team-definitions muted">
            {data.definitions.map((d) => (
              <span key={d.term}>
                <strong>{d.term}:</strong> {d.text}{' '}
              </span>
            ))}
          </p>
          <div className="toolbar">
            <SelectField
              label="Credential type"
              value={state.ruleSet}
              onChange={(e) => update({ ruleSet: e.target.value })}
              options={[{ value: '', label: 'All types' }, ...data.options.ruleSets]}
            />
            <SelectField
              label="Status"
              value={statusChoice(state)}
              onChange={(e) => update(fromStatusChoice(e.target.value))}
              options={[
                { value: '', label: 'Any status' },
                ...data.options.filters.map((f) => ({ value: `filter:${f.value}`, label: f.label })),
                ...data.options.statuses.map((s) => ({ value: `status:${s.value}`, label: s.label })),
              ]}
            />
            <SelectField
              label="CPR/AED"
              value={state.cprAed}
              onChange={(e) => update({ cprAed: e.target.value as TeamState['cprAed'] })}
              options={[
                { value: '', label: 'Any' },
                { value: 'ok', label: 'OK' },
                { value: 'not-ok', label: 'Not OK' },
              ]}
            />
            <SelectField
              label="Audit"
              value={state.audit}
              onChange={(e) => update({ audit: e.target.value as TeamState['audit'] })}
              options={[
                { value: '', label: 'Any' },
                { value: 'open', label: 'Audit open' },
                { value: 'none', label: 'No open audit' },
              ]}
            />
            <div className="field search-field">
              <label htmlFor="team-search">Search</label>
              <input
                id="team-search"
                ref={searchInput}
                type="search"
                placeholder="Name or employee ID"
                value={state.search}
                onChange={(e) => update({ search: e.target.value })}
              />
            </div>
          </div>
          <p className="log-summary" role="status">
            {rows.countText}
            {filtered && (
              <button type="button" className="link-button" onClick={clearFilters}>
                Show all
              </button>
            )}
          </p>
          <div className="team-tabs" role="tablist" aria-label="Team views">
            <button type="button" role="tab" aria-selected={state.tab === 'rows'} onClick={() => update({ tab: 'rows' })}>
              Credentials
            </button>
            <button type="button" role="tab" aria-selected={state.tab === 'matrix'} onClick={() => update({ tab: 'matrix' })}>
              Training matrix
            </button>
            <button type="button" role="tab" aria-selected={state.tab === 'upcoming'} onClick={() => update({ tab: 'upcoming' })}>
              Upcoming
            </button>
          </div>
          {filtered && rows.total === 0 ? (
            noMatch
          ) : state.tab === 'matrix' ? (
            <TeamMatrix key={round} query={query} onOpen={open} />
          ) : state.tab === 'upcoming' ? (
            <TeamUpcoming key={round} window={state.window} onWindow={(window) => update({ window })} query={query} filtered={filtered} />
          ) : data.summary.credentials === 0 ? (
            <>
              <p className="empty-state card">
                No credentials yet. Add trainers on <a href={href('staff')}>Staff</a>, or import your roster from a spreadsheet.
              </p>
              <TeamWithoutCredential people={data.withoutCredential} onOpen={open} />
            </>
          ) : (
            <>
              {rows.total !== null && (
                <TeamTable
                  total={rows.total}
                  rowAt={rows.rowAt}
                  ensure={rows.ensure}
                  sort={state.sort}
                  descending={state.descending}
                  onSort={(sort, descending) => update({ sort, descending })}
                  onOpen={openRow}
                />
              )}
              <TeamWithoutCredential people={data.withoutCredential} onOpen={open} />
            </>
          )}
        </>
      )}
    </section>
  );
}

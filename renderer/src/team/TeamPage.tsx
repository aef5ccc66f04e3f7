import { useCallback, useEffect, useMemo, useRef } from 'react';
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
  selectMatrix,
  selectRows,
  selectUpcoming,
  statusChoice,
  teamStateFrom,
  teamStateParams,
  type TeamState,
} from './team-filters';
import { TeamFolderState, useTeamFolder } from './TeamFolderState';
import { TeamMatrix } from './TeamMatrix';
import { TeamTable } from './TeamTable';
import { TeamUpcoming } from './TeamUpcoming';
import { TeamWithoutCredential } from './TeamWithoutCredential';
import { CertificateInbox } from '../intake/CertificateInbox';

/** The gym manager's home: who needs attention, what expires when, and a report to hand on. */
export function TeamPage({ route }: { route: Route }) {
  const { choose } = usePeople();
  // One state per URL: a new object at every render would filter the whole team and rebuild the
  // table's row model each time the screen renders for any other reason (the folder's state, the inbox).
  const query = route.params.toString();
  const state = useMemo(() => teamStateFrom(new URLSearchParams(query)), [query]);
  const view = useApi('getTeamView', {});
  const data = view.data;
  // Records that arrive through the team folder appear here without a click.
  const teamFolder = useTeamFolder(view.reload);
  const rows = useMemo(() => (data ? selectRows(data.rows, state) : []), [data, state]);

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
              view.reload();
            }}
          />
        </div>
      )}
      <LoadError error={view.error} />
      <CertificateInbox onFiled={view.reload} />
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
                  <span className="team-count-number">{c.count}</span>
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
            {rows.length === data.rows.length ? `${rows.length} credentials` : `${rows.length} of ${data.rows.length} credentials`}
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
          {filtered && rows.length === 0 ? (
            noMatch
          ) : state.tab === 'matrix' ? (
            <TeamMatrix matrix={selectMatrix(data.matrix, rows, state)} rows={data.rows} onOpen={open} />
          ) : state.tab === 'upcoming' ? (
            <TeamUpcoming
              window={state.window}
              onWindow={(window) => update({ window })}
              select={(items) => selectUpcoming(items, rows, state)}
              filtered={filtered}
            />
          ) : data.rows.length === 0 ? (
            <>
              <p className="empty-state card">
                No credentials yet. Add trainers on <a href={href('staff')}>Staff</a>, or import your roster from a spreadsheet.
              </p>
              <TeamWithoutCredential people={data.withoutCredential} onOpen={open} />
            </>
          ) : (
            <>
              <TeamTable
                rows={rows}
                sort={state.sort}
                descending={state.descending}
                onSort={(sort, descending) => update({ sort, descending })}
                onOpen={openRow}
              />
              <TeamWithoutCredential people={data.withoutCredential} onOpen={open} />
            </>
          )}
        </>
      )}
    </section>
  );
}

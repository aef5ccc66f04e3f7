import { useRef, useState } from 'react';
import type { Person } from '../../../preload/contract';
import { call, useApi } from '../api';
import type { Route } from '../shell/routes';
import { usePeople } from '../state/people';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ShowMore, useShown } from '../ui/ShowMore';
import { useSlashToSearch } from '../ui/useSlashToSearch';
import { PersonForm } from './PersonForm';
import { RosterImport } from './RosterImport';

type Editing = { mode: 'none' } | { mode: 'add' } | { mode: 'edit'; person: Person };

export function StaffPage({ route }: { route: Route }) {
  const [showInactive, setShowInactive] = useState(false);
  // "I manage a team" on the welcome screen opens the form for the first trainer.
  const [editing, setEditing] = useState<Editing>(route.params.get('add') ? { mode: 'add' } : { mode: 'none' });
  const [message, setMessage] = useState<string | null>(null);
  const [importing, setImporting] = useState(route.params.get('roster') === '1');
  const shared = usePeople();
  const [search, setSearch] = useState('');

  const [deactivating, setDeactivating] = useState<Person | null>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  useSlashToSearch(searchInput);

  const list = useApi('listPeople', { includeInactive: showInactive });
  const needle = search.trim().toLocaleLowerCase();
  const { shown, more } = useShown(`${needle}|${showInactive}`);
  const people =
    list.data && needle
      ? list.data.filter((p) => [p.name, p.email ?? '', p.employeeId ?? ''].some((text) => text.toLocaleLowerCase().includes(needle)))
      : list.data;
  function refresh() {
    list.reload();
    void shared.refresh();
  }

  async function setActive(person: Person, active: boolean) {
    const result = await call('updatePerson', { ...person, active });
    if (result.ok) {
      setMessage(active ? `${person.name} is active again.` : `${person.name} was deactivated; their records are kept.`);
      refresh();
    } else setMessage(result.error.message);
  }

  return (
    <section aria-labelledby="section-title">
      <div className="section-header">
        <h1 id="section-title">Staff</h1>
        <div className="team-actions">
          <button type="button" onClick={() => setImporting(true)} disabled={importing}>
            Import roster…
          </button>
          <button type="button" className="primary" onClick={() => setEditing({ mode: 'add' })} disabled={editing.mode !== 'none'}>
            Add person
          </button>
        </div>
      </div>
      <p className="section-intro">Everyone whose certificates this app keeps: yourself, or your whole team.</p>

      {importing && (
        <RosterImport
          onClose={() => setImporting(false)}
          onImported={(text) => {
            setImporting(false);
            setMessage(text);
            refresh();
          }}
        />
      )}
      {editing.mode !== 'none' && (
        <PersonForm
          key={editing.mode === 'edit' ? editing.person.id : 'new'}
          person={editing.mode === 'edit' ? editing.person : undefined}
          onCancel={() => setEditing({ mode: 'none' })}
          onSaved={(person) => {
            setEditing({ mode: 'none' });
            setMessage(`Saved ${person.name}.`);
            refresh();
          }}
        />
      )}

      <p className="status-message" role="status">
        {message}
      </p>

      <div className="toolbar" role="search" aria-label="Find people">
        <label className="checkbox">
          <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />
          Show deactivated people
        </label>
        <div className="field search-field">
          <label htmlFor="staff-search">Search</label>
          <input
            id="staff-search"
            ref={searchInput}
            type="search"
            placeholder="Name, e-mail or employee ID"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
      </div>

      {people === null ? (
        <p>Loading…</p>
      ) : people.length === 0 && needle ? (
        <p className="empty-state">No one matches “{search.trim()}”.</p>
      ) : people.length === 0 ? (
        <p className="empty-state">No one here yet. Choose “Add person” to add yourself or the first trainer on your team.</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">People</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Employee ID</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.slice(0, shown).map((person) => (
              <tr key={person.id}>
                <td>{person.name}</td>
                <td>{person.email ?? '—'}</td>
                <td>{person.employeeId ?? '—'}</td>
                <td>{person.active ? 'Active' : 'Deactivated'}</td>
                <td className="row-actions">
                  <div>
                    <button type="button" onClick={() => setEditing({ mode: 'edit', person })} aria-label={`Edit ${person.name}`}>
                      Edit
                    </button>
                    <button
                      type="button"
                      onClick={() => (person.active ? setDeactivating(person) : void setActive(person, true))}
                      aria-label={`${person.active ? 'Deactivate' : 'Reactivate'} ${person.name}`}
                    >
                      {person.active ? 'Deactivate' : 'Reactivate'}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ShowMore shown={shown} total={people?.length ?? 0} noun="people" hint="search to find someone." onMore={more} />
      {deactivating && (
        <ConfirmDialog
          title={`Deactivate ${deactivating.name}?`}
          message={`${deactivating.name} leaves the Team screen, the report and the reminders. Their courses, cards and certificates are kept; “Show deactivated people” lists them to reactivate.`}
          confirmLabel="Deactivate"
          onCancel={() => setDeactivating(null)}
          onConfirm={() => {
            const person = deactivating;
            setDeactivating(null);
            void setActive(person, false);
          }}
        />
      )}
    </section>
  );
}

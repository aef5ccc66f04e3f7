import { useState } from 'react';
import type { Person } from '../../../preload/contract';
import { call, useApi } from '../api';
import type { Route } from '../shell/routes';
import { usePeople } from '../state/people';
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

  const list = useApi('listPeople', { includeInactive: showInactive });
  const people = list.data;
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

      <label className="checkbox">
        <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />
        Show deactivated people
      </label>

      {people === null ? (
        <p>Loading…</p>
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
            {people.map((person) => (
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
                      onClick={() => void setActive(person, !person.active)}
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
    </section>
  );
}

import { useEffect, useState } from 'react';
import { askEarly, useApi } from '../api';
import type { Route } from '../shell/routes';
import { usePeople } from '../state/people';
import { LoadError } from '../ui/LoadError';
import { Welcome } from '../welcome/Welcome';
import { PersonUpcoming } from '../reminders/PersonUpcoming';
import { CredentialCard } from './CredentialCard';
import { CredentialForm } from './CredentialForm';

/** The dashboard's evaluation, asked for as the user opens it (see askEarly). */
export function askDashboardEarly(personId: string): void {
  askEarly('evaluatePerson', { personId });
}

export function DashboardPage({ route }: { route: Route }) {
  const { people, person, choose } = usePeople();
  // A reminder's click opens a trainer's dashboard by naming them in the URL.
  const named = route.params.get('person');
  useEffect(() => {
    if (named && people?.some((p) => p.id === named)) choose(named);
  }, [named, people, choose]);
  const [adding, setAdding] = useState(false);
  const { data: evaluations, error, reload } = useApi('evaluatePerson', person ? { personId: person.id } : null);
  const [version, setVersion] = useState(0);
  const refresh = () => {
    reload();
    setVersion((v) => v + 1);
  };

  if (people && people.length === 0) return <Welcome />;

  return (
    <section aria-labelledby="section-title">
      <div className="section-header">
        <h1 id="section-title">{person ? `${person.name}'s dashboard` : 'Dashboard'}</h1>
        {person && !adding && (
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            Add credential
          </button>
        )}
      </div>
      <LoadError error={error} />
      {person && adding && (
        <CredentialForm
          personId={person.id}
          onCancel={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            refresh();
          }}
        />
      )}
      {evaluations === null ? (
        !error && <p aria-busy="true">Loading…</p>
      ) : evaluations.length === 0 && !adding ? (
        <div className="empty-state card">
          <p>
            No credential yet. Add your certification (for example NASM-CPT) with its expiration date: Recert then shows what you still
            need.
          </p>
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            Add your first credential
          </button>
        </div>
      ) : (
        <>
          {evaluations.map((evaluation) => (
            <CredentialCard key={evaluation.credential.id} evaluation={evaluation} onChanged={refresh} />
          ))}
          {person && evaluations.length > 0 && <PersonUpcoming personId={person.id} version={version} />}
        </>
      )}
    </section>
  );
}

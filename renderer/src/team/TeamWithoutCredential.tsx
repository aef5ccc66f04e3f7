import type { TeamView } from '../../../preload/contract';
import { ShowMore, useShown } from '../ui/ShowMore';

/** Active people with no credential on file: in the team, so listed, but in no credential's row. Words from main. */
export function TeamWithoutCredential({ people, onOpen }: { people: TeamView['withoutCredential']; onOpen(person: string): void }) {
  // A chain whose staff came in before their credentials lists thousands here.
  const { shown, more } = useShown('');
  if (people.length === 0) return null;
  return (
    <section className="team-without-credential" aria-labelledby="team-without-credential-title">
      <h2 id="team-without-credential-title">
        No credential on file <span className="muted">({people.length})</span>
      </h2>
      <table className="data-table">
        <caption className="visually-hidden">People with no credential on file</caption>
        <thead>
          <tr>
            <th scope="col">Trainer</th>
            <th scope="col">Credential</th>
            <th scope="col">CPR/AED</th>
          </tr>
        </thead>
        <tbody>
          {people.slice(0, shown).map((p) => (
            <tr key={p.person}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onOpen(p.person)}>
                  {p.name}
                </button>
                {p.employeeId && <span className="muted"> · {p.employeeId}</span>}
              </th>
              <td className="muted">{p.text}</td>
              <td className={`tone-${p.cprAedTone}`}>{p.cprAedText}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ShowMore shown={shown} total={people.length} noun="people" hint="each opens on a click, to add a credential." onMore={more} />
    </section>
  );
}

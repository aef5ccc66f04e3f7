import { useEffect, useState } from 'react';
import type { CredentialEvaluation } from '../../../preload/contract';
import { load } from '../api';
import { href } from '../shell/routes';
import { usePeople } from '../state/people';
import { formatDate } from '../ui/format';

/** For gym managers: every active trainer's credentials and where they stand, at a glance. */
export function TeamOverview({ version }: { version: number }) {
  const { choose } = usePeople();
  const [rows, setRows] = useState<CredentialEvaluation[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    load('evaluateEveryone', {})
      .then(setRows)
      .catch((e: Error) => setError(e.message));
  }, [version]);

  if (error) return <p className="field-error">{error}</p>;
  if (!rows || rows.length === 0) return null;
  return (
    <section className="card" aria-labelledby="team-title">
      <h2 id="team-title">Team overview</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Trainer</th>
            <th scope="col">Credential</th>
            <th scope="col">Status</th>
            <th scope="col">Courses</th>
            <th scope="col">CPR/AED</th>
            <th scope="col">Expires</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.credential.id}>
              <td>
                <a href={href('dashboard')} onClick={() => choose(e.person.id)}>
                  {e.person.name}
                </a>
              </td>
              <td>{e.ruleSet.credential}</td>
              <td className={`tone-${e.statusTone}`}>{e.statusText}</td>
              <td>{e.meters[0]?.text}</td>
              <td className={`tone-${e.cprAedTone}`}>{e.cprAedText}</td>
              <td>{formatDate(e.verdict.deadlines.expiration)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

import type { TeamQuery } from '../../../preload/contract';
import { useApi } from '../api';
import { LoadError } from '../ui/LoadError';
import { ShowMore, useShown } from '../ui/ShowMore';

/**
 * People × credential types, plus CPR/AED: "who lacks X" in one look, with what each credential still
 * needs under its status. Each cell's words and tone come from main.
 */
export function TeamMatrix({ query, onOpen }: { query: TeamQuery; onOpen(person: string): void }) {
  // The people and columns the Team filters select, chosen in main.
  const answer = useApi('getTeamMatrix', query);
  const matrix = answer.data;
  const { shown, more } = useShown(JSON.stringify(query));
  if (!matrix) return <LoadError error={answer.error} />;
  if (matrix.rows.length === 0) return <p className="empty-state">No active trainer yet.</p>;
  return (
    <>
      <div className="matrix-scroller">
        <table className="data-table matrix">
          <caption className="visually-hidden">Training matrix: each trainer's status per credential type and CPR/AED</caption>
          <thead>
            <tr>
              <th scope="col">Trainer</th>
              {matrix.columns.map((c) => (
                <th key={c.ruleSet} scope="col">
                  {c.label}
                </th>
              ))}
              <th scope="col">CPR/AED</th>
            </tr>
          </thead>
          <tbody>
            {matrix.rows.slice(0, shown).map((row) => (
              <tr key={row.person}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => onOpen(row.person)}>
                    {row.name}
                  </button>
                  {row.employeeId && (
                    <>
                      {' '}
                      <span className="muted employee-id">· {row.employeeId}</span>
                    </>
                  )}
                </th>
                {row.cells.map((cell, i) => (
                  <td
                    key={matrix.columns[i]?.ruleSet ?? i}
                    className={`matrix-cell tone-${cell.tone}${cell.credential ? '' : ' matrix-none'}`}
                  >
                    {cell.text}
                    {cell.needed && <span className="matrix-needed">Still needed: {cell.needed}</span>}
                  </td>
                ))}
                <td className={`matrix-cell tone-${row.cprAed.tone}`}>{row.cprAed.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ShowMore
        shown={shown}
        total={matrix.rows.length}
        noun="trainers"
        hint="the filters and the search above narrow them."
        onMore={more}
      />
    </>
  );
}

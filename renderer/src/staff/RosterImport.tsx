import { useId, useState } from 'react';
import type { RosterPreview } from '../../../preload/contract';
import { call } from '../api';
import { formatDate } from '../ui/format';
import { ProblemList } from '../ui/ProblemList';

/**
 * A staff roster from a spreadsheet's CSV: previewed row by row before anything is written. A roster
 * with problems shows each one by line, column and person; the other rows can be imported, skipping
 * those, only when the manager chooses the button that says so.
 */
export function RosterImport({ onImported, onClose }: { onImported(message: string): void; onClose(): void }) {
  const inputId = useId();
  const [csvText, setCsvText] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function choose(file: File | undefined) {
    setPreview(null);
    setError(null);
    if (!file) return;
    const text = await file.text();
    setFileName(file.name);
    setCsvText(text);
    const result = await call('previewRoster', { csvText: text });
    if (result.ok) setPreview(result.value);
    else setError(result.error.message);
  }

  async function apply() {
    if (!csvText || !preview) return;
    const skipBadRows = preview.problems.length > 0;
    const result = await call('importRoster', { csvText, skipBadRows });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    onImported(`Imported ${fileName}: ${result.value.summaryText}${result.value.skippedText ? ` ${result.value.skippedText}` : ''}`);
  }

  const problems = preview?.problems ?? [];
  return (
    <section className="card roster-import" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>Import a staff roster</h2>
      <p className="muted">
        A CSV file with a header row: name, e-mail, employee ID, credential type (e.g. NASM-CPT), certification number and expiration date
        (2027-03-31, 3/31/2027 or 31 Mar 2027); optionally the CPR/AED card: CPR provider, CPR completed, CPR expiration and hands-on (yes
        or no). A row without a credential adds the person alone. Nothing is saved until you choose Import.
      </p>
      <div className="field">
        <label htmlFor={inputId}>Roster CSV file</label>
        <input id={inputId} type="file" accept=".csv,text/csv" onChange={(e) => void choose(e.target.files?.[0])} />
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {preview && problems.length > 0 && <ProblemList heading={preview.problemsHeading ?? ''} problems={problems} />}
      {preview && preview.rows.length > 0 && (
        <>
          <p role="status">
            {problems.length > 0 ? 'From the other rows: ' : 'To be imported: '}
            {preview.summaryText}
          </p>
        </>
      )}
      {/* Above the rows: a roster of 30 people is longer than the window, and the choice belongs with the problems. */}
      <div className="form-actions">
        <button type="button" className="primary" disabled={!preview?.importText} onClick={() => void apply()}>
          {preview?.importText ?? 'Import'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      {preview && preview.rows.length > 0 && (
        <>
          <table className="data-table">
            <caption className="visually-hidden">What the roster will do, row by row</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Name</th>
                <th scope="col">Credential</th>
                <th scope="col">Expires</th>
                <th scope="col">CPR/AED</th>
                <th scope="col">Will</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <td>
                    {r.name}
                    {r.employeeId && <span className="muted"> · {r.employeeId}</span>}
                  </td>
                  <td>{r.credential}</td>
                  <td>{r.expires ? formatDate(r.expires) : '—'}</td>
                  <td>{r.cprAed ?? '—'}</td>
                  <td>{r.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

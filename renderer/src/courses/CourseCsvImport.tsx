import { useId, useState } from 'react';
import type { CourseCsvField, CourseCsvView, Credential } from '../../../preload/contract';
import { call } from '../api';
import { ProblemList } from '../ui/ProblemList';

/**
 * Courses from a spreadsheet or a provider's transcript (CSV): the columns Recert recognised, each
 * changeable; every row as it will be saved, or every problem by line and column. Nothing is saved
 * until Import, and a file with any problem imports nothing.
 */
export function CourseCsvImport({
  personId,
  credentials,
  credentialName,
  onImported,
  onCancel,
}: {
  personId: string;
  credentials: Credential[];
  credentialName(c: Credential): string;
  onImported(message: string): void;
  onCancel(): void;
}) {
  const inputId = useId();
  const [csvText, setCsvText] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<CourseCsvField, number>>>({});
  const [credentialId, setCredentialId] = useState('');
  const [view, setView] = useState<CourseCsvView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const input = (text: string, columns: Partial<Record<CourseCsvField, number>>) => ({
    personId,
    csvText: text,
    mapping: columns,
    ...(credentialId ? { credentialIds: [credentialId] } : {}),
  });

  async function preview(text: string, columns: Partial<Record<CourseCsvField, number>>) {
    setError(null);
    const result = await call('previewCourseCsv', input(text, columns));
    if (result.ok) setView(result.value);
    else {
      setView(null);
      setError(result.error.message);
    }
  }

  async function choose(file: File | undefined) {
    setView(null);
    setMapping({});
    if (!file) return;
    const text = await file.text();
    setCsvText(text);
    await preview(text, {});
  }

  async function remap(field: CourseCsvField, index: number) {
    const next = { ...mapping, [field]: index };
    setMapping(next);
    if (csvText) await preview(csvText, next);
  }

  async function apply() {
    if (!csvText) return;
    const result = await call('importCourseCsv', input(csvText, mapping));
    if (result.ok) onImported(result.value.summaryText);
    else setError(result.error.message);
  }

  const problems = view?.problems ?? [];
  return (
    <section className="card course-csv" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>Import courses from CSV</h2>
      <p className="muted">
        A header row naming the columns (title, provider, date completed, CEUs or contact hours, approval code, approval), then one row per
        course. Dates may be 2026-02-01, 2/1/2026 or 1 Feb 2026.
      </p>
      <div className="field">
        <label htmlFor={inputId}>CSV file</label>
        <input id={inputId} type="file" accept=".csv,text/csv,.tsv,.txt" onChange={(e) => void choose(e.target.files?.[0])} />
      </div>
      {credentials.length > 1 && (
        <div className="field">
          <label htmlFor={`${inputId}-credential`}>Count toward</label>
          <select id={`${inputId}-credential`} value={credentialId} onChange={(e) => setCredentialId(e.target.value)}>
            <option value="">Every credential</option>
            {credentials.map((c) => (
              <option key={c.id} value={c.id}>
                {credentialName(c)}
              </option>
            ))}
          </select>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {view && (
        <fieldset className="column-mapping">
          <legend>Columns</legend>
          {view.columns.map((column) => (
            <div className="field" key={column.field}>
              <label htmlFor={`${inputId}-${column.field}`}>
                {column.label}
                {column.required ? '' : ' (optional)'}
              </label>
              <select
                id={`${inputId}-${column.field}`}
                value={column.index}
                onChange={(e) => void remap(column.field, Number(e.target.value))}
              >
                <option value={-1}>(none)</option>
                {view.header.map((name, index) => (
                  <option key={`${name}-${index}`} value={index}>
                    {name || `Column ${index + 1}`}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
      )}
      {view && problems.length > 0 && (
        <ProblemList heading="Nothing can be imported until these are fixed in the file:" problems={problems} />
      )}
      {view && problems.length === 0 && (
        <>
          <p role="status">To be added: {view.summaryText}</p>
          <div className="table-scroll">
            <table className="data-table course-csv-rows">
              <caption className="visually-hidden">The courses the file holds, as they will be saved</caption>
              <colgroup>
                <col />
                <col className="course-csv-date" />
                <col className="course-csv-amount" />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Completed</th>
                  <th scope="col">Amount</th>
                </tr>
              </thead>
              <tbody>
                {view.rows.slice(0, 100).map((row) => (
                  <tr key={row.line}>
                    <td className="course-csv-title" title={`Line ${row.line}: ${row.title} · ${row.provider} · ${row.approvalText}`}>
                      {row.title}
                    </td>
                    <td>{row.completedText}</td>
                    <td>{row.amountText}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => void apply()} disabled={!view || problems.length > 0}>
          Import
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

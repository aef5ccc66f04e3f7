import { useId, useMemo, useState } from 'react';
import type { Person, RecordsImportView } from '../../../preload/contract';
import { call } from '../api';
import { usePeople } from '../state/people';
import { FileExportButton } from '../ui/FileExportButton';
import { readAsBase64 } from '../ui/files';
import { LongSelect } from '../ui/LongSelect';
import { usePersonChoices } from '../ui/person-choices';
import { ProblemList } from '../ui/ProblemList';

const NO_ONE: Person[] = [];

/**
 * Records that move between a trainer and a manager: a .recert bundle to send (one person's records
 * and certificates, or everyone's), and "Import records…", previewed record by record before Apply.
 */
export function RecordsPanel() {
  const { people, person, refresh } = usePeople();
  const inputId = useId();
  const [who, setWho] = useState<string>('');
  const [upload, setUpload] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [view, setView] = useState<RecordsImportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The preview's conflicts the person ticked: a stored person's id used in the file for someone else. */
  const [samePeople, setSamePeople] = useState<string[]>([]);
  const chosen = who || person?.id || '';
  const count = people?.length ?? 0;
  const everyone = useMemo(
    () => (count > 1 ? [{ value: 'everyone', label: `Everyone (${count.toLocaleString('en')} people)` }] : []),
    [count],
  );
  const choices = usePersonChoices(people ?? NO_ONE, undefined, everyone);

  async function choose(file: File | undefined) {
    setView(null);
    setError(null);
    setUpload(null);
    setSamePeople([]);
    if (!file) return;
    setBusy(true);
    const next = { fileName: file.name, contentBase64: await readAsBase64(file) };
    const result = await call('previewRecordsImport', next);
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setUpload(next);
    setView(result.value);
  }

  async function apply() {
    if (!upload) return;
    setBusy(true);
    const result = await call('applyRecordsImport', { ...upload, samePeople });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setView(result.value);
    setUpload(null);
    await refresh();
  }

  return (
    <section className="card records-panel" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>Share records</h2>
      <p className="muted">
        A records bundle (.recert) is one file with the records and every certificate: e-mail it to your manager, or keep it as a copy.
        Importing one adds what is new and updates what changed; nothing already here is deleted.
      </p>
      {people && people.length > 0 && (
        <div className="share-row">
          <div className="field">
            <label htmlFor={`${inputId}-who`}>Records of</label>
            <LongSelect id={`${inputId}-who`} choices={choices} value={chosen} placeholder="Type a name, or Everyone" onChange={setWho} />
          </div>
          <FileExportButton
            label="Export records bundle…"
            make={() => call('exportRecordsBundle', chosen === 'everyone' || !chosen ? {} : { personId: chosen })}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor={inputId}>Import records (a .recert bundle or a records file)</label>
        <input
          id={inputId}
          type="file"
          accept=".recert,.json,application/json"
          onChange={(e) => void choose(e.target.files?.[0])}
          disabled={busy}
        />
      </div>
      {busy && <p role="status">Reading…</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {view && view.problems.length > 0 && (
        <ProblemList heading={`${view.fileName} cannot be imported; nothing was changed:`} problems={view.problems} />
      )}
      {view && view.problems.length === 0 && (
        <div className="import-preview" role="region" aria-label="Import preview">
          <p role="status">{view.applied ? `Imported ${view.fileName}:` : `${view.fileName} will change this:`}</p>
          <ul className="import-lines">
            {view.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {view.rows.length > 0 && (
            <table className="data-table">
              <caption className="visually-hidden">Each record the import adds, updates or keeps</caption>
              <thead>
                <tr>
                  <th scope="col">Will be</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Person</th>
                  <th scope="col">Record</th>
                </tr>
              </thead>
              <tbody>
                {view.rows.slice(0, 200).map((row, i) => (
                  <tr key={`${row.kind}-${row.label}-${i}`} className={`import-${row.action}`}>
                    <td>{row.actionText}</td>
                    <td>{row.kindText}</td>
                    <td>{row.person}</td>
                    <td>{row.label}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {!view.applied && view.conflicts.length > 0 && (
            <fieldset className="import-conflicts">
              <legend>Confirm before applying: the same id, another person</legend>
              {view.conflicts.map((conflict) => (
                <div key={conflict.personId} className="import-conflict">
                  <p>{conflict.text}</p>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={samePeople.includes(conflict.personId)}
                      onChange={(e) =>
                        setSamePeople((ids) =>
                          e.target.checked ? [...ids, conflict.personId] : ids.filter((id) => id !== conflict.personId),
                        )
                      }
                    />
                    {conflict.confirmText}
                  </label>
                </div>
              ))}
            </fieldset>
          )}
          {!view.applied && (
            <div className="form-actions">
              <button
                type="button"
                className="primary"
                onClick={() => void apply()}
                disabled={busy || view.conflicts.some((c) => !samePeople.includes(c.personId))}
              >
                Apply
              </button>
              <button type="button" onClick={() => setView(null)}>
                Cancel
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

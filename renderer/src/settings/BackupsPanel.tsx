import { useId, useState } from 'react';
import type { BackupListItem, BackupsView, DataCheckView } from '../../../preload/contract';
import { call, useApi } from '../api';
import { LoadError } from '../ui/LoadError';
import { RESTORED_KEY, RestoreConfirm, type RestoreChoice } from './RestoreConfirm';
import { SecondPlace } from './SecondPlace';

/**
 * Backups (made daily, or now, copied to a second place), restoring any of them, the recovery drill
 * and "Check my data": the records a person fears losing, looked after.
 */
export function BackupsPanel() {
  const loaded = useApi('getBackups', {});
  // Said once after the reload that follows a restore.
  const [restoredText] = useState(() => {
    const text = window.sessionStorage.getItem(RESTORED_KEY);
    window.sessionStorage.removeItem(RESTORED_KEY);
    return text;
  });
  const [changed, setChanged] = useState<BackupsView | null>(null);
  const view = changed ?? loaded.data;
  const [busy, setBusy] = useState<'backup' | 'drill' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [check, setCheck] = useState<DataCheckView | null>(null);
  const restoreId = useId();
  const [choice, setChoice] = useState<RestoreChoice | null>(null);

  async function run(what: 'backup' | 'drill') {
    setBusy(what);
    setError(null);
    const result = await call(what === 'backup' ? 'backUpNow' : 'testMyBackups', {});
    setBusy(null);
    if (result.ok) setChanged(result.value);
    else setError(result.error.message);
  }
  async function runCheck(method: 'checkMyData' | 'removeUnusedFiles') {
    setError(null);
    const result = await call(method, {});
    if (result.ok) setCheck(result.value);
    else setError(result.error.message);
  }

  const all = view ? [...view.backups, ...view.secondPlace.backups] : [];
  const listed = (b: BackupListItem): RestoreChoice => ({
    kind: 'listed',
    place: b.place,
    name: b.name,
    encrypted: b.encrypted,
    description: `${b.madeText}, ${b.place === 'here' ? 'on this computer' : `in ${b.whereText}`}`,
  });

  return (
    <section className="card" aria-labelledby="backups-title">
      <h2 id="backups-title">Backups</h2>
      <LoadError error={loaded.error ?? error} />
      {view && (
        <>
          {view.notice && <p role="alert">{view.notice}</p>}
          {view.secondPlace.warning && (
            <p className="backup-warning" role="alert">
              {view.secondPlace.warning}
            </p>
          )}
          <p role="status">{restoredText ?? view.lastText}</p>
          <p className="muted">
            Recert makes a backup every day it runs and keeps the last 7 days and the last 4 weeks in{' '}
            <code className="path">{view.folder}</code>
            {view.secondPlace.placeText ? `, and a copy of each in ${view.secondPlace.placeText}` : ''}.
          </p>
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => void run('backup')} disabled={busy !== null}>
              {busy === 'backup' ? 'Backing up…' : 'Back up now'}
            </button>
            <button type="button" onClick={() => void run('drill')} disabled={busy !== null}>
              {busy === 'drill' ? 'Testing…' : 'Test my backups'}
            </button>
            <button type="button" onClick={() => void runCheck('checkMyData')}>
              Check my data
            </button>
          </div>
          <div className="backup-drill" role="region" aria-label="Backup test">
            <p className={view.drill.ok === false ? 'field-error' : view.drill.ok ? 'ok-text' : 'muted'}>{view.drill.lastText}</p>
            {view.drill.lines.length > 0 && (
              <ul>
                {view.drill.lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </div>
          <SecondPlace view={view} onChanged={setChanged} />
          <h3>Restore</h3>
          <div className="field restore-field">
            <label htmlFor={restoreId}>Restore from a file…</label>
            <input
              id={restoreId}
              type="file"
              accept=".zip,.age,application/zip"
              onChange={(e) => {
                const file = e.target.files?.[0];
                setChoice(file ? { kind: 'file', file } : null);
              }}
            />
          </div>
          {choice && (
            <RestoreConfirm
              key={choice.kind === 'file' ? `file:${choice.file.name}` : `${choice.place}:${choice.name}`}
              choice={choice}
              replacing
              keepsPassphrase={view.passphrase.set}
              onCancel={() => setChoice(null)}
            />
          )}
          {all.length > 0 && (
            <table className="data-table backup-list">
              <caption className="visually-hidden">Backups of both places, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Made</th>
                  <th scope="col">Where</th>
                  <th scope="col">Size</th>
                  <th scope="col">Encrypted</th>
                  <th scope="col">Backup</th>
                  <th scope="col">
                    <span className="visually-hidden">Restore</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...view.backups.slice(0, 12), ...view.secondPlace.backups.slice(0, 12)].map((b) => (
                  <tr key={`${b.place}:${b.name}`}>
                    <td>{b.madeText}</td>
                    <td>{b.whereText}</td>
                    <td>{b.sizeText}</td>
                    <td>{b.encrypted ? 'Encrypted' : 'No'}</td>
                    <td className="backup-name">{b.name}</td>
                    <td>
                      <button type="button" onClick={() => setChoice(listed(b))} aria-label={`Restore ${b.name} (${b.whereText})`}>
                        Restore
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {check && (
        <div className="data-check" role="region" aria-label="Check my data">
          <p className={check.ok ? 'ok-text' : 'field-error'}>{check.summary}</p>
          {check.problems.length > 0 && (
            <ul>
              {check.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {check.unusedFiles.length > 0 && (
            <button type="button" onClick={() => void runCheck('removeUnusedFiles')}>
              Remove the files no record uses
            </button>
          )}
        </div>
      )}
    </section>
  );
}

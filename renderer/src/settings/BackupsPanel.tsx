import { useState } from 'react';
import type { BackupsView, DataCheckView } from '../../../preload/contract';
import { call, useApi } from '../api';
import { LoadError } from '../ui/LoadError';

/** Backups (made daily, or now) and "Check my data": the records a person fears losing, looked after. */
export function BackupsPanel() {
  const loaded = useApi('getBackups', {});
  const [changed, setChanged] = useState<BackupsView | null>(null);
  const view = changed ?? loaded.data;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [check, setCheck] = useState<DataCheckView | null>(null);

  async function backUp() {
    setBusy(true);
    setError(null);
    const result = await call('backUpNow', {});
    setBusy(false);
    if (result.ok) setChanged(result.value);
    else setError(result.error.message);
  }
  async function runCheck(method: 'checkMyData' | 'removeUnusedFiles') {
    setError(null);
    const result = await call(method, {});
    if (result.ok) setCheck(result.value);
    else setError(result.error.message);
  }

  return (
    <section className="card" aria-labelledby="backups-title">
      <h2 id="backups-title">Backups</h2>
      <LoadError error={loaded.error ?? error} />
      {view && (
        <>
          <p role="status">{view.lastText}</p>
          <p className="muted">
            Recert makes a backup every day it runs and keeps the last 7 days and the last 4 weeks in{' '}
            <code className="path">{view.folder}</code>. Copy one to another disk or a synced folder now and then; restore one with{' '}
            <code>recert restore FILE</code> (see the README).
          </p>
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => void backUp()} disabled={busy}>
              {busy ? 'Backing up…' : 'Back up now'}
            </button>
            <button type="button" onClick={() => void runCheck('checkMyData')}>
              Check my data
            </button>
          </div>
          {view.backups.length > 0 && (
            <table className="data-table">
              <caption className="visually-hidden">Backups in the data folder, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Backup</th>
                  <th scope="col">Made</th>
                  <th scope="col">Size</th>
                </tr>
              </thead>
              <tbody>
                {view.backups.slice(0, 12).map((b) => (
                  <tr key={b.name}>
                    <td>{b.name}</td>
                    <td>{b.madeText}</td>
                    <td>{b.sizeText}</td>
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

import { useId, useState } from 'react';
import type { BackupsView, DataCheckView } from '../../../preload/contract';
import { call, useApi } from '../api';
import { LoadError } from '../ui/LoadError';
import { readAsBase64 } from '../ui/files';

/** Backups (made daily, or now) and "Check my data": the records a person fears losing, looked after. */
export function BackupsPanel() {
  const loaded = useApi('getBackups', {});
  // Said once after the reload that follows a restore.
  const [restoredText] = useState(() => {
    const text = window.sessionStorage.getItem('recert.restored');
    window.sessionStorage.removeItem('recert.restored');
    return text;
  });
  const [changed, setChanged] = useState<BackupsView | null>(null);
  const view = changed ?? loaded.data;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [check, setCheck] = useState<DataCheckView | null>(null);
  const restoreId = useId();
  const [restoreFile, setRestoreFile] = useState<File | null>(null);
  const [restoring, setRestoring] = useState(false);

  /** Restore replaces everything: asked once more, then every screen reloads the restored data. */
  async function restore() {
    if (!restoreFile) return;
    setRestoring(true);
    setError(null);
    const result = await call('restoreBackup', { fileName: restoreFile.name, contentBase64: await readAsBase64(restoreFile) });
    setRestoring(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    window.sessionStorage.setItem('recert.restored', result.value.text);
    window.location.reload();
  }

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
          <p role="status">{restoredText ?? view.lastText}</p>
          <p className="muted">
            Recert makes a backup every day it runs and keeps the last 7 days and the last 4 weeks in{' '}
            <code className="path">{view.folder}</code>. Copy one to another disk or a synced folder now and then.
          </p>
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => void backUp()} disabled={busy}>
              {busy ? 'Backing up…' : 'Back up now'}
            </button>
            <button type="button" onClick={() => void runCheck('checkMyData')}>
              Check my data
            </button>
          </div>
          <div className="field restore-field">
            <label htmlFor={restoreId}>Restore a backup…</label>
            <input
              id={restoreId}
              type="file"
              accept=".zip,application/zip"
              onChange={(e) => setRestoreFile(e.target.files?.[0] ?? null)}
              disabled={restoring}
            />
          </div>
          {restoreFile && (
            <div className="restore-confirm" role="alertdialog" aria-labelledby={`${restoreId}-q`}>
              <p id={`${restoreId}-q`}>
                Replace all of Recert's data with the backup <strong>{restoreFile.name}</strong>? The backup is checked completely first,
                and the data there now is kept as a backup of its own.
              </p>
              <div className="form-actions">
                <button type="button" className="primary" onClick={() => void restore()} disabled={restoring}>
                  {restoring ? 'Restoring…' : 'Restore this backup'}
                </button>
                <button type="button" onClick={() => setRestoreFile(null)} disabled={restoring}>
                  Cancel
                </button>
              </div>
            </div>
          )}
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

import { useId, useState } from 'react';
import { call } from '../api';
import { readAsBase64 } from '../ui/files';

/** What is about to be restored: one of the listed backups, or a file the person picked. */
export type RestoreChoice =
  { kind: 'listed'; place: 'here' | 'second'; name: string; encrypted: boolean; description: string } | { kind: 'file'; file: File };

/** Said once after the reload that follows a restore (read by the Backups panel). */
export const RESTORED_KEY = 'recert.restored';

/**
 * The question before a restore, with the passphrase when the backup is encrypted (or main says it
 * is): the backup is checked completely first, then every screen reloads the restored data.
 */
export function RestoreConfirm({
  choice,
  replacing,
  keepsPassphrase,
  onCancel,
}: {
  choice: RestoreChoice;
  /** Whether data is there to be replaced (Settings) or not (the first start). */
  replacing: boolean;
  /** Whether this computer keeps a passphrase main can try first. */
  keepsPassphrase: boolean;
  onCancel(): void;
}) {
  const id = useId();
  const [restoring, setRestoring] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [passphraseError, setPassphraseError] = useState<string | null>(null);
  const [askPassphrase, setAskPassphrase] = useState(choice.kind === 'listed' && choice.encrypted && !keepsPassphrase);
  const [passphrase, setPassphrase] = useState('');
  const name = choice.kind === 'listed' ? choice.name : choice.file.name;

  async function restore() {
    setRestoring(true);
    setError(null);
    setPassphraseError(null);
    const given = passphrase.length > 0 ? { passphrase } : {};
    const result =
      choice.kind === 'listed'
        ? await call('restoreListedBackup', { place: choice.place, name: choice.name, ...given })
        : await call('restoreBackup', { fileName: choice.file.name, contentBase64: await readAsBase64(choice.file), ...given });
    setRestoring(false);
    if (!result.ok) {
      if (result.error.field === 'passphrase') {
        setAskPassphrase(true);
        setPassphraseError(result.error.message);
      } else setError(result.error.message);
      return;
    }
    window.sessionStorage.setItem(RESTORED_KEY, result.value.text);
    window.location.reload();
  }

  return (
    <div className="restore-confirm" role="alertdialog" aria-labelledby={`${id}-q`}>
      <p id={`${id}-q`}>
        {replacing ? (
          <>
            Replace all of Recert's data with the backup <strong>{name}</strong>
            {choice.kind === 'listed' ? ` (${choice.description})` : ''}? The backup is checked completely first, and the data there now is
            kept as a backup of its own.
          </>
        ) : (
          <>
            Restore the backup <strong>{name}</strong>? It is checked completely before anything is written.
          </>
        )}
      </p>
      {askPassphrase && (
        <div className={`field${passphraseError ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-passphrase`}>Passphrase of the backup</label>
          <input
            id={`${id}-passphrase`}
            type="password"
            autoComplete="off"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            aria-invalid={passphraseError ? true : undefined}
            aria-describedby={passphraseError ? `${id}-passphrase-error` : undefined}
            autoFocus
          />
          {passphraseError && (
            <p className="field-error" id={`${id}-passphrase-error`} role="alert">
              {passphraseError}
            </p>
          )}
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => void restore()} disabled={restoring}>
          {restoring ? 'Restoring…' : 'Restore this backup'}
        </button>
        <button type="button" onClick={onCancel} disabled={restoring}>
          Cancel
        </button>
      </div>
    </div>
  );
}

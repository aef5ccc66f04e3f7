import { useId, useState, type FormEvent } from 'react';
import type { BackupsView, RecoverySheet } from '../../../preload/contract';
import { call } from '../api';

/**
 * "Also keep a copy in…": the second place's folder and the passphrase its copies are encrypted
 * with (asked twice, with what losing it means, and a recovery sheet to print).
 */
export function SecondPlace({ view, onChanged }: { view: BackupsView; onChanged(view: BackupsView): void }) {
  const id = useId();
  const place = view.secondPlace;
  const [folder, setFolder] = useState(place.folder ?? '');
  const [folderError, setFolderError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [passphraseErrors, setPassphraseErrors] = useState<{ passphrase?: string; again?: string; form?: string }>({});
  const [settingPassphrase, setSettingPassphrase] = useState(false);
  const [sheet, setSheet] = useState<RecoverySheet | null>(null);

  async function saveFolder(event: FormEvent, value: string | null) {
    event.preventDefault();
    setSaving(true);
    setFolderError(null);
    const result = await call('setSecondPlace', { folder: value });
    setSaving(false);
    if (result.ok) {
      onChanged(result.value);
      setFolder(result.value.secondPlace.folder ?? '');
    } else setFolderError(result.error.message.replace(/^folder: /, ''));
  }
  async function choose() {
    setSaving(true);
    const result = await call('chooseSecondPlace', {});
    setSaving(false);
    if (result.ok) {
      onChanged(result.value);
      setFolder(result.value.secondPlace.folder ?? '');
    } else setFolderError(result.error.message);
  }
  async function savePassphrase(event: FormEvent) {
    event.preventDefault();
    const result = await call('setBackupPassphrase', { passphrase, again });
    if (!result.ok) {
      const field = result.error.field === 'again' ? 'again' : result.error.field === 'passphrase' ? 'passphrase' : 'form';
      setPassphraseErrors({ [field]: result.error.message.replace(/^(passphrase|again): /, '') });
      return;
    }
    setPassphraseErrors({});
    setPassphrase('');
    setAgain('');
    setSettingPassphrase(false);
    onChanged(result.value);
  }
  async function clearPassphrase() {
    const result = await call('clearBackupPassphrase', {});
    if (result.ok) onChanged(result.value);
  }
  async function printSheet() {
    const result = await call('getRecoverySheet', {});
    if (!result.ok || !result.value) return;
    setSheet(result.value);
    // Printed once the sheet is on the page; the print styles show the sheet alone.
    window.setTimeout(() => {
      document.body.classList.add('printing-recovery-sheet');
      window.print();
      document.body.classList.remove('printing-recovery-sheet');
    }, 0);
  }

  return (
    <div className="second-place" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Also keep a copy in…</h3>
      <p className="muted">{place.statusText}</p>
      <form className="share-row" onSubmit={(e) => void saveFolder(e, folder)} aria-label="Second place for backups" noValidate>
        <div className={`field second-place-folder${folderError ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-folder`}>Folder on another drive or a synced folder</label>
          <input
            id={`${id}-folder`}
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            placeholder="E:\Recert backups"
            aria-invalid={folderError ? true : undefined}
            aria-describedby={folderError ? `${id}-folder-error` : undefined}
          />
          {folderError && (
            <p className="field-error" id={`${id}-folder-error`} role="alert">
              {folderError}
            </p>
          )}
        </div>
        <button type="submit" disabled={saving}>
          {saving ? 'Copying…' : place.folder ? 'Use this folder' : 'Keep a copy here'}
        </button>
        {place.canChoose && (
          <button type="button" onClick={() => void choose()} disabled={saving}>
            Choose a folder…
          </button>
        )}
        {place.folder && (
          <button type="button" onClick={(e) => void saveFolder(e, null)} disabled={saving}>
            Stop copying
          </button>
        )}
      </form>

      <h3>Passphrase for the copies</h3>
      <p>{view.passphrase.text}</p>
      <p className="muted">{view.passphrase.howKeptText}</p>
      {view.passphrase.set && !settingPassphrase ? (
        <div className="form-actions">
          <button type="button" onClick={() => void printSheet()}>
            Print a recovery sheet
          </button>
          <button type="button" onClick={() => setSettingPassphrase(true)}>
            Change the passphrase
          </button>
          <button type="button" onClick={() => void clearPassphrase()}>
            Stop encrypting
          </button>
        </div>
      ) : settingPassphrase || !view.passphrase.set ? (
        <form className="passphrase-form" onSubmit={(e) => void savePassphrase(e)} aria-label="Backup passphrase" noValidate>
          <p className="passphrase-warning">
            Nobody can recover a forgotten passphrase, not even Recert: without it the encrypted copies cannot be opened. Write it down, or
            print the recovery sheet once it is set, and keep it away from the computer.
          </p>
          <div className="share-row">
            <PassphraseField label="Passphrase" value={passphrase} onChange={setPassphrase} error={passphraseErrors.passphrase} />
            <PassphraseField label="The same passphrase again" value={again} onChange={setAgain} error={passphraseErrors.again} />
            <button type="submit">Encrypt the copies</button>
            {settingPassphrase && (
              <button type="button" onClick={() => setSettingPassphrase(false)}>
                Cancel
              </button>
            )}
          </div>
          {passphraseErrors.form && (
            <p className="field-error" role="alert">
              {passphraseErrors.form}
            </p>
          )}
        </form>
      ) : null}
      {sheet && (
        <div className="recovery-sheet" aria-label="Recovery sheet" role="region">
          <h2>{sheet.title}</h2>
          <p>
            Passphrase: <code className="recovery-passphrase">{sheet.passphrase}</code>
          </p>
          {sheet.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
          <button type="button" className="no-print" onClick={() => setSheet(null)}>
            Hide the sheet
          </button>
        </div>
      )}
    </div>
  );
}

function PassphraseField({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  error: string | undefined;
}) {
  const id = useId();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

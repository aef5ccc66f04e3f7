import { useId, useState, type FormEvent } from 'react';
import type { TeamFolderView } from '../../../preload/contract';
import { call } from '../api';
import { LongSelect } from '../ui/LongSelect';
import { LoadError } from '../ui/LoadError';
import { TeamFolderState, useTeamFolder } from '../team/TeamFolderState';

type JoinErrors = Partial<Record<'folder' | 'name' | 'scope' | 'passphrase' | 'form', string>>;

/** The message without its leading "field: ", which the field it stands under already says. */
const fieldMessage = (message: string) => message.replace(/^[a-zA-Z]+: /, '');

/**
 * Settings → Team folder: join the folder the gym's sync tool shares (whose records this Recert
 * takes, its name in the team, the team passphrase), then the state, "Sync now" and leaving.
 */
export function TeamFolderPanel() {
  const { view, error, setView } = useTeamFolder();
  return (
    <section className="card" aria-labelledby="team-folder-title">
      <h2 id="team-folder-title">Team folder</h2>
      <p className="muted">
        Records flow between the Recerts of a team through a folder your sync tool already shares (OneDrive, Dropbox, Google Drive,
        Syncthing or a network share). Recert writes only files of its own there, encrypted with the team passphrase; the database stays on
        this computer.
      </p>
      <LoadError error={error} />
      {view && (view.joined ? <Joined view={view} onChanged={setView} /> : <JoinForm view={view} onChanged={setView} />)}
    </section>
  );
}

function Joined({ view, onChanged }: { view: TeamFolderView; onChanged(view: TeamFolderView): void }) {
  const [busy, setBusy] = useState<'sync' | 'leave' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [passphraseError, setPassphraseError] = useState<string | null>(null);

  async function run(what: 'sync' | 'leave') {
    setBusy(what);
    setError(null);
    const result = await call(what === 'sync' ? 'syncTeamFolder' : 'leaveTeamFolder', {});
    setBusy(null);
    if (result.ok) onChanged(result.value);
    else setError(result.error.message);
  }
  async function enterPassphrase(event: FormEvent) {
    event.preventDefault();
    setPassphraseError(null);
    const result = await call('setTeamPassphrase', { passphrase });
    if (!result.ok) {
      setPassphraseError(fieldMessage(result.error.message));
      return;
    }
    setPassphrase('');
    onChanged(result.value);
  }

  return (
    <>
      <TeamFolderState view={view} onChanged={onChanged} />
      <p>
        Folder: <code className="path">{view.folder}</code>
      </p>
      {view.deviceText && <p>{view.deviceText}</p>}
      {view.passphraseNeeded && (
        <form className="share-row" onSubmit={(e) => void enterPassphrase(e)} aria-label="Team passphrase" noValidate>
          <PasswordField label="Team passphrase" value={passphrase} onChange={setPassphrase} error={passphraseError} />
          <button type="submit" className="primary">
            Use this passphrase
          </button>
        </form>
      )}
      <p className="muted">{view.passphraseKeptText}</p>
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => void run('sync')} disabled={busy !== null}>
          {busy === 'sync' ? 'Syncing…' : 'Sync now'}
        </button>
        <button type="button" onClick={() => void run('leave')} disabled={busy !== null}>
          Leave the team folder
        </button>
      </div>
      <LoadError error={error} />
    </>
  );
}

function JoinForm({ view, onChanged }: { view: TeamFolderView; onChanged(view: TeamFolderView): void }) {
  const id = useId();
  const [folder, setFolder] = useState('');
  const [name, setName] = useState(view.suggestedName);
  const [scope, setScope] = useState(view.scopeChoices[0]?.value ?? 'everyone');
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<JoinErrors>({});
  const [joining, setJoining] = useState(false);

  async function join(event: FormEvent) {
    event.preventDefault();
    setJoining(true);
    setErrors({});
    const result = await call('joinTeamFolder', { folder, name, scope, passphrase });
    setJoining(false);
    if (result.ok) {
      setPassphrase('');
      onChanged(result.value);
      return;
    }
    const field = result.error.field;
    const known = field === 'folder' || field === 'name' || field === 'scope' || field === 'passphrase';
    setErrors({ [known ? field : 'form']: known ? fieldMessage(result.error.message) : result.error.message });
  }
  async function choose() {
    const result = await call('chooseTeamFolder', {});
    if (result.ok && result.value.folder) setFolder(result.value.folder);
  }

  return (
    <form className="team-folder-join" onSubmit={(e) => void join(e)} aria-label="Join a team folder" noValidate>
      <p>{view.stateText}</p>
      <div className="share-row">
        <div className={`field team-folder-path${errors.folder ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-folder`}>The team&apos;s shared folder</label>
          <input
            id={`${id}-folder`}
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            placeholder="C:\Users\dana\OneDrive\Gym team"
            aria-invalid={errors.folder ? true : undefined}
            aria-describedby={errors.folder ? `${id}-folder-error` : undefined}
          />
          {errors.folder && (
            <p className="field-error" id={`${id}-folder-error`} role="alert">
              {errors.folder}
            </p>
          )}
        </div>
        {view.canChoose && (
          <button type="button" onClick={() => void choose()}>
            Choose a folder…
          </button>
        )}
      </div>
      <div className="share-row">
        <div className={`field${errors.name ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-name`}>This computer&apos;s name in the team</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? `${id}-name-error` : undefined}
          />
          {errors.name && (
            <p className="field-error" id={`${id}-name-error`} role="alert">
              {errors.name}
            </p>
          )}
        </div>
        <div className={`field${errors.scope ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-scope`}>Whose records this Recert takes</label>
          <LongSelect
            id={`${id}-scope`}
            choices={view.scopeChoices}
            value={scope}
            onChange={setScope}
            placeholder="Type a name, or Everyone"
            aria-describedby={errors.scope ? `${id}-scope-error` : undefined}
          />
          {errors.scope && (
            <p className="field-error" id={`${id}-scope-error`} role="alert">
              {errors.scope}
            </p>
          )}
        </div>
      </div>
      <div className="share-row">
        <PasswordField label="Team passphrase" value={passphrase} onChange={setPassphrase} error={errors.passphrase ?? null} />
        <button type="submit" className="primary" disabled={joining}>
          {joining ? 'Joining…' : 'Join the team folder'}
        </button>
      </div>
      <p className="muted">
        Every Recert of the team uses the same passphrase; nobody can open the folder&apos;s files without it. {view.passphraseKeptText}
      </p>
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
    </form>
  );
}

function PasswordField({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  error: string | null;
}) {
  const id = useId();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete="off"
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

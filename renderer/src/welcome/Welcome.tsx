import { useId, useState, type FormEvent } from 'react';
import { contract, type Person } from '../../../preload/contract';
import { call } from '../api';
import { CredentialForm } from '../dashboard/CredentialForm';
import { errorsFromApi, fieldErrors, hasUnreadableDate, type FieldErrors } from '../forms';
import { href } from '../shell/routes';
import { usePeople } from '../state/people';
import { Field } from '../ui/Field';
import { RestoreConfirm } from '../settings/RestoreConfirm';

/**
 * The first minute: a trainer gives their name, then their certification, and lands on their
 * dashboard with their status. A manager is sent to add their staff instead.
 */
export function Welcome() {
  const { choose, refresh } = usePeople();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [person, setPerson] = useState<Person | null>(null);

  async function start(event: FormEvent) {
    event.preventDefault();
    if (hasUnreadableDate(event.currentTarget as HTMLFormElement)) return;
    const values = { name, email: null, employeeId: null };
    const local = fieldErrors(contract.createPerson.input, values);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const result = await call('createPerson', values);
    if (result.ok) setPerson(result.value);
    else setErrors(errorsFromApi(result.error));
  }

  /** The people list is refreshed only now, so the welcome stays on screen for the second step. */
  async function finish(created: Person) {
    choose(created.id);
    await refresh();
    window.location.hash = href('dashboard');
  }

  if (person) {
    return (
      <section aria-labelledby="section-title" className="welcome">
        <h1 id="section-title">Hello, {person.name}</h1>
        <p className="section-intro">
          Which certification do you keep up? With its expiration date Recert works out your cycle, what you still need and every deadline.
        </p>
        <CredentialForm
          personId={person.id}
          wording={{ title: 'Your certification', submit: 'Show my status', cancel: 'Skip for now' }}
          onCancel={() => void finish(person)}
          onSaved={() => void finish(person)}
        />
      </section>
    );
  }

  return (
    <section aria-labelledby="section-title" className="welcome">
      <h1 id="section-title">Welcome to Recert</h1>
      <p className="section-intro">
        Recert keeps your continuing-education courses, CPR/AED cards and certificates on this computer and tells you exactly where you
        stand. Nothing leaves this computer.
      </p>
      <div className="welcome-choices">
        <form className="card form" onSubmit={(e) => void start(e)} aria-label="Start fresh" noValidate>
          <h2>Start fresh</h2>
          <p className="muted">A new record keeper on this computer: start with your name.</p>
          <Field
            label="Your name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors.name ?? errors.form}
            autoComplete="name"
            required
            autoFocus
          />
          <div className="form-actions">
            <button type="submit" className="primary">
              Continue
            </button>
          </div>
        </form>
        <RestoreFromBackup />
      </div>
      <p className="welcome-manager">
        Keeping track of a team instead? <a href={href('staff', { add: '1' })}>I manage a team</a>: add your trainers and see everyone's
        status.
      </p>
    </section>
  );
}

/** A new computer, an old backup: the records come back whole (from a USB drive, a synced folder) instead of starting again. */
function RestoreFromBackup() {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  return (
    <div className="card form" role="group" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Restore from a backup</h2>
      <p className="muted">
        Moving from another computer? Choose a Recert backup (a .zip file, or .zip.age if it is encrypted), for example from your USB drive
        or synced folder.
      </p>
      <div className="field">
        <label htmlFor={id}>Backup file</label>
        <input id={id} type="file" accept=".zip,.age,application/zip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      {file && (
        <RestoreConfirm
          key={file.name}
          choice={{ kind: 'file', file }}
          replacing={false}
          keepsPassphrase={false}
          onCancel={() => setFile(null)}
        />
      )}
    </div>
  );
}

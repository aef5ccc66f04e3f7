import { useState } from 'react';
import type { CredentialEvaluation } from '../../../preload/contract';
import { Field } from '../ui/Field';
import { formatDate, todayInput } from '../ui/format';
import { useCredentialIntent } from './credential-intents';

/** Record the application, then its acceptance (R11 starts the next cycle). */
export function RecertificationPanel({ evaluation, onChanged }: { evaluation: CredentialEvaluation; onChanged(): void }) {
  const { credential, verdict } = evaluation;
  const [submitted, setSubmitted] = useState(credential.applicationSubmitted ?? todayInput());
  const [accepted, setAccepted] = useState(credential.applicationAccepted ?? todayInput());
  const { errors, run } = useCredentialIntent(onChanged);
  const credentialId = credential.id;

  const label = `recertification-${credential.id}`;
  return (
    <section className="recert" aria-labelledby={label}>
      <h3 id={label}>Recertification</h3>
      {!credential.applicationSubmitted && (
        <>
          <p>{evaluation.applicationText}</p>
          <div className="inline-form">
            <Field
              label="Application date"
              type="date"
              value={submitted}
              onChange={(e) => setSubmitted(e.target.value)}
              error={errors.applicationSubmitted}
            />
            <button type="button" onClick={() => void run('recordApplication', { credentialId, applicationSubmitted: submitted })}>
              Record application
            </button>
          </div>
        </>
      )}
      {credential.applicationSubmitted && !credential.applicationAccepted && (
        <>
          <p>{evaluation.applicationText}</p>
          <div className="inline-form">
            <Field
              label="Accepted on"
              type="date"
              value={accepted}
              onChange={(e) => setAccepted(e.target.value)}
              error={errors.applicationAccepted}
            />
            <button type="button" onClick={() => void run('acceptRecertification', { credentialId, applicationAccepted: accepted })}>
              Record acceptance
            </button>
            <button type="button" onClick={() => void run('recordApplication', { credentialId, applicationSubmitted: null })}>
              Remove application
            </button>
          </div>
        </>
      )}
      {credential.applicationAccepted && (
        <>
          <p>
            Recertified: application of {formatDate(credential.applicationSubmitted ?? credential.applicationAccepted)}, accepted{' '}
            {formatDate(credential.applicationAccepted)}. The new cycle runs {formatDate(verdict.cycle.start)} –{' '}
            {formatDate(verdict.cycle.end)}.
          </p>
          <button type="button" onClick={() => void run('acceptRecertification', { credentialId, applicationAccepted: null })}>
            Undo acceptance
          </button>
        </>
      )}
    </section>
  );
}

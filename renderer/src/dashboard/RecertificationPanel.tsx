import { useState } from 'react';
import type { CredentialEvaluation } from '../../../preload/contract';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Field } from '../ui/Field';
import { formatDate, todayInput } from '../ui/format';
import { useCredentialIntent } from './credential-intents';

/** Record the application, then its acceptance (R11 starts the next cycle). */
export function RecertificationPanel({ evaluation, onChanged }: { evaluation: CredentialEvaluation; onChanged(): void }) {
  const { credential, verdict, ruleSet } = evaluation;
  // Recording or removing an application changes the status and its fee tier: asked once, naming the date.
  const [confirming, setConfirming] = useState<'record' | 'remove' | null>(null);
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
            <button type="button" onClick={() => setConfirming('record')}>
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
            <button type="button" onClick={() => setConfirming('remove')}>
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
      {confirming === 'record' && (
        <ConfirmDialog
          title={`Record the ${ruleSet.credential} application of ${submitted ? formatDate(submitted) : 'no date'}?`}
          message={`The status then counts from an application submitted on ${submitted ? formatDate(submitted) : 'no date'}, with the fee of that date. Check the date on your confirmation from ${ruleSet.credential}.${evaluation.applicationShortfallText ? ` ${evaluation.applicationShortfallText}` : ''}`}
          confirmLabel="Record application"
          danger={false}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            void run('recordApplication', { credentialId, applicationSubmitted: submitted });
          }}
        />
      )}
      {confirming === 'remove' && credential.applicationSubmitted && (
        <ConfirmDialog
          title={`Remove the application of ${formatDate(credential.applicationSubmitted)}?`}
          message={`The ${ruleSet.credential} application date is removed: the status is worked out again as if nothing had been sent.`}
          confirmLabel="Remove application"
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            void run('recordApplication', { credentialId, applicationSubmitted: null });
          }}
        />
      )}
    </section>
  );
}

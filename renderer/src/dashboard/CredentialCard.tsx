import { useState } from 'react';
import type { CredentialEvaluation } from '../../../preload/contract';
import { call } from '../api';
import { PacketExport } from '../packet/PacketExport';
import { href } from '../shell/routes';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatAmount } from '../ui/format';
import { Meter } from '../ui/Meter';
import { CredentialForm } from './CredentialForm';
import { Findings } from './Findings';
import { RecertificationPanel } from './RecertificationPanel';
import { Timeline } from './Timeline';

function statusTone(evaluation: CredentialEvaluation): string {
  const { status } = evaluation.verdict;
  if (status === 'ready' || status === 'submitted') return 'ok';
  if (status === 'in-progress') return 'info';
  return 'danger';
}

export function CredentialCard({ evaluation, onChanged }: { evaluation: CredentialEvaluation; onChanged(): void }) {
  const { credential, verdict, ruleSet } = evaluation;
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const unit = ruleSet.unit.plural;
  const titleId = `credential-${credential.id}`;

  if (editing) {
    return (
      <CredentialForm
        personId={credential.personId}
        credential={credential}
        onCancel={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          onChanged();
        }}
      />
    );
  }

  return (
    <article className="card credential-card" aria-labelledby={titleId}>
      <header className="credential-header">
        <div>
          <h2 id={titleId}>
            {ruleSet.credential}
            {credential.number ? ` · ${credential.number}` : ''}
          </h2>
          <p className="muted">{ruleSet.name}</p>
        </div>
        <p className={`status status-${statusTone(evaluation)}`}>{evaluation.statusText}</p>
      </header>

      <div className="meters">
        <Meter label="Courses" value={verdict.ceus.courses} required={verdict.ceus.coursesRequired} unit={unit} />
        {verdict.ceus.cprAedRequired > 0 ? (
          <Meter label="CPR/AED" value={verdict.ceus.cprAed} required={verdict.ceus.cprAedRequired} unit={unit} />
        ) : (
          <p className="meter-note">
            CPR/AED: {verdict.cprAed.ok ? 'current' : 'not current'} (required, earns no {unit})
          </p>
        )}
        <Meter label="Total" value={verdict.ceus.total} required={verdict.ceus.required} unit={unit} />
        {verdict.ceus.pending > 0 && (
          <p className="pending">
            {formatAmount(verdict.ceus.pending)} {unit} pending petition review: not counted until approved.
          </p>
        )}
        {verdict.petitionFees > 0 && <p className="muted">Petition fees for this cycle: ${verdict.petitionFees}.</p>}
      </div>

      <Timeline evaluation={evaluation} />
      <Findings evaluation={evaluation} />
      <RecertificationPanel evaluation={evaluation} onChanged={onChanged} />

      <footer className="card-actions">
        <PacketExport credentialId={credential.id} />
        <a className="button-link" href={href('audit', { credential: credential.id })}>
          Audit mode
        </a>
        <a className="button-link" href={href('courses', { credential: credential.id })}>
          Courses for {ruleSet.credential}
        </a>
        <button type="button" onClick={() => setEditing(true)}>
          Edit credential
        </button>
        <button type="button" className="danger-outline" onClick={() => setDeleting(true)}>
          Delete credential
        </button>
      </footer>
      {deleting && (
        <ConfirmDialog
          title={`Delete ${ruleSet.credential}?`}
          message="The credential is removed; your courses, cards and certificates are kept."
          confirmLabel="Delete credential"
          onCancel={() => setDeleting(false)}
          onConfirm={() => {
            setDeleting(false);
            void call('deleteCredential', { id: credential.id }).then(onChanged);
          }}
        />
      )}
    </article>
  );
}

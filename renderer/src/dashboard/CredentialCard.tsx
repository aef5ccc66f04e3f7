import { useState } from 'react';
import type { CredentialEvaluation, NextActionKind } from '../../../preload/contract';
import { call } from '../api';
import { PacketExport } from '../packet/PacketExport';
import { href } from '../shell/routes';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatDate } from '../ui/format';
import { Meter } from '../ui/Meter';
import { CredentialForm } from './CredentialForm';
import { Findings } from './Findings';
import { RecertificationPanel } from './RecertificationPanel';
import { Timeline } from './Timeline';

/** Where each next action is done. */
function nextHref(kind: Exclude<NextActionKind, 'record-application'>, credentialId: string): string {
  switch (kind) {
    case 'add-course':
      return href('courses', { credential: credentialId, add: '1' });
    case 'add-card':
      return href('cpr-aed', { add: '1' });
    case 'attach-certificates':
      return href('courses', { credential: credentialId, missing: '1' });
    case 'export-packet':
      return href('audit', { credential: credentialId });
  }
}

export function CredentialCard({ evaluation, onChanged }: { evaluation: CredentialEvaluation; onChanged(): void }) {
  const { credential, ruleSet } = evaluation;
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const titleId = `credential-${credential.id}`;
  const next = evaluation.nextAction;

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
        <p className={`status tone-${evaluation.statusTone}`}>{evaluation.statusText}</p>
      </header>

      <div className="meters">
        {evaluation.meters.map((m) => (
          <Meter key={m.label} {...m} />
        ))}
        {evaluation.notes.map((note) => (
          <p key={note} className="meter-note">
            {note}
          </p>
        ))}
      </div>

      <Timeline evaluation={evaluation} />
      <Findings evaluation={evaluation} />
      <RecertificationPanel evaluation={evaluation} onChanged={onChanged} />

      <footer className="card-actions">
        {next?.kind === 'record-application' && (
          <button
            type="button"
            className="primary"
            onClick={() => document.getElementById(`recertification-${credential.id}`)?.scrollIntoView({ behavior: 'smooth' })}
          >
            {next.label}
          </button>
        )}
        {next && next.kind !== 'export-packet' && next.kind !== 'record-application' && (
          <a className="button-link primary" href={nextHref(next.kind, credential.id)}>
            {next.label}
          </a>
        )}
        <PacketExport credentialId={credential.id} primary={next?.kind === 'export-packet'} />
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
          title={`Delete ${ruleSet.credential}${credential.number ? ` · ${credential.number}` : ''}?`}
          message={`The credential expiring ${formatDate(credential.expires)} is removed, with its application, acceptance and audit dates. Your courses, cards and certificates are kept. This cannot be undone.`}
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

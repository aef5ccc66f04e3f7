import { useState } from 'react';
import { useApi } from '../api';
import { useCredentialIntent } from '../dashboard/credential-intents';
import { PacketExport } from '../packet/PacketExport';
import { href, type Route } from '../shell/routes';
import { usePeople } from '../state/people';
import { Field } from '../ui/Field';
import { formatDate, todayInput } from '../ui/format';
import { LoadError } from '../ui/LoadError';
import { SelectField } from '../ui/SelectField';

export function AuditPage({ route }: { route: Route }) {
  const { person } = usePeople();
  const [chosen, setChosen] = useState(route.params.get('credential') ?? '');
  const [notice, setNotice] = useState(todayInput());
  const [sent, setSent] = useState(todayInput());

  const credentialList = useApi('listCredentials', person ? { personId: person.id } : null);
  const credentials = credentialList.data;
  // The credential asked for, when it is this person's; otherwise their first.
  const credentialId = credentials?.some((c) => c.id === chosen) ? chosen : (credentials?.[0]?.id ?? '');
  const evaluationState = useApi('evaluateCredential', credentialId ? { credentialId } : null);
  const checklistState = useApi('getAuditChecklist', credentialId ? { credentialId } : null);
  const evaluation = evaluationState.data;
  const checklist = checklistState.data;
  const { errors, run } = useCredentialIntent(() => {
    evaluationState.reload();
    checklistState.reload();
  });

  if (!person || (credentials && credentials.length === 0)) {
    return (
      <section aria-labelledby="section-title">
        <h1 id="section-title">Audit</h1>
        <p className="empty-state">
          When an audit letter arrives, record it here and Recert counts down the days and builds the packet. First add{' '}
          {person ? 'a credential on the' : 'yourself under'}{' '}
          <a href={href(person ? 'dashboard' : 'staff')}>{person ? 'Dashboard' : 'Staff'}</a>.
        </p>
      </section>
    );
  }

  const credential = evaluation?.credential;
  return (
    <section aria-labelledby="section-title">
      <h1 id="section-title">Audit</h1>
      {credentials && credentials.length > 1 && (
        <SelectField
          label="Credential"
          value={credentialId}
          onChange={(e) => setChosen(e.target.value)}
          options={credentials.map((c) => ({ value: c.id, label: `${c.ruleSet}${c.number ? ` (${c.number})` : ''}` }))}
        />
      )}
      <LoadError error={credentialList.error ?? evaluationState.error ?? checklistState.error} />
      {evaluation && credential && checklist && (
        <>
          <div className="card">
            <h2>
              {evaluation.ruleSet.credential}
              {credential.number ? ` · ${credential.number}` : ''}
            </h2>
            {!credential.auditNoticeReceived ? (
              <>
                <p>
                  If your application is chosen for an audit, you have{' '}
                  {evaluation.ruleSet.auditResponseDays ? `${evaluation.ruleSet.auditResponseDays} days` : 'a limited time'} to send every
                  certificate. Record the date the audit notice arrived.
                </p>
                <div className="inline-form">
                  <Field
                    label="Audit notice received on"
                    type="date"
                    value={notice}
                    onChange={(e) => setNotice(e.target.value)}
                    error={errors.auditNoticeReceived}
                  />
                  <button
                    type="button"
                    className="primary"
                    onClick={() => void run('recordAuditNotice', { credentialId, auditNoticeReceived: notice })}
                  >
                    Start audit mode
                  </button>
                </div>
              </>
            ) : (
              <>
                <p className={`countdown tone-${checklist.countdownTone}`} role="status">
                  {checklist.countdownText ?? 'This rule set states no response window; send the documents as soon as you can.'}
                </p>
                <p className="muted">Audit notice received {formatDate(credential.auditNoticeReceived)}.</p>
                {!credential.documentsSent && (
                  <div className="inline-form">
                    <Field
                      label="Documents sent on"
                      type="date"
                      value={sent}
                      onChange={(e) => setSent(e.target.value)}
                      error={errors.documentsSent}
                    />
                    <button type="button" onClick={() => void run('markDocumentsSent', { credentialId, documentsSent: sent })}>
                      Mark documents as sent
                    </button>
                  </div>
                )}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void run('recordAuditNotice', { credentialId, auditNoticeReceived: null })}
                >
                  Clear the audit record
                </button>
              </>
            )}
          </div>
          <div className="card">
            <h2>What the packet will contain</h2>
            <p className={`checklist-summary tone-${checklist.summaryTone}`}>{checklist.summaryText}</p>
            <ul className="checklist">
              {checklist.items.map((item) => (
                <li key={item.label} className={`check-${item.state}`}>
                  <span className="check-mark" aria-hidden="true">
                    {item.state === 'ok' ? '✓' : item.state === 'missing' ? '✗' : '•'}
                  </span>
                  <span>
                    <strong>{item.label}</strong>
                    <span className="visually-hidden">
                      {item.state === 'ok' ? ' (ready)' : item.state === 'missing' ? ' (missing)' : ' (to do)'}
                    </span>{' '}
                    — {item.detail}
                  </span>
                </li>
              ))}
            </ul>
            <PacketExport credentialId={credentialId} />
          </div>
        </>
      )}
    </section>
  );
}

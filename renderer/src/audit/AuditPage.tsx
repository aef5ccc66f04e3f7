import { useCallback, useEffect, useState } from 'react';
import type { AuditChecklist, Credential, CredentialEvaluation } from '../../../preload/contract';
import { load } from '../api';
import { useCredentialUpdate } from '../dashboard/credential-update';
import { PacketExport } from '../packet/PacketExport';
import { href, type Route } from '../shell/routes';
import { usePeople } from '../state/people';
import { Field } from '../ui/Field';
import { formatDate, todayInput } from '../ui/format';
import { SelectField } from '../ui/SelectField';

function countdown(days: number): string {
  if (days > 1) return `${days} days left`;
  if (days === 1) return '1 day left';
  if (days === 0) return 'Due today';
  return `${-days} day${days === -1 ? '' : 's'} overdue`;
}

export function AuditPage({ route }: { route: Route }) {
  const { person } = usePeople();
  const [credentials, setCredentials] = useState<Credential[] | null>(null);
  const [credentialId, setCredentialId] = useState(route.params.get('credential') ?? '');
  const [evaluation, setEvaluation] = useState<CredentialEvaluation | null>(null);
  const [checklist, setChecklist] = useState<AuditChecklist | null>(null);
  const [notice, setNotice] = useState(todayInput());
  const [sent, setSent] = useState(todayInput());

  useEffect(() => {
    if (!person) return;
    void load('listCredentials', { personId: person.id }).then((list) => {
      setCredentials(list);
      setCredentialId((current) => (list.some((c) => c.id === current) ? current : (list[0]?.id ?? '')));
    });
  }, [person]);

  const refresh = useCallback(async () => {
    if (!credentialId) return;
    const [e, c] = await Promise.all([load('evaluateCredential', { credentialId }), load('getAuditChecklist', { credentialId })]);
    setEvaluation(e);
    setChecklist(c);
  }, [credentialId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const { errors, save } = useCredentialUpdate(evaluation?.credential, () => void refresh());

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
          onChange={(e) => setCredentialId(e.target.value)}
          options={credentials.map((c) => ({ value: c.id, label: `${c.ruleSet}${c.number ? ` (${c.number})` : ''}` }))}
        />
      )}
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
                  <button type="button" className="primary" onClick={() => void save({ auditNoticeReceived: notice })}>
                    Start audit mode
                  </button>
                </div>
              </>
            ) : (
              <>
                <p className="countdown" role="status">
                  {credential.documentsSent
                    ? `Documents sent on ${formatDate(credential.documentsSent)}.`
                    : checklist.daysLeft !== null && checklist.auditDue
                      ? `${countdown(checklist.daysLeft)}: documents due ${formatDate(checklist.auditDue)}.`
                      : 'This rule set states no response window; send the documents as soon as you can.'}
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
                    <button type="button" onClick={() => void save({ documentsSent: sent })}>
                      Mark documents as sent
                    </button>
                  </div>
                )}
                <button type="button" className="link-button" onClick={() => void save({ auditNoticeReceived: null, documentsSent: null })}>
                  Clear the audit record
                </button>
              </>
            )}
          </div>
          <div className="card">
            <h2>What the packet will contain</h2>
            <p>
              {checklist.missing === 0
                ? 'Everything an auditor needs is here.'
                : `${checklist.missing} item${checklist.missing === 1 ? ' is' : 's are'} missing.`}
            </p>
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

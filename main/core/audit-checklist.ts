// What the audit packet will contain for a credential, and what is still missing.
import type { Activity, AuditChecklist, CprAedCard } from '../../preload/contract';
import { daysBetween, formatDate, type CalendarDate } from './dates';
import type { Verdict } from './rules/types';

export function auditChecklist(input: {
  credentialId: string;
  asOf: CalendarDate;
  verdict: Verdict;
  documentsSent: CalendarDate | null;
  activities: Map<string, Activity>;
  cards: Map<string, CprAedCard>;
  certificates: (ownerId: string) => number;
}): AuditChecklist {
  const { verdict } = input;
  const items: AuditChecklist['items'] = [
    { label: 'Cover, summary of activities and manifest', state: 'ok', detail: 'Recert writes these from your records.' },
  ];
  for (const v of verdict.activities.filter((a) => a.counted)) {
    const activity = input.activities.get(v.id);
    if (!activity) continue;
    const files = input.certificates(v.id);
    items.push({
      label: `${activity.title} (${formatDate(activity.completed)})`,
      state: files > 0 ? 'ok' : 'missing',
      detail:
        files > 0
          ? `${files} certificate file${files === 1 ? '' : 's'} attached`
          : 'No certificate attached: attach it on the Courses screen.',
    });
  }
  for (const v of verdict.activities.filter((a) => a.reason === 'petition-pending')) {
    const activity = input.activities.get(v.id);
    if (activity)
      items.push({
        label: `${activity.title}: petition pending`,
        state: 'todo',
        detail: 'Not counted until approved; record the decision when it arrives.',
      });
  }
  const card = verdict.cprAed.id ? input.cards.get(verdict.cprAed.id) : undefined;
  if (!verdict.cprAed.ok || !card) {
    items.push({
      label: 'CPR/AED card',
      state: 'missing',
      detail: card ? `${card.provider}: not accepted (${verdict.cprAed.reason}).` : 'No current CPR/AED card is recorded.',
    });
  } else {
    const files = input.certificates(card.id);
    items.push({
      label: `CPR/AED card: ${card.provider}, expires ${formatDate(card.expires)}`,
      state: files > 0 ? 'ok' : 'missing',
      detail:
        files > 0
          ? `${files} photo${files === 1 ? '' : 's'} or scan${files === 1 ? '' : 's'} attached`
          : 'Attach a photo of the front and back of the card.',
    });
  }
  items.push({ label: 'Attestation', state: 'todo', detail: 'Print, sign and date the attestation page of the packet.' });
  const due = verdict.deadlines.auditDue;
  return {
    credentialId: input.credentialId,
    auditDue: due,
    daysLeft: due ? daysBetween(input.asOf, due) : null,
    documentsSent: input.documentsSent,
    items,
    missing: items.filter((i) => i.state === 'missing').length,
  };
}

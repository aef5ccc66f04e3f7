// What the audit packet will contain for a credential, and what is still missing.
import type { Activity, CprAedCard } from './domain/records';
import type { AuditChecklist, Tone } from './domain/views';
import { daysBetween, formatDate, type CalendarDate } from './dates';
import type { Verdict } from './domain/verdict';
import { cprAedReasonText } from './rules/describe';
import { courseEntries } from './rules/verdict-format';
import { choose, count } from './domain/plural';

function daysLeftWords(days: number): string {
  if (days > 1) return `${days} days left`;
  if (days === 1) return '1 day left';
  if (days === 0) return 'Due today';
  return `${count(-days, 'day', 'days')} overdue`;
}

/** The audit countdown in words, and how urgent it looks: a week or less is a warning, overdue is bad. */
function countdownWords(sent: CalendarDate | null, due: CalendarDate | null, daysLeft: number | null): { text: string | null; tone: Tone } {
  if (sent) return { text: `Documents sent on ${formatDate(sent)}.`, tone: 'ok' };
  if (due === null || daysLeft === null) return { text: null, tone: 'neutral' };
  return {
    text: `${daysLeftWords(daysLeft)}: documents due ${formatDate(due)}.`,
    tone: daysLeft < 0 ? 'bad' : daysLeft <= 7 ? 'warn' : 'neutral',
  };
}

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
  const entries = courseEntries(verdict.courses);
  for (const v of entries.filter((a) => a.counted)) {
    const activity = input.activities.get(v.id);
    if (!activity) continue;
    const files = input.certificates(v.id);
    items.push({
      label: `${activity.title} (${formatDate(activity.completed)})`,
      state: files > 0 ? 'ok' : 'missing',
      detail:
        files > 0
          ? `${count(files, 'certificate file', 'certificate files')} attached`
          : 'No certificate attached: attach it on the Courses screen.',
    });
  }
  for (const id of verdict.pendingPetitions) {
    const activity = input.activities.get(id);
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
      detail: card
        ? `${card.provider}: not accepted (${cprAedReasonText(verdict.cprAed.reason).toLowerCase()}).`
        : 'No current CPR/AED card is recorded.',
    });
  } else {
    const files = input.certificates(card.id);
    items.push({
      label: `CPR/AED card: ${card.provider}, expires ${formatDate(card.expires)}`,
      state: files > 0 ? 'ok' : 'missing',
      detail:
        files > 0 ? `${count(files, 'photo or scan', 'photos or scans')} attached` : 'Attach a photo of the front and back of the card.',
    });
  }
  items.push({ label: 'Attestation', state: 'todo', detail: 'Print, sign and date the attestation page of the packet.' });
  const missing = items.filter((i) => i.state === 'missing').length;
  const due = verdict.deadlines.auditDue;
  const daysLeft = due ? daysBetween(input.asOf, due) : null;
  const countdown = countdownWords(input.documentsSent, due, daysLeft);
  return {
    credentialId: input.credentialId,
    auditDue: due,
    daysLeft,
    documentsSent: input.documentsSent,
    countdownText: countdown.text,
    countdownTone: countdown.tone,
    items,
    missing,
    summaryText:
      missing === 0
        ? 'Everything an auditor needs is here.'
        : `${count(missing, 'item', 'items')} ${choose(missing, 'is', 'are')} missing.`,
  };
}

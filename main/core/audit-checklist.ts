// What the audit packet will contain for a credential, and what is still missing.
import type { Course, CprAedCard } from './domain/records';
import type { AuditChecklist, Tone } from './domain/views';
import { daysBetween, formatDate, type CalendarDate } from './dates';
import type { Verdict } from './domain/verdict';
import { cprAedReasonText, explainBlocker } from './rules/describe';
import { courseEntries } from './rules/verdict-format';
import { choose, count } from './domain/plural';
import { formatAmount, formatProgress } from './rules/amounts';
import type { RuleSet } from './rules/ruleset-schema';

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

/** Blockers about courses other than the unit shortfall itself: what the packet's "Not yet met" also lists. */
const COURSE_BLOCKERS = ['category-short', 'categories-too-few', 'category-not-recorded', 'own-courses-short'];

/**
 * Whether the requirement is met, in the words the summary opens with: a packet that shows a
 * shortfall or unapproved petitions must never be announced as complete.
 */
function requirementWords(verdict: Verdict, ruleSet: RuleSet): { item: AuditChecklist['items'][number]; sentences: string[] } {
  const c = verdict.ceus;
  const progress = formatProgress(c.total, c.required, ruleSet);
  const sentences: string[] = [];
  if (c.remaining > 0) sentences.push(`${progress}: the packet will show a shortfall of ${formatAmount(c.remaining, ruleSet)}.`);
  const notMet = verdict.blockers.filter((b) => COURSE_BLOCKERS.includes(b.split(':')[0] ?? ''));
  if (notMet.length > 0) {
    const titles = notMet.map((code) => explainBlocker(code, verdict, ruleSet).title);
    sentences.push(`The packet will show as not yet met: ${titles.join('; ')}.`);
  }
  const pending = verdict.pendingPetitions.length;
  if (pending > 0) {
    sentences.push(
      `${count(pending, 'petition is', 'petitions are')} pending: ${c.pending > 0 ? `${formatAmount(c.pending, ruleSet)} ` : ''}not counted until approved.`,
    );
  }
  const short = c.remaining > 0 || notMet.length > 0;
  return {
    sentences,
    item: {
      label: `${ruleSet.unit.plural} earned: ${progress}`,
      state: short ? 'missing' : 'ok',
      detail: short
        ? c.remaining > 0
          ? `${formatAmount(c.remaining, ruleSet)} short: the packet's cover lists what is not yet met.`
          : "The requirement is not yet met: the packet's cover lists what is missing."
        : 'The requirement is met.',
    },
  };
}

export function auditChecklist(input: {
  credentialId: string;
  ruleSet: RuleSet;
  asOf: CalendarDate;
  verdict: Verdict;
  documentsSent: CalendarDate | null;
  courses: Map<string, Course>;
  cards: Map<string, CprAedCard>;
  certificates: (ownerId: string) => number;
}): AuditChecklist {
  const { verdict } = input;
  const requirement = requirementWords(verdict, input.ruleSet);
  const items: AuditChecklist['items'] = [
    { label: 'Cover, summary of courses and manifest', state: 'ok', detail: 'Recert writes these from your records.' },
    requirement.item,
  ];
  const entries = courseEntries(verdict.courses);
  for (const v of entries.filter((a) => a.counted)) {
    const course = input.courses.get(v.id);
    if (!course) continue;
    const files = input.certificates(v.id);
    items.push({
      label: `${course.title} (${formatDate(course.completed)})`,
      state: files > 0 ? 'ok' : 'missing',
      detail:
        files > 0
          ? `${count(files, 'certificate file', 'certificate files')} attached`
          : 'No certificate attached: attach it on the Courses screen.',
    });
  }
  for (const id of verdict.pendingPetitions) {
    const course = input.courses.get(id);
    if (course)
      items.push({
        label: `${course.title}: petition pending`,
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
  // The shortfall is said in its own sentence; "N items are missing" counts the files and the card.
  const missingEvidence = missing - (requirement.item.state === 'missing' ? 1 : 0);
  const sentences = [...requirement.sentences];
  if (missingEvidence > 0) sentences.push(`${count(missingEvidence, 'item', 'items')} ${choose(missingEvidence, 'is', 'are')} missing.`);
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
    summaryText: sentences.length === 0 ? 'Everything an auditor needs is here.' : sentences.join(' '),
    summaryTone: missing > 0 ? 'bad' : sentences.length > 0 ? 'warn' : 'ok',
  };
}

// Every upcoming deadline of every evaluated credential: what to put in a calendar, remind of on the
// desktop and list under "Upcoming". Pure: verdicts in, deadlines out, as of a given date.
import { formatDate, type CalendarDate } from '../dates';
import { count } from '../domain/plural';
import { CPR_AED_TYPE, type Deadline } from '../domain/reminders';
import { missingCertificates } from '../domain/verdict';
import type { DeadlineKind } from '../domain/team';
import { formatAmount } from '../rules/amounts';
import type { TeamEntry } from '../team/report';

const KIND_WORDS: Record<DeadlineKind, (credential: string) => string> = {
  expiration: (c) => `${c} expires`,
  'courses-by': (c) => `Last day for ${c} courses`,
  'late-fee-from': (c) => `${c} late fee starts`,
  'additional-fee-from': (c) => `${c} additional fee starts`,
  'final-application': (c) => `Last day to apply for ${c}`,
  'audit-due': (c) => `${c} audit documents due`,
  'cpr-aed-expires': () => 'CPR/AED card expires',
};

/** What is still needed for this credential, in a sentence. */
function stillNeeded(entry: TeamEntry): string {
  const { verdict, ruleSet } = entry;
  const parts: string[] = [];
  const courses = Math.max(0, verdict.ceus.coursesRequired - verdict.ceus.courses);
  if (courses > 0) parts.push(`${formatAmount(Math.round(courses * 1000) / 1000, ruleSet)} of courses`);
  if (!verdict.cprAed.ok && ruleSet.cprAed.required.value) parts.push('a current CPR/AED card');
  const missing = missingCertificates(verdict);
  if (missing > 0) parts.push(`${count(missing, 'certificate file', 'certificate files')} for an audit`);
  if (parts.length === 0) return verdict.canSubmit ? 'Requirements met: the application can be sent.' : 'Nothing more is needed.';
  return `Still needed: ${parts.join(', ')}.`;
}

function actionFor(kind: DeadlineKind, entry: TeamEntry): Deadline['action'] {
  if (kind === 'audit-due') return { kind: 'export-packet', label: 'Export the audit packet' };
  if (kind === 'cpr-aed-expires') return { kind: 'add-card', label: 'Add the renewed card' };
  if (entry.verdict.blockers.some((b) => b.startsWith('courses-short') || b.startsWith('category-short'))) {
    return { kind: 'add-course', label: 'Add a course' };
  }
  if (entry.verdict.blockers.includes('cpr-aed')) return { kind: 'add-card', label: 'Add a CPR/AED card' };
  if (entry.verdict.canSubmit) return { kind: 'record-application', label: 'Record the application' };
  return { kind: 'open-dashboard', label: 'Open the dashboard' };
}

/**
 * The deadlines still ahead (on or after the as-of date): while no application is recorded, the
 * expiration, the last day for courses, the late-fee and additional-fee starts, the last day to
 * apply; while an audit is open, its due date; and always the expiry of the CPR/AED card the
 * credential names, even once it has lapsed or its application is sent: a gym requires a current
 * card of all its staff.
 */
export function deadlinesOf(entry: TeamEntry, asOf: CalendarDate): Deadline[] {
  const { credential, verdict, ruleSet, person, card } = entry;
  const d = verdict.deadlines;
  const open = credential.applicationSubmitted === null && verdict.status !== 'lapsed';
  const auditOpen = credential.auditNoticeReceived !== null && credential.documentsSent === null;
  const dates: [DeadlineKind, string | null][] = [
    ['audit-due', auditOpen ? d.auditDue : null],
    ['expiration', open ? d.expiration : null],
    ['courses-by', open ? d.coursesBy : null],
    ['late-fee-from', open ? d.lateFeeFrom : null],
    ['additional-fee-from', open ? d.additionalFeeFrom : null],
    ['final-application', open ? d.finalApplication : null],
    ['cpr-aed-expires', card ? card.expires : null],
  ];
  const description = stillNeeded(entry);
  return dates.flatMap(([kind, date]): Deadline[] => {
    if (date === null || date < asOf) return [];
    const what = KIND_WORDS[kind](ruleSet.credential);
    const title = `${what} — ${person.name}`;
    return [
      {
        // One card serves every credential of its person: its expiry is one event, named after the card.
        uid: kind === 'cpr-aed-expires' && card ? `${card.id}-cpr-aed-expires@recert` : `${credential.id}-${kind}@recert`,
        kind,
        date,
        personId: person.id,
        personName: person.name,
        credentialId: credential.id,
        leadTimeType: kind === 'cpr-aed-expires' ? CPR_AED_TYPE : ruleSet.id,
        title,
        what,
        description:
          kind === 'audit-due'
            ? `Send every certificate by ${formatDate(date)}. ${description}`
            : kind === 'cpr-aed-expires' && !open
              ? `A current CPR/AED card is still needed at work${verdict.status === 'lapsed' ? `, though the ${ruleSet.credential} has lapsed` : ''}.`
              : description,
        action: actionFor(kind, entry),
      },
    ];
  });
}

/** Every deadline ahead, soonest first (ties: by person, then title). */
export function upcomingDeadlines(entries: readonly TeamEntry[], asOf: CalendarDate): Deadline[] {
  const byUid = new Map(entries.flatMap((entry) => deadlinesOf(entry, asOf)).map((d) => [d.uid, d]));
  return [...byUid.values()].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.personName.localeCompare(b.personName) || a.title.localeCompare(b.title),
  );
}

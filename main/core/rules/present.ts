// A stored verdict as a screen shows it: every word, tone and figure decided here, so that the
// dashboard, the CPR/AED screen, the team view and the CLI say the same thing the same way.
import { daysBetween, formatDate, type CalendarDate } from '../dates';
import { count, figure } from '../domain/plural';
import type { CprAedCard, Credential, Person } from '../domain/records';
import { missingCertificates, type CourseVerdicts, type CprAedReason, type FeeTier, type VerdictSummary } from '../domain/verdict';
import type { CredentialEvaluation, Explained, NextAction, Tone } from '../domain/views';
import { bodyShortName, formatAmount, formatProgress, petitionFeesText } from './amounts';
import { explainBlocker, explainWarning, groupFindings, statusText } from './describe';
import { ruleSetSummary } from './rule-set-view';
import type { RuleSet } from './ruleset-schema';

/** "in 22 days", "today", "tomorrow": how far a date is from the as-of date. */
export function daysFromNow(asOf: CalendarDate, date: CalendarDate): string {
  const days = daysBetween(asOf, date);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days > 1) return `in ${days} days`;
  if (days === -1) return 'yesterday';
  return `${-days} days ago`;
}

/**
 * The CPR/AED verdict in words that agree with the card itself: an online-only card is never called
 * hands-on, an expired one says when it expired, and no jargon ("reference date") reaches the user.
 */
export function cprAedWords(reason: CprAedReason, card: CprAedCard | undefined, asOf: CalendarDate): { text: string; tone: Tone } {
  const until = card ? formatDate(card.expires) : '';
  switch (reason) {
    case 'ok':
      return { text: `Current until ${until}: Adult CPR and AED, hands-on`, tone: 'ok' };
    case 'online-only-waiver':
      return { text: `Online only, accepted under the COVID-19 waiver; expires ${until}`, tone: 'warn' };
    case 'expired':
      return { text: card ? `Expired ${until}` : 'Expired', tone: 'bad' };
    case 'expires-too-soon':
      return {
        text: card ? `Expires ${until} (${daysFromNow(asOf, card.expires)}): too soon to apply with it` : 'Expires too soon',
        tone: 'bad',
      };
    case 'no-adult-cpr':
      return { text: 'Does not include Adult CPR', tone: 'bad' };
    case 'no-aed':
      return { text: 'Does not include AED', tone: 'bad' };
    case 'online-only-not-accepted':
      return { text: 'Online only: not accepted without a hands-on skills check', tone: 'bad' };
    case 'missing':
      return { text: 'None on file', tone: 'bad' };
  }
}

function statusTone(verdict: VerdictSummary, auditOpen: boolean, certificatesMissing: boolean): Tone {
  switch (verdict.status) {
    case 'ready':
    case 'submitted':
      return auditOpen || certificatesMissing ? 'warn' : 'ok';
    case 'in-progress':
      return 'neutral';
    default:
      return 'bad';
  }
}

const FEE_TIER_WORDS: Record<FeeTier, string> = {
  standard: 'standard fee',
  late: 'late fee',
  'late-additional': 'late fee plus the additional fee',
};

/** What the recertification panel says: whether one can apply and at which fee, or the recorded application's tier. */
function applicationText(verdict: VerdictSummary, credential: Credential): string {
  if (credential.applicationSubmitted) {
    const tier = verdict.feeTier ? `: ${FEE_TIER_WORDS[verdict.feeTier]} tier` : '';
    return `Application recorded on ${formatDate(credential.applicationSubmitted)}${tier}.`;
  }
  if (!verdict.canSubmit) return 'Record the date you send your application; the status then shows its fee tier.';
  return `You can apply now, at the ${FEE_TIER_WORDS[verdict.feeTier ?? 'standard']}.`;
}

/** Every ok verdict's missing certificates and an open audit are what an auditor would find. */
function auditFinding(verdict: VerdictSummary, credential: Credential): Explained | null {
  if (!credential.auditNoticeReceived || credential.documentsSent) return null;
  const due = verdict.deadlines.auditDue;
  return {
    code: 'audit-open',
    rule: verdict.explain.warnings['audit-open'] ?? 'R10',
    title: due ? `Audit open: documents due ${formatDate(due)}` : 'Audit open',
    action: 'Export the audit packet and send it, then mark the documents as sent on the Audit screen.',
  };
}

/**
 * What to do next, most pressing first: an open audit needs its packet; then what blocks the
 * application (courses, the card); then evidence an audit would ask for; then applying itself.
 */
function nextAction(verdict: VerdictSummary, auditOpen: boolean, certificatesMissing: boolean): NextAction | null {
  if (auditOpen) return { kind: 'export-packet', label: 'Export audit packet' };
  if (verdict.status === 'lapsed') return null;
  if (verdict.blockers.some((b) => b.startsWith('courses-short') || b.startsWith('category-short') || b === 'own-courses-short')) {
    return { kind: 'add-course', label: 'Add a course' };
  }
  if (verdict.blockers.includes('cpr-aed')) return { kind: 'add-card', label: 'Add a CPR/AED card' };
  if (certificatesMissing) return { kind: 'attach-certificates', label: 'Attach missing certificates' };
  if (verdict.canSubmit) return { kind: 'record-application', label: 'Record your application' };
  return null;
}

/**
 * Courses whose petition is not filed yet, when filing them could make up the courses still needed:
 * an action, because a petition is the one way such a course can count. Its units are before any
 * category cap, so "would cover" is said only when they reach the shortfall; otherwise how much.
 */
function petitionsToFile(verdict: VerdictSummary, courses: CourseVerdicts | undefined, ruleSet: RuleSet): Explained | null {
  const short = Math.round((verdict.ceus.coursesRequired - verdict.ceus.courses) * 1000) / 1000;
  if (!courses || short <= 0 || verdict.status === 'lapsed') return null;
  const ids: string[] = [];
  let thousandths = 0;
  courses.reasons.forEach((reason, i) => {
    const id = courses.ids[i];
    if (reason !== 'petition-required' || id === undefined) return;
    ids.push(id);
    thousandths += courses.units[i] ?? 0;
  });
  const [first] = ids;
  if (first === undefined || thousandths === 0) return null;
  const units = thousandths / 1000;
  const which = ids.length === 1 ? 'a course not yet petitioned' : `${figure(ids.length)} courses not yet petitioned`;
  const cover =
    units >= short
      ? `would cover the ${amount(short, ruleSet)} still needed`
      : `would cover ${amount(units, ruleSet)} of the ${amount(short, ruleSet)} still needed`;
  return {
    code: 'petition-to-file',
    rule: verdict.explain.blockers['courses-short'] ?? 'R5',
    title: `Filing the petition${ids.length === 1 ? '' : 's'} of ${which} ${cover}`,
    action: `Petition ${bodyShortName(ruleSet.body)}, then record the petition as pending on the course: it counts once approved.`,
    about: { first, count: ids.length },
  };
}

function amount(value: number, ruleSet: RuleSet): string {
  return formatAmount(value, ruleSet);
}

/**
 * What recording an application would send short, asked once more before it is recorded: the
 * shortfall and the petitions still pending, in words; null when the requirement is met.
 */
function applicationShortfallText(verdict: VerdictSummary, ruleSet: RuleSet): string | null {
  const c = verdict.ceus;
  const pending = verdict.pendingPetitions.length;
  if (c.remaining <= 0 && pending === 0) return null;
  const parts: string[] = [];
  if (c.remaining > 0) {
    parts.push(
      `You have ${formatProgress(c.total, c.required, ruleSet)}: ${amount(c.remaining, ruleSet)} short of what ${ruleSet.credential} requires.`,
    );
  }
  if (pending > 0) {
    parts.push(
      `${count(pending, 'petition is', 'petitions are')} still pending${c.pending > 0 ? ` (${amount(c.pending, ruleSet)})` : ''}, not counted until approved.`,
    );
  }
  parts.push('Record the application only if you have sent it as it is.');
  return parts.join(' ');
}

export function presentEvaluation(input: {
  asOf: CalendarDate;
  person: Person;
  credential: Credential;
  verdict: VerdictSummary;
  ruleSet: RuleSet;
  cardOf: (id: string) => CprAedCard | undefined;
  /** The engine's verdicts of the courses it read, where the caller has them (petitions not filed yet). */
  courses?: CourseVerdicts | undefined;
}): CredentialEvaluation {
  const { asOf, person, credential, verdict: full, ruleSet } = input;
  // A verdict still carries its per-course verdicts at run time (typed away): they stay out of the view.
  const {
    courses: _perCourse,
    warnings: _codes,
    uncertified,
    pendingPetitions,
    explain: _explain,
    ...verdict
  } = full as VerdictSummary & { courses?: unknown };
  const card = full.cprAed.id ? input.cardOf(full.cprAed.id) : undefined;
  const cpr = cprAedWords(full.cprAed.reason, card, asOf);
  const audit = auditFinding(full, credential);
  const toFile = petitionsToFile(full, input.courses, ruleSet);
  // The courses' warnings are one finding each kind, about the courses; the others as the engine
  // coded them (a card's missing certificate apart from the courses').
  const courseFinding = (kind: string, ids: string[], many: (count: number) => string): Explained[] => {
    const [first] = ids;
    if (first === undefined) return [];
    const explained = explainWarning(`${kind}:${first}`, full, ruleSet);
    return [{ ...explained, code: kind, about: { first, count: ids.length }, title: ids.length > 1 ? many(ids.length) : explained.title }];
  };
  const warnings = [
    ...courseFinding('no-certificate', uncertified, (n) => `${figure(n)} counted courses have no certificate attached: an audit risk`),
    ...groupFindings(
      full.warnings.filter((code) => code !== 'audit-open'),
      (code) => explainWarning(code, full, ruleSet),
      full.cprAed.id,
    ),
    ...courseFinding(
      'petition-pending',
      pendingPetitions,
      (n) => `${figure(n)} petitions pending: their ${ruleSet.unit.plural} count once approved`,
    ),
  ];
  const certificatesMissing = missingCertificates(full) > 0;
  const c = full.ceus;
  const meter = (label: string, value: number, required: number) => ({
    label,
    value,
    required,
    text: formatProgress(value, required, ruleSet),
    met: value >= required,
  });
  const meters: CredentialEvaluation['meters'] = [meter('Courses', c.courses, c.coursesRequired)];
  const notes: string[] = [];
  if (c.cprAedRequired > 0) {
    meters.push(meter('CPR/AED', c.cprAed, c.cprAedRequired));
  } else if (ruleSet.cprAed.required.value) {
    notes.push(`CPR/AED: ${cpr.tone === 'bad' ? 'not current' : 'current'} (required, earns no ${ruleSet.unit.plural})`);
  }
  meters.push(meter('Total', c.total, c.required));
  if (c.pending > 0) notes.push(`${formatAmount(c.pending, ruleSet)} pending petition review: not counted until approved.`);
  const fees = petitionFeesText(full.petitionFees, ruleSet);
  if (fees) notes.push(`Petition fees for this cycle: ${fees}.`);

  return {
    asOf,
    person,
    credential,
    ruleSet: ruleSetSummary(ruleSet),
    verdict,
    statusText: statusText(full, ruleSet, credential.applicationAccepted ? null : credential.applicationSubmitted, asOf),
    statusTone: statusTone(full, audit !== null, certificatesMissing),
    cprAedText: cpr.text,
    cprAedTone: cpr.tone,
    blockers: [
      ...(audit ? [audit] : []),
      ...verdict.blockers.flatMap((code) => {
        const explained = explainBlocker(code, full, ruleSet);
        return code === 'courses-short' && toFile ? [explained, toFile] : [explained];
      }),
    ],
    warnings,
    auditDaysLeft: audit && verdict.deadlines.auditDue ? daysBetween(asOf, verdict.deadlines.auditDue) : null,
    applicationText: applicationText(full, credential),
    applicationShortfallText: applicationShortfallText(full, ruleSet),
    meters,
    notes,
    nextAction: nextAction(full, audit !== null, certificatesMissing),
  };
}

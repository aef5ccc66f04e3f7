// Plain words for the engine's codes: what stands in the way and what to do about it. Used by the
// CLI's summary and sent to the renderer with each verdict, so the screens never interpret codes.
import { addDays, daysBetween, formatDate, type CalendarDate } from '../dates';
import { warningKind, type CourseReason, type CprAedReason, type VerdictHead } from '../domain/verdict';
import type { Explained } from '../domain/views';
import { formatAmount, formatProgress } from './amounts';
import { periodContaining } from './cycle';
import type { RuleSet } from './ruleset-schema';

export type { Explained };

function amount(value: number, ruleSet: RuleSet): string {
  return formatAmount(value, ruleSet);
}

const COURSE_REASON_TEXT: Record<CourseReason, string> = {
  counted: 'Counted',
  'not-yet-completed': 'Completed after the reference date',
  'before-cycle': 'Completed before the cycle began',
  'after-course-deadline': 'Completed after the course deadline',
  'petition-required': 'Not pre-approved and no petition filed',
  'petition-pending': 'Petition pending',
  'petition-denied': 'Petition denied',
  'repeated-course': 'Same course already counted this cycle',
};

/** Why a course counts or not, in plain words. */
export function courseReasonText(reason: CourseReason): string {
  return COURSE_REASON_TEXT[reason];
}

/** The status in plain words, e.g. "Expired — late fee applies until 29 Jun 2027". */
export function statusText(verdict: VerdictHead, ruleSet: RuleSet, applicationDate: string | null, asOf: CalendarDate): string {
  const d = verdict.deadlines;
  switch (verdict.status) {
    case 'ready': {
      // Requirements met is not a call to act now when the expiration is years away.
      const standardUntil = d.lateFeeFrom ? addDays(d.lateFeeFrom, -1) : d.expiration;
      return daysBetween(asOf, standardUntil) > 90
        ? `Requirements met — you can apply any time until ${formatDate(standardUntil)}`
        : `Requirements met — apply by ${formatDate(standardUntil)} for the standard fee`;
    }
    case 'in-progress':
      return verdict.ceus.remaining > 0 ? `In progress — ${amount(verdict.ceus.remaining, ruleSet)} to go` : 'In progress';
    case 'expired-late': {
      const until = d.additionalFeeFrom ? addDays(d.additionalFeeFrom, -1) : d.finalApplication;
      const words = ruleSet.applicationWindows.value.find((w) => w.status === 'expired-late')?.statusText;
      return words ? words.replace('{until}', formatDate(until)) : `Expired — late fee applies until ${formatDate(until)}`;
    }
    case 'expired-additional-fee':
      return `Expired — late and additional fees apply until ${formatDate(d.finalApplication)}`;
    case 'lapsed':
      // A body with no late window (NSCA): the deadline itself has passed, and that is what to say.
      return ruleSet.applicationWindows.value.length === 0
        ? `Expired ${formatDate(d.expiration)} — no application was recorded by the deadline`
        : 'Lapsed — the recertification window has closed';
    case 'submitted':
      return applicationDate ? `Application submitted ${formatDate(applicationDate)}` : 'Application submitted';
  }
}

const CPR_AED_REASON_TEXT: Record<CprAedReason, string> = {
  ok: 'Current: Adult CPR and AED, hands-on',
  'online-only-waiver': 'Online only, accepted under the COVID-19 waiver',
  expired: 'Expired',
  'expires-too-soon': 'Expires too soon after the application',
  'no-adult-cpr': 'Does not include Adult CPR',
  'no-aed': 'Does not include AED',
  'online-only-not-accepted': 'Online-only: not accepted without a hands-on skills check',
  missing: 'None on file',
};

/** The CPR/AED verdict in plain words. */
export function cprAedReasonText(reason: CprAedReason): string {
  return CPR_AED_REASON_TEXT[reason];
}

function categoryName(ruleSet: RuleSet, id: string): string {
  return ruleSet.requirement.categories.find((c) => c.id === id)?.name ?? id;
}

/** "Category A, B, C or D". */
function categoryList(ruleSet: RuleSet): string {
  const names = ruleSet.requirement.categories.map((c) => c.name);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}` : (names[0] ?? 'a category');
}

function periodYears(ruleSet: RuleSet): number {
  return ruleSet.cycle.kind === 'calendar-periods' ? ruleSet.cycle.years.value : 0;
}

function publishedYears(ruleSet: RuleSet): string {
  if (ruleSet.cycle.kind !== 'calendar-periods') return '';
  const { start, end } = ruleSet.cycle.published.value;
  return `${start.slice(0, 4)}–${end.slice(0, 4)}`;
}

/** The period ends either side of a date: "31 Dec 2026 and 31 Dec 2029" for 30 Jun 2027. */
function periodEnds(ruleSet: RuleSet, date: CalendarDate): string {
  if (ruleSet.cycle.kind !== 'calendar-periods') return '';
  const period = periodContaining(ruleSet.cycle, date);
  return `${formatDate(addDays(period.start, -1))} and ${formatDate(period.end)}`;
}

/** Why the card is refused, in words; for a body that accepts online courses with a skills evaluation, that. */
function cprReason(reason: CprAedReason, ruleSet: RuleSet): string {
  if (reason === 'online-only-not-accepted' && !ruleSet.cprAed.waiver) {
    return `Your CPR/AED card is recorded as online only, with no hands-on skills evaluation, which ${ruleSet.credential} requires of an online course`;
  }
  return CPR_REASONS[reason] ?? 'CPR/AED requirement not met';
}

const CPR_REASONS: Record<string, string> = {
  expired: 'Your CPR/AED card has expired',
  'expires-too-soon': 'Your CPR/AED card expires too soon after submission',
  'no-adult-cpr': 'Your CPR/AED card does not include Adult CPR',
  'no-aed': 'Your CPR/AED card does not include AED',
  'online-only-not-accepted': 'An online-only CPR/AED course is not accepted without a hands-on skills check',
  missing: 'No CPR/AED card is recorded',
};

export function explainBlocker(code: string, verdict: VerdictHead, ruleSet: RuleSet): Explained {
  const rule = verdict.explain.blockers[code] ?? 'R2';
  const [kind, detail] = code.split(':');
  switch (kind) {
    case 'lapsed':
      return {
        code,
        rule,
        title:
          ruleSet.applicationWindows.value.length === 0
            ? `The deadline, ${formatDate(verdict.deadlines.finalApplication)}, has passed: ${ruleSet.credential} has no late window`
            : 'The last day to apply has passed',
        action: `Contact ${ruleSet.body} about re-taking the exam or reinstatement.`,
      };
    case 'application-too-late':
      return {
        code,
        rule,
        title: 'The recorded application date is after the last day to apply',
        action: 'Check the application date you recorded.',
      };
    case 'courses-short': {
      const short = Math.round((verdict.ceus.coursesRequired - verdict.ceus.courses) * 1000) / 1000;
      return {
        code,
        rule,
        title: `${amount(short, ruleSet)} of courses still needed (${formatProgress(verdict.ceus.courses, verdict.ceus.coursesRequired, ruleSet)})`,
        action: `Complete approved courses by ${formatDate(verdict.deadlines.coursesBy)} and add them to the course log.`,
      };
    }
    case 'category-short': {
      const category = ruleSet.requirement.categories.find((c) => c.id === detail);
      return {
        code,
        rule,
        title: `Not enough ${category?.name ?? detail} courses`,
        action: `Add a ${category?.name ?? detail} course (at least ${amount(category?.min?.value ?? 0, ruleSet)}).`,
      };
    }
    case 'categories-too-few': {
      const needed = ruleSet.requirement.minCategories?.value ?? 2;
      const used = (detail ?? '')
        .split(',')
        .filter(Boolean)
        .map((id) => categoryName(ruleSet, id));
      return {
        code,
        rule,
        title: `${ruleSet.unit.plural} must come from at least ${needed} categories; ${
          used.length ? `counted so far: ${used.join(' and ')} only` : 'none counted in a category yet'
        }`,
        action: `Add a course from ${used.length ? 'another' : 'each of two'} of ${categoryList(ruleSet)}.`,
      };
    }
    case 'category-not-recorded':
      return {
        code,
        rule,
        title: `A counted course has no ${ruleSet.credential} category recorded, so its category's maximum cannot be applied`,
        action: `Set each course's category (${categoryList(ruleSet)}) as its certificate shows it.`,
      };
    case 'own-courses-short':
      return {
        code,
        rule,
        title: `At least ${amount(ruleSet.requirement.ownCourses?.value ?? 0, ruleSet)} must come from ${ruleSet.credential}'s own courses`,
        action: 'Take one of its own courses.',
      };
    case 'cpr-aed':
      return {
        code,
        rule,
        title: cprReason(verdict.cprAed.reason, ruleSet),
        action: 'Take a CPR/AED course with Adult CPR, AED and a hands-on skills check, then add the card.',
      };
    default:
      return { code, rule, title: code, action: '' };
  }
}

export function explainWarning(code: string, verdict: VerdictHead, ruleSet: RuleSet): Explained {
  const rule = verdict.explain.warnings[warningKind(code)] ?? 'R10';
  const [kind, id] = code.split(':');
  switch (kind) {
    case 'no-certificate':
      // Evidence is not a counting rule: no rule of the rule set stands behind this finding. Which
      // record it is about is said, so that the card's line and a course's never read the same.
      return {
        code,
        rule: null,
        title:
          id === verdict.cprAed.id
            ? 'Your CPR/AED card has no certificate attached: an audit risk'
            : 'A counted course has no certificate attached: an audit risk',
        action: 'Attach the certificate (PDF or photo).',
      };
    case 'cpr-aed-expires-before-expiration':
      return {
        code,
        rule,
        title: 'Your CPR/AED card expires before the credential does',
        action: 'Renew it before you apply, or apply while it is current.',
      };
    case 'online-only-waiver':
      return {
        code,
        rule,
        title: 'Online-only CPR/AED accepted under the COVID-19 waiver',
        action: 'Get the hands-on skills assessment when you can, as NASM recommends.',
      };
    case 'waiver-end-unknown':
      return {
        code,
        rule,
        title: "The waiver's end date is not set",
        action: `Confirm ${ruleSet.body}'s current policy and set the waiver's end in Settings.`,
      };
    case 'petition-pending':
      return {
        code,
        rule,
        title: 'Petition pending: these CEUs count once it is approved',
        action: 'Record the decision when it arrives.',
      };
    case 'category-cap': {
      const name = categoryName(ruleSet, id ?? '');
      return {
        code,
        rule,
        title: `${name} is over its maximum: ${ruleSet.unit.plural} above it do not count`,
        action: 'Choose courses from other categories.',
      };
    }
    case 'audit-open':
      return {
        code,
        rule,
        title: verdict.deadlines.auditDue ? `Audit open: documents due ${formatDate(verdict.deadlines.auditDue)}` : 'Audit open',
        action: 'Export the audit packet and send it, then mark the documents as sent.',
      };
    case 'next-cycle-assumed':
      return {
        code,
        rule,
        title: 'Next cycle assumed after your accepted recertification',
        action: `Check the new expiration date against ${ruleSet.body}'s records.`,
      };
    case 'expiration-not-month-end':
      return {
        code,
        rule,
        title: `${ruleSet.credential} credentials expire on the last day of a month`,
        action: 'Check the expiration date you recorded.',
      };
    case 'expiration-not-period-end':
      return {
        code,
        rule,
        title: `${ruleSet.credential} periods end on 31 December every ${periodYears(ruleSet)} years (the nearest: ${periodEnds(ruleSet, verdict.deadlines.expiration)}); the recorded expiration, ${formatDate(verdict.deadlines.expiration)}, is not one`,
        action: `Recert keeps the date you recorded and counts courses from ${formatDate(verdict.cycle.start)}; check the expiration date against your ${ruleSet.body} account.`,
      };
    case 'period-table-assumed':
      return {
        code,
        rule,
        title: `Recert's reading: ${ruleSet.body} has published its requirement table for ${publishedYears(ruleSet)} only; this period uses the same table shifted`,
        // The body is named in full in the title; here by its short name ("NSCA"), not a second time in full.
        action: `Check the requirement against ${shortBody(ruleSet.body)}'s table for this period once it is published.`,
      };
    default:
      return { code, rule, title: code, action: '' };
  }
}

/**
 * Findings of one kind about several records or categories (the caps of two categories) become one
 * line about them all; a finding about the CPR/AED card stays apart from the courses'. The
 * courses' own warnings come as id lists (see `Verdict.uncertified`) and are grouped by the caller.
 */
export function groupFindings(codes: readonly string[], explain: (code: string) => Explained, cardId: string | null): Explained[] {
  const groups = new Map<string, Explained & { about: NonNullable<Explained['about']> }>();
  const out: Explained[] = [];
  for (const code of codes) {
    const colon = code.indexOf(':');
    const kind = colon < 0 ? code : code.slice(0, colon);
    const target = colon < 0 ? '' : code.slice(colon + 1);
    if (!kind || !target) {
      out.push(explain(code));
      continue;
    }
    const key = target === cardId ? `${kind}:card` : kind;
    const group = groups.get(key);
    if (group) {
      group.about.count += 1;
      continue;
    }
    const created = { ...explain(code), code: key === kind ? kind : code, about: { first: target, count: 1 } };
    groups.set(key, created);
    out.push(created);
  }
  return out;
}

/** "National Strength and Conditioning Association (NSCA)" → "NSCA"; a body without one keeps its name. */
function shortBody(body: string): string {
  return /\(([^()]+)\)\s*$/.exec(body)?.[1] ?? body;
}

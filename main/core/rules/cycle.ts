import { addDays, addMonths, addYears, endOfMonth, type CalendarDate } from '../dates';
import type { RuleId, RuleSet } from './ruleset-schema';
import type { CredentialFacts } from '../domain/verdict';
import { thousandths } from './units';

export interface ResolvedCycle {
  start: CalendarDate;
  /** E: the expiration date the cycle's windows are measured from. */
  end: CalendarDate;
  coursesRequired: number;
  /**
   * The category maxima in thousandths, by category id, where they depend on the credential (NSCA's
   * table prorated by certification date); null: each category's own `max`.
   */
  categoryMax: ReadonlyMap<string, number> | null;
  /** The application that belongs to this cycle (none once R11 has moved on to the next cycle). */
  applicationSubmitted: CalendarDate | null;
  rule: RuleId;
  warnings: { code: string; rule: RuleId }[];
}

type PeriodRules = Extract<RuleSet['cycle'], { kind: 'calendar-periods' }>;

/** A calendar period: its first and last day, and how many periods it lies after the published one. */
export interface Period {
  start: CalendarDate;
  end: CalendarDate;
  shift: number;
}

function periodAt(rules: PeriodRules, shift: number): Period {
  const years = shift * rules.years.value;
  return { start: addYears(rules.published.value.start, years), end: addYears(rules.published.value.end, years), shift };
}

/** The period that holds `date` (2027-06-30 → 2027–2029 for NSCA). */
export function periodContaining(rules: PeriodRules, date: CalendarDate): Period {
  const firstYear = Number(rules.published.value.start.slice(0, 4));
  let shift = Math.floor((Number(date.slice(0, 4)) - firstYear) / rules.years.value);
  let period = periodAt(rules, shift);
  while (date < period.start) period = periodAt(rules, --shift);
  while (date > period.end) period = periodAt(rules, ++shift);
  return period;
}

/**
 * R15: what someone certified on `certifiedOn` owes in `period`, from the published table shifted
 * to it: the last step certified on or after, or the full requirement and the categories' own
 * maxima for someone certified before the period (or whose certification date is not recorded).
 */
function prorated(
  ruleSet: RuleSet,
  rules: PeriodRules,
  period: Period,
  certifiedOn: CalendarDate | null,
): { courses: number; categoryMax: Map<string, number> } {
  const categoryMax = new Map<string, number>();
  for (const category of ruleSet.requirement.categories) if (category.max) categoryMax.set(category.id, thousandths(category.max.value));
  let courses = thousandths(ruleSet.requirement.courses.value);
  if (!certifiedOn) return { courses, categoryMax };
  const years = period.shift * rules.years.value;
  for (const step of rules.proration.value) {
    if (certifiedOn < addYears(step.certifiedFrom, years)) break;
    courses = thousandths(step.courses);
    for (const [id, max] of Object.entries(step.categoryMax ?? {})) categoryMax.set(id, thousandths(max));
  }
  return { courses, categoryMax };
}

/**
 * R15: the credential's period is the one whose last day is its expiration date. An expiration
 * that is no period's last day is kept as recorded (it is what the person's records say) and
 * flagged; the courses then count from the start of the period that holds it.
 */
function calendarPeriodCycle(ruleSet: RuleSet, rules: PeriodRules, credential: CredentialFacts): ResolvedCycle {
  const warnings: ResolvedCycle['warnings'] = [];
  // The certification date; older records files carried it as `cycleStart` (docs/records-file.md).
  const certifiedOn = credential.certified ?? credential.cycleStart;
  let period = periodContaining(rules, credential.expires);
  let end = credential.expires;
  let applicationSubmitted = credential.applicationSubmitted;
  let rule: RuleId = 'R15';
  if (period.end !== credential.expires) warnings.push({ code: 'expiration-not-period-end', rule: 'R15' });
  if (credential.applicationSubmitted && credential.applicationAccepted) {
    // R11: the accepted application closed the recorded period; the next one follows it.
    period = periodAt(rules, period.shift + 1);
    end = period.end;
    applicationSubmitted = null;
    rule = 'R11';
    warnings.push({ code: 'next-cycle-assumed', rule: 'R11' });
  }
  if (period.shift !== 0 && rules.shifted.decision) warnings.push({ code: 'period-table-assumed', rule: 'R15' });
  const { courses, categoryMax } = prorated(ruleSet, rules, period, rule === 'R11' ? null : certifiedOn);
  const start = rule !== 'R11' && certifiedOn && certifiedOn > period.start ? certifiedOn : period.start;
  return { start, end, coursesRequired: courses, categoryMax, applicationSubmitted, rule, warnings };
}

/** R1 / R11 / R15: the cycle the verdict is about, and what it requires from courses. */
export function resolveCycle(ruleSet: RuleSet, credential: CredentialFacts): ResolvedCycle {
  const cycle = ruleSet.cycle;
  if (cycle.kind === 'calendar-periods') return calendarPeriodCycle(ruleSet, cycle, credential);

  const warnings: ResolvedCycle['warnings'] = [];
  const coursesRequired = thousandths(ruleSet.requirement.courses.value);
  if (cycle.endsOnLastDayOfMonth?.value && credential.expires !== endOfMonth(credential.expires)) {
    warnings.push({ code: 'expiration-not-month-end', rule: 'R1' });
  }
  if (credential.applicationSubmitted && credential.applicationAccepted) {
    // R11 (a decision): the accepted application closed the recorded cycle; the next one follows it.
    const end = addMonths(credential.expires, ruleSet.nextCycle.value.months);
    warnings.push({ code: 'next-cycle-assumed', rule: 'R11' });
    return {
      start: addDays(credential.expires, 1),
      end,
      coursesRequired,
      categoryMax: null,
      applicationSubmitted: null,
      rule: 'R11',
      warnings,
    };
  }
  const start = credential.cycleStart ?? addDays(addMonths(credential.expires, -cycle.months.value), 1);
  return {
    start,
    end: credential.expires,
    coursesRequired,
    categoryMax: null,
    applicationSubmitted: credential.applicationSubmitted,
    rule: 'R1',
    warnings,
  };
}

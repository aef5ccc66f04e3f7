import { addDays, addMonths, endOfMonth, type CalendarDate } from '../dates';
import type { RuleId, RuleSet } from './ruleset-schema';
import type { CredentialFacts } from '../domain/verdict';
import { thousandths } from './units';

export interface ResolvedCycle {
  start: CalendarDate;
  /** E: the expiration date the cycle's windows are measured from. */
  end: CalendarDate;
  coursesRequired: number;
  /** The application that belongs to this cycle (none once R11 has moved on to the next cycle). */
  applicationSubmitted: CalendarDate | null;
  rule: RuleId;
  warnings: { code: string; rule: RuleId }[];
}

/** NSCA-style proration: the requirement of the last step whose date is on or before certification. */
function proratedCourses(ruleSet: RuleSet & { cycle: { kind: 'fixed' } }, certifiedOn: CalendarDate | null): number {
  const full = thousandths(ruleSet.requirement.courses.value);
  if (!certifiedOn) return full;
  let required = full;
  for (const step of ruleSet.cycle.proration.value) {
    if (certifiedOn >= step.certifiedFrom) required = thousandths(step.courses);
  }
  return required;
}

/** R1 / R11 / R15: the cycle the verdict is about, and what it requires from courses. */
export function resolveCycle(ruleSet: RuleSet, credential: CredentialFacts): ResolvedCycle {
  const warnings: ResolvedCycle['warnings'] = [];
  const cycle = ruleSet.cycle;
  if (cycle.kind === 'fixed') {
    const certifiedOn = credential.cycleStart;
    const start = certifiedOn && certifiedOn > cycle.start.value ? certifiedOn : cycle.start.value;
    if (credential.expires !== cycle.end.value) warnings.push({ code: 'expiration-not-cycle-end', rule: 'R15' });
    return {
      start,
      end: cycle.end.value,
      coursesRequired: proratedCourses({ ...ruleSet, cycle }, certifiedOn),
      applicationSubmitted: credential.applicationSubmitted,
      rule: 'R15',
      warnings,
    };
  }

  const coursesRequired = thousandths(ruleSet.requirement.courses.value);
  if (cycle.endsOnLastDayOfMonth?.value && credential.expires !== endOfMonth(credential.expires)) {
    warnings.push({ code: 'expiration-not-month-end', rule: 'R1' });
  }
  if (credential.applicationSubmitted && credential.applicationAccepted) {
    // R11 (a decision): the accepted application closed the recorded cycle; the next one follows it.
    const end = addMonths(credential.expires, ruleSet.nextCycle.value.months);
    warnings.push({ code: 'next-cycle-assumed', rule: 'R11' });
    return { start: addDays(credential.expires, 1), end, coursesRequired, applicationSubmitted: null, rule: 'R11', warnings };
  }
  const start = credential.cycleStart ?? addDays(addMonths(credential.expires, -cycle.months.value), 1);
  return { start, end: credential.expires, coursesRequired, applicationSubmitted: credential.applicationSubmitted, rule: 'R1', warnings };
}

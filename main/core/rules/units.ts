import type { RuleSet } from './ruleset-schema';
import type { CourseFacts } from '../domain/verdict';

// All amounts inside the engine are integers: thousandths of the rule set's unit. A CEU thousandth
// is a hundredth of a contact hour (1 CEU = 10 h), so converting to any body's unit is one integer
// multiplication by (units per hour × 10): 1 for NASM and ACE, 10 for AFAA/ACSM/ISSA, 5 for NCSF.

export function unitThousandthsPerHourHundredth(ruleSet: RuleSet): number {
  return Math.round(ruleSet.unit.perContactHour.value * 10);
}

/** The course's amount in thousandths of the rule set's unit (`perHourHundredth` from the function above). */
export function courseUnits(course: CourseFacts, perHourHundredth: number): number {
  const hourHundredths = course.contactHourHundredths ?? course.ceuThousandths ?? 0;
  return hourHundredths * perHourHundredth;
}

/** A rule-set figure (e.g. 1.9) in thousandths. */
export function thousandths(value: number): number {
  return Math.round(value * 1000);
}

/** Back to a decimal number for output: exact, since the integer has at most three decimals. */
export function decimal(value: number): number {
  return value / 1000;
}

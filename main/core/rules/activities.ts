import { addYears, type CalendarDate } from '../dates';
import { applyOffset } from './offsets';
import type { RuleId, RuleSet } from './ruleset-schema';
import type { ActivityFacts, ActivityReason } from '../domain/verdict';
import { activityUnits, thousandths } from './units';
import { pushTo } from '../group-by';

export interface ActivityVerdict {
  activity: ActivityFacts;
  units: number;
  reason: ActivityReason;
  rule: RuleId;
}

const RULE_OF_REASON: Record<ActivityReason, RuleId> = {
  'not-yet-completed': 'R4',
  'before-cycle': 'R4',
  'after-course-deadline': 'R4',
  'petition-required': 'R5',
  'petition-pending': 'R5',
  'petition-denied': 'R5',
  'repeated-course': 'R13',
  counted: 'R2',
};

/**
 * A title or provider as compared for "the same course twice": without case, accents of spacing or
 * punctuation. Memoised: a gym's records repeat the same titles and providers thousands of times,
 * and normalising is most of what checking a course costs. (toLowerCase is the English mapping: it
 * does not depend on the computer's locale.)
 */
const normalised = new Map<string, string>();
function norm(text: string): string {
  let key = normalised.get(text);
  if (key === undefined) {
    key = text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\s\p{P}]+/gu, ' ')
      .trim();
    // Bounded: a long-running app meets new titles for ever.
    if (normalised.size >= 50_000) normalised.clear();
    normalised.set(text, key);
  }
  return key;
}

/** Titles seen, by provider: nested rather than one joined key, so no new string is built per course. */
type SeenCourses = Map<string, Set<string>>;
function seenBefore(seen: SeenCourses, activity: ActivityFacts): boolean {
  const provider = norm(activity.provider);
  let titles = seen.get(provider);
  if (!titles) {
    titles = new Set();
    seen.set(provider, titles);
  }
  const title = norm(activity.title);
  if (titles.has(title)) return true;
  titles.add(title);
  return false;
}

/** The first reason that applies to one activity (R4, R5, R13), in the order docs/records-file.md gives. */
function reasonOf(
  activity: ActivityFacts,
  cycle: { start: CalendarDate },
  coursesBy: CalendarDate,
  reference: CalendarDate,
  seen: SeenCourses | null,
): ActivityReason {
  if (activity.completed > reference) return 'not-yet-completed';
  if (activity.completed < cycle.start) return 'before-cycle';
  if (activity.completed > coursesBy) return 'after-course-deadline';
  if (activity.approval === 'petition') {
    if (activity.petitionStatus === null) return 'petition-required';
    if (activity.petitionStatus === 'pending') return 'petition-pending';
    if (activity.petitionStatus === 'denied') return 'petition-denied';
  }
  if (seen && seenBefore(seen, activity)) return 'repeated-course';
  return 'counted';
}

/** R4, R5, R13: the first reason that applies to each activity, in the order docs/records-file.md gives. */
export function activityVerdicts(
  ruleSet: RuleSet,
  activities: readonly ActivityFacts[],
  cycle: { start: CalendarDate; end: CalendarDate },
  reference: CalendarDate,
): ActivityVerdict[] {
  const coursesBy = applyOffset(cycle.end, ruleSet.courseDeadline.value);
  const seen: SeenCourses | null = ruleSet.requirement.noRepeatedCourses?.value ? new Map() : null;
  return activities.map((activity) => {
    const reason = reasonOf(activity, cycle, coursesBy, reference, seen);
    return { activity, units: activityUnits(activity, ruleSet), reason, rule: RULE_OF_REASON[reason] };
  });
}

export interface CourseTotals {
  /** Counted units after category caps. */
  courses: number;
  pending: number;
  /** Categories whose cap cut counted units. */
  capped: string[];
  /** Categories below their minimum. */
  short: string[];
  ownCourses: number;
}

/** Which cycle year (0, 1, …) a date falls in; courses in the grace after E belong to the last year. */
function cycleYear(start: CalendarDate, end: CalendarDate, date: CalendarDate): number {
  let year = 0;
  while (addYears(start, year + 1) <= date && addYears(start, year + 1) <= end) year += 1;
  return year;
}

/** R2, R12, R14: totals of counted units, with category caps and minimums applied. */
export function courseTotals(
  ruleSet: RuleSet,
  verdicts: readonly ActivityVerdict[],
  cycle: { start: CalendarDate; end: CalendarDate },
): CourseTotals {
  const known = new Map(ruleSet.requirement.categories.map((c) => [c.id, c]));
  const fallback = ruleSet.requirement.defaultCategory ?? 'general';
  const byCategory = new Map<string, ActivityVerdict[]>();
  let pending = 0;
  let ownCourses = 0;
  for (const verdict of verdicts) {
    if (verdict.reason === 'petition-pending') pending += verdict.units;
    if (verdict.reason !== 'counted') continue;
    if (verdict.activity.approval === 'nasm') ownCourses += verdict.units;
    const category = verdict.activity.category && known.has(verdict.activity.category) ? verdict.activity.category : fallback;
    pushTo(byCategory, category, verdict);
  }

  let courses = 0;
  const capped: string[] = [];
  const short: string[] = [];
  const categoryIds = new Set([...byCategory.keys(), ...known.keys()]);
  for (const id of categoryIds) {
    const items = byCategory.get(id) ?? [];
    const rules = known.get(id);
    let sum = 0;
    if (rules?.maxPerYear) {
      const perYear = new Map<number, number>();
      for (const v of items) {
        const year = cycleYear(cycle.start, cycle.end, v.activity.completed);
        perYear.set(year, (perYear.get(year) ?? 0) + v.units);
      }
      const cap = thousandths(rules.maxPerYear.value);
      for (const units of perYear.values()) sum += Math.min(units, cap);
    } else {
      sum = items.reduce((total, v) => total + v.units, 0);
    }
    if (rules?.max) sum = Math.min(sum, thousandths(rules.max.value));
    const uncapped = items.reduce((total, v) => total + v.units, 0);
    if (sum < uncapped) capped.push(id);
    if (rules?.min && sum < thousandths(rules.min.value)) short.push(id);
    courses += sum;
  }
  return { courses, pending, capped, short, ownCourses };
}

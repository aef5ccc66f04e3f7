import { addYears, type CalendarDate } from '../dates';
import { applyOffset } from './offsets';
import type { RuleId, RuleSet } from './ruleset-schema';
import type { ActivityFacts, ActivityReason, CourseVerdicts } from '../domain/verdict';
import { activityUnits, thousandths, unitThousandthsPerHourHundredth } from './units';
import { CourseVerdictLists } from './verdict-objects';

export const RULE_OF_REASON: Record<ActivityReason, RuleId> = {
  'not-yet-completed': 'R4',
  'before-cycle': 'R4',
  'after-course-deadline': 'R4',
  'petition-required': 'R5',
  'petition-pending': 'R5',
  'petition-denied': 'R5',
  'repeated-course': 'R13',
  counted: 'R2',
};

/** Whether a course with this reason counts (R2): every other reason names why it does not. */
export function isCounted(reason: ActivityReason | undefined): boolean {
  return reason === 'counted';
}

/**
 * A title or provider as compared for "the same course twice": without case, accents of spacing or
 * punctuation. Normalising is most of what checking a course costs, so the whole normalisation is
 * memoised for the titles that need it. (toLowerCase is the English mapping: it does not depend on
 * the computer's locale.)
 */
const normalised = new Map<string, string>();
/** Lower-case ASCII words separated by single spaces: already what `norm` would make of them. */
const PLAIN = /^[a-z0-9]+(?: [a-z0-9]+)*$/;
export function norm(text: string): string {
  // Most titles are plain words: lower-cased, they need no Unicode normalisation, no punctuation pass
  // and no memo (16,500 different titles, cold: 24 → 7 ms; a gym's 50,000 different titles only
  // churned the memo: engine 36–47 → 33–35 ms). Anything else takes the whole way, memoised.
  const lower = text.toLowerCase();
  if (PLAIN.test(lower)) return lower;
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

/**
 * The provider's key, remembering the last one: a person's courses mostly come from one or two
 * providers in a row, and comparing with the last is cheaper than a lookup in the map.
 */
let lastProvider = '';
let lastProviderKey = '';
function providerKey(provider: string): string {
  if (provider !== lastProvider) {
    lastProviderKey = norm(provider);
    lastProvider = provider;
  }
  return lastProviderKey;
}

/** Titles seen, by provider: nested rather than one joined key, so no new string is built per course. */
type SeenCourses = Map<string, Set<string>>;
function seenBefore(seen: SeenCourses, activity: ActivityFacts): boolean {
  const provider = providerKey(activity.provider);
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

/**
 * Whether a course's title and provider can change its verdict: only under a rule set that refuses
 * the same course twice in a cycle (R13). Under any other, a reader may leave them out.
 */
export function comparesTitles(ruleSet: RuleSet): boolean {
  return ruleSet.requirement.noRepeatedCourses?.value === true;
}

/** R4, R5, R13: the first reason that applies to each activity, in the order docs/records-file.md gives. */
export function activityVerdicts(
  ruleSet: RuleSet,
  activities: readonly ActivityFacts[],
  cycle: { start: CalendarDate; end: CalendarDate },
  reference: CalendarDate,
): CourseVerdicts {
  const coursesBy = applyOffset(cycle.end, ruleSet.courseDeadline.value);
  const seen: SeenCourses | null = comparesTitles(ruleSet) ? new Map() : null;
  const perHourHundredth = unitThousandthsPerHourHundredth(ruleSet);
  const ids = new Array<string>(activities.length);
  const reasons = new Array<ActivityReason>(activities.length);
  const units = new Array<number>(activities.length);
  activities.forEach((activity, i) => {
    ids[i] = activity.id;
    reasons[i] = reasonOf(activity, cycle, coursesBy, reference, seen);
    units[i] = activityUnits(activity, perHourHundredth);
  });
  return new CourseVerdictLists(ids, reasons, units);
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

/** Counted units of one category: all of them, and per cycle year where the category has a yearly cap. */
interface CategorySum {
  total: number;
  perYear: Map<number, number> | null;
}

/** R2, R12, R14: totals of counted units, with category caps and minimums applied. */
export function courseTotals(
  ruleSet: RuleSet,
  activities: readonly ActivityFacts[],
  verdicts: CourseVerdicts,
  cycle: { start: CalendarDate; end: CalendarDate },
): CourseTotals {
  const known = new Map(ruleSet.requirement.categories.map((c) => [c.id, c]));
  const fallback = ruleSet.requirement.defaultCategory ?? 'general';
  // Sums as the courses go, in the order categories are first met (then the rule set's own).
  const byCategory = new Map<string, CategorySum>();
  let pending = 0;
  let ownCourses = 0;
  activities.forEach((activity, i) => {
    const reason = verdicts.reasons[i];
    const units = verdicts.units[i] ?? 0;
    if (reason === 'petition-pending') pending += units;
    if (reason !== 'counted') return;
    if (activity.approval === 'nasm') ownCourses += units;
    const category = activity.category && known.has(activity.category) ? activity.category : fallback;
    let sum = byCategory.get(category);
    if (!sum) {
      sum = { total: 0, perYear: known.get(category)?.maxPerYear ? new Map() : null };
      byCategory.set(category, sum);
    }
    sum.total += units;
    if (sum.perYear) {
      const year = cycleYear(cycle.start, cycle.end, activity.completed);
      sum.perYear.set(year, (sum.perYear.get(year) ?? 0) + units);
    }
  });

  let courses = 0;
  const capped: string[] = [];
  const short: string[] = [];
  const categoryIds = new Set([...byCategory.keys(), ...known.keys()]);
  for (const id of categoryIds) {
    const counted = byCategory.get(id);
    const rules = known.get(id);
    const uncapped = counted?.total ?? 0;
    let sum = uncapped;
    if (rules?.maxPerYear) {
      const cap = thousandths(rules.maxPerYear.value);
      sum = 0;
      for (const units of counted?.perYear?.values() ?? []) sum += Math.min(units, cap);
    }
    if (rules?.max) sum = Math.min(sum, thousandths(rules.max.value));
    if (sum < uncapped) capped.push(id);
    if (rules?.min && sum < thousandths(rules.min.value)) short.push(id);
    courses += sum;
  }
  return { courses, pending, capped, short, ownCourses };
}

import { addYears, type CalendarDate } from '../dates';
import { applyOffset } from './offsets';
import type { RuleId, RuleSet } from './ruleset-schema';
import type { CourseFacts, CourseReason } from '../domain/verdict';
import { courseUnits, thousandths, unitThousandthsPerHourHundredth } from './units';
import { CourseVerdictLists } from './verdict-objects';

export const RULE_OF_REASON: Record<CourseReason, RuleId> = {
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
export function isCounted(reason: CourseReason | undefined): boolean {
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
  // and no memo (a gym's tens of thousands of different titles would only churn it). Anything else
  // takes the whole way, memoised.
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

/** A course code as compared: without case, spacing or punctuation ("CEP 12345" is "cep12345"). */
function codeKey(code: string): string {
  return norm(code).replace(/ /g, '');
}

/**
 * R13: which of these courses repeat one already counted in the cycle. Two records are the same
 * course when both carry an approval code and the codes are the same, otherwise when their titles
 * and providers are (case, spacing and punctuation aside). The earliest completed counts, then the
 * lowest id on the same day, whatever order the records come in (Recert's reading: the body names
 * no order). `candidates` are the indices of the courses that would count otherwise.
 */
function repeatedCourses(courses: readonly CourseFacts[], candidates: number[]): Set<number> {
  const repeated = new Set<number>();
  candidates.sort((x, y) => {
    const a = courses[x] as CourseFacts;
    const b = courses[y] as CourseFacts;
    if (a.completed !== b.completed) return a.completed < b.completed ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : x - y;
  });
  const codes = new Set<string>();
  const titles = new Set<string>();
  const uncodedTitles = new Set<string>();
  for (const i of candidates) {
    const course = courses[i] as CourseFacts;
    const title = `${providerKey(course.provider)}\u001f${norm(course.title)}`;
    const code = course.approvalCode ? codeKey(course.approvalCode) : '';
    const same = code ? codes.has(code) || uncodedTitles.has(title) : titles.has(title);
    if (same) {
      repeated.add(i);
      continue;
    }
    if (code) codes.add(code);
    else uncodedTitles.add(title);
    titles.add(title);
  }
  return repeated;
}

/** The first reason that applies to one course (R4, R5), in the order docs/records-file.md gives; R13 comes after. */
function reasonOf(course: CourseFacts, cycle: { start: CalendarDate }, coursesBy: CalendarDate, reference: CalendarDate): CourseReason {
  if (course.completed > reference) return 'not-yet-completed';
  if (course.completed < cycle.start) return 'before-cycle';
  if (course.completed > coursesBy) return 'after-course-deadline';
  if (course.approval === 'petition') {
    if (course.petitionStatus === null) return 'petition-required';
    if (course.petitionStatus === 'pending') return 'petition-pending';
    if (course.petitionStatus === 'denied') return 'petition-denied';
  }
  return 'counted';
}

/**
 * Whether a course's title and provider can change its verdict: only under a rule set that refuses
 * the same course twice in a cycle (R13). Under any other, a reader may leave them out.
 */
export function comparesTitles(ruleSet: RuleSet): boolean {
  return ruleSet.requirement.noRepeatedCourses?.value === true;
}

/** Counted units of one category: all of them, and per cycle year where the category has a yearly cap. */
interface CategorySum {
  total: number;
  perYear: Map<number, number> | null;
}

/**
 * What one pass over a credential's courses finds: each course's verdict, and what the verdict
 * gathers from them. A gym has 75,000 course–credential pairs; the engine used to walk them three
 * times (reasons, warnings, sums), and touching each course once instead is quicker.
 */
export interface CourseTally {
  verdicts: CourseVerdictLists;
  /** Counted courses with no certificate attached (R10). */
  uncertified: string[];
  /** Courses whose petition is pending (R5). */
  pendingPetitions: string[];
  /** Courses with a petition recorded, each with its fee (R5). */
  petitioned: number;
  /** Units of the courses whose petition is pending. */
  pending: number;
  /** Counted units of the certifying body's own courses (R14). */
  ownCourses: number;
  /** Counted units by category, in the order categories are first met. */
  byCategory: Map<string, CategorySum>;
}

/** The rule set's categories by id, built once per rule set rather than once per credential. */
const categoriesOf = new WeakMap<RuleSet, ReadonlyMap<string, CategoryRules>>();
type CategoryRules = RuleSet['requirement']['categories'][number];
function knownCategories(ruleSet: RuleSet): ReadonlyMap<string, CategoryRules> {
  let known = categoriesOf.get(ruleSet);
  if (!known) {
    known = new Map(ruleSet.requirement.categories.map((c) => [c.id, c]));
    categoriesOf.set(ruleSet, known);
  }
  return known;
}

/**
 * The first day of each cycle year after the first (the anniversaries of the start up to E): a
 * course belongs to the year of the last anniversary on or before it, so courses in the grace after
 * E belong to the last year.
 */
function anniversaries(cycle: { start: CalendarDate; end: CalendarDate }): CalendarDate[] {
  const days: CalendarDate[] = [];
  for (let year = 1; addYears(cycle.start, year) <= cycle.end; year++) days.push(addYears(cycle.start, year));
  return days;
}

/** Which cycle year (0, 1, …) a date falls in, given the `anniversaries` of its cycle. */
function cycleYear(anniversaryDays: readonly CalendarDate[], date: CalendarDate): number {
  let year = 0;
  while (year < anniversaryDays.length && (anniversaryDays[year] ?? '') <= date) year += 1;
  return year;
}

/**
 * R4, R5, R13: the first reason that applies to each course, in the order docs/records-file.md
 * gives, with its units; and, for the counted and petitioned ones, what the verdict sums and warns
 * about (R2, R5, R10, R12, R14).
 */
export function tallyCourses(
  ruleSet: RuleSet,
  courses: readonly CourseFacts[],
  cycle: { start: CalendarDate; end: CalendarDate },
  reference: CalendarDate,
): CourseTally {
  const coursesBy = applyOffset(cycle.end, ruleSet.courseDeadline.value);
  const perHourHundredth = unitThousandthsPerHourHundredth(ruleSet);
  const known = knownCategories(ruleSet);
  const fallback = ruleSet.requirement.defaultCategory ?? 'general';
  let yearStarts: CalendarDate[] | null = null;

  const count = courses.length;
  const ids = new Array<string>(count);
  const reasons = new Array<CourseReason>(count);
  const units = new Array<number>(count);
  const tally: CourseTally = {
    verdicts: new CourseVerdictLists({ ids, reasons, units }),
    uncertified: [],
    pendingPetitions: [],
    petitioned: 0,
    pending: 0,
    ownCourses: 0,
    byCategory: new Map(),
  };
  let repeated: Set<number> | null = null;
  if (comparesTitles(ruleSet)) {
    const candidates: number[] = [];
    for (let i = 0; i < count; i++) {
      if (reasonOf(courses[i] as CourseFacts, cycle, coursesBy, reference) === 'counted') candidates.push(i);
    }
    repeated = repeatedCourses(courses, candidates);
  }
  for (let i = 0; i < count; i++) {
    const course = courses[i] as CourseFacts;
    const reason = repeated?.has(i) ? 'repeated-course' : reasonOf(course, cycle, coursesBy, reference);
    const amount = courseUnits(course, perHourHundredth);
    ids[i] = course.id;
    reasons[i] = reason;
    units[i] = amount;
    if (course.approval === 'petition' && course.petitionStatus !== null) tally.petitioned += 1;
    if (reason === 'petition-pending') {
      tally.pendingPetitions.push(course.id);
      tally.pending += amount;
    }
    if (reason !== 'counted') continue;

    if (!course.hasCertificate) tally.uncertified.push(course.id);
    if (course.approval === 'nasm') tally.ownCourses += amount;
    const category = course.category && known.has(course.category) ? course.category : fallback;
    let sum = tally.byCategory.get(category);
    if (!sum) {
      sum = { total: 0, perYear: known.get(category)?.maxPerYear ? new Map() : null };
      tally.byCategory.set(category, sum);
    }
    sum.total += amount;
    if (sum.perYear) {
      yearStarts ??= anniversaries(cycle);
      const year = cycleYear(yearStarts, course.completed);
      sum.perYear.set(year, (sum.perYear.get(year) ?? 0) + amount);
    }
  }
  return tally;
}

export interface CourseTotals {
  /** Counted units after category caps. */
  courses: number;
  /** Categories whose cap cut counted units. */
  capped: string[];
  /** Categories below their minimum. */
  short: string[];
  /** The rule set's categories with counted units after caps, in the rule set's order. */
  used: string[];
  /** Counted units in no category of the rule set (a course whose category is not recorded). */
  uncategorised: number;
}

/**
 * R2, R12: the counted units with category caps applied, and the categories capped, short and
 * used. `maxima` are the credential's own category maxima where the cycle sets them (NSCA's
 * prorated table), by id in thousandths. The rule set's categories come in its order, then any
 * other in order of id, so that no finding depends on the order the courses were recorded in.
 */
export function courseTotals(
  ruleSet: RuleSet,
  byCategory: ReadonlyMap<string, CategorySum>,
  maxima: ReadonlyMap<string, number> | null = null,
): CourseTotals {
  const known = knownCategories(ruleSet);
  let courses = 0;
  let uncategorised = 0;
  const capped: string[] = [];
  const short: string[] = [];
  const used: string[] = [];
  const others = [...byCategory.keys()].filter((id) => !known.has(id)).sort();
  for (const id of [...known.keys(), ...others]) {
    const counted = byCategory.get(id);
    const rules = known.get(id);
    const uncapped = counted?.total ?? 0;
    let sum = uncapped;
    if (rules?.maxPerYear) {
      const cap = thousandths(rules.maxPerYear.value);
      sum = 0;
      for (const units of counted?.perYear?.values() ?? []) sum += Math.min(units, cap);
    }
    const max = maxima?.get(id) ?? (rules?.max ? thousandths(rules.max.value) : undefined);
    if (max !== undefined) sum = Math.min(sum, max);
    if (sum < uncapped) capped.push(id);
    if (rules?.min && sum < thousandths(rules.min.value)) short.push(id);
    if (rules && sum > 0) used.push(id);
    if (!rules) uncategorised += sum;
    courses += sum;
  }
  return { courses, capped, short, used, uncategorised };
}

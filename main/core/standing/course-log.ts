// The course log as the screen asks for it: one window of rows at a time, sorted, filtered and
// searched here, each row with the engine's verdict for every credential it counts toward. A
// trainer's log can hold 100,000 courses: the default view (every course by date) is read from the
// store a page at a time; every other view sorts an index array over the snapshot's courses. Either
// way full rows are built only for the window that is sent. Part of the read model (index.ts keeps
// what is worked out here in its cache, per person).
import type { Course, Credential } from '../domain/records';
import type { CourseLogPage, CourseLogQuery, CourseLogRow } from '../domain/views';
import type { CalendarDate } from '../dates';
import { formatAmount } from '../rules/amounts';
import { isCounted } from '../rules/courses';
import { courseReasonText } from '../rules/describe';
import { courseEntry } from '../rules/verdict-format';
import type { CourseEntry, CourseVerdicts } from '../domain/verdict';
import type { RuleSet } from '../rules/ruleset-schema';
import type { Repositories } from '../store';
import { toHundredths, toThousandths } from '../store/amounts';
import { count, figure } from '../domain/plural';
import type { PersonSnapshot } from './snapshot';
import { courseVerdicts, type Standing } from './windowed';

type SortKey = NonNullable<CourseLogQuery['sort']>['key'];

/** Code-point order, for ISO dates, ids and codes (localeCompare is far slower over 100,000 rows). */
function plain(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** "15,414 of 100,000 courses": the rows the filters keep, of all the person's courses. */
function countText(total: number, all: number): string {
  return `${figure(total)} of ${count(all, 'course', 'courses')}`;
}

/** "1.5 CEUs" or "3 h": a course's amount as its certificate states it. */
export function courseAmountText(course: Pick<Course, 'ceus' | 'contactHours'>): string {
  return course.contactHours !== null ? `${course.contactHours} h` : `${course.ceus ?? 0} CEUs`;
}

/** Hundredths of a contact hour: one measure for sorting CEUs and hours together. */
function hourHundredths(course: Course): number {
  return course.contactHours !== null ? toHundredths(course.contactHours) : toThousandths(course.ceus ?? 0);
}

/** One credential's verdict over the person's courses: where each course's verdict is in it (-1: none). */
interface CredentialColumn {
  credentialId: string;
  /** The credential's short name ("NASM-CPT"). */
  short: string;
  unit: RuleSet | undefined;
  courses: CourseVerdicts;
  position: Int32Array;
}

/** A snapshot's courses made ready for sorting and filtering (see `prepare`). */
interface Prepared {
  courses: Course[];
  columns: CredentialColumn[];
  /** Each course's completion date as a number (20260201), for the default sort. */
  days: Int32Array;
  /** Lower-cased title, provider and code, made on the first search only. */
  haystacks: string[] | null;
}

/** The course log's column for one credential: its id, its short name ("NASM-CPT") and its unit. */
function columnOf(credential: Credential, ruleSets: Map<string, RuleSet>): Pick<CredentialColumn, 'credentialId' | 'short' | 'unit'> {
  const ruleSet = ruleSets.get(credential.ruleSet);
  return { credentialId: credential.id, short: ruleSet?.credential ?? credential.ruleSet, unit: ruleSet };
}

/**
 * Per credential, where each course's verdict sits: the engine lists a credential's courses in the
 * person's course order, so one pass with two cursors finds them (no lookup per course, and no
 * object per course: rows are built only for the window that is sent).
 */
function prepare(snapshot: PersonSnapshot): Prepared {
  const { courses } = snapshot;
  const columns = snapshot.verdicts.map((stored): CredentialColumn => {
    const verdicts = stored.verdict.courses;
    const ids = verdicts.ids;
    const position = new Int32Array(courses.length).fill(-1);
    let k = 0;
    for (let i = 0; i < courses.length && k < ids.length; i++) {
      if (courses[i]?.id === ids[k]) position[i] = k++;
    }
    // Not in the same order after all (never expected): find the rest by id.
    if (k < ids.length) {
      const index = new Map(courses.map((a, i) => [a.id, i]));
      for (; k < ids.length; k++) {
        const i = index.get(ids[k] ?? '');
        if (i !== undefined) position[i] = k;
      }
    }
    return {
      ...columnOf(stored.credential, snapshot.ruleSets),
      courses: verdicts,
      position,
    };
  });
  const days = new Int32Array(courses.length);
  // YYYY-MM-DD to YYYYMMDD from the character codes (slicing made three strings per course).
  const digit = (c: string, at: number) => c.charCodeAt(at) - 48;
  courses.forEach((a, i) => {
    const c = a.completed;
    days[i] =
      digit(c, 0) * 10_000_000 +
      digit(c, 1) * 1_000_000 +
      digit(c, 2) * 100_000 +
      digit(c, 3) * 10_000 +
      digit(c, 5) * 1000 +
      digit(c, 6) * 100 +
      digit(c, 8) * 10 +
      digit(c, 9);
  });
  return { courses, columns, days, haystacks: null };
}

/** Whether any credential counts course `i`, and the first credential's reason (for the status sort and filter). */
function countedAt(p: Prepared, i: number): boolean {
  return p.columns.some((c) => {
    const k = c.position[i] ?? -1;
    return k >= 0 && isCounted(c.courses.reasons[k]);
  });
}
function firstReason(p: Prepared, i: number): string {
  for (const c of p.columns) {
    const k = c.position[i] ?? -1;
    if (k >= 0) return c.courses.reasons[k] ?? '';
  }
  return '';
}

/** One credential's verdict on a course, worded for the screen. */
function verdictCell(c: Pick<CredentialColumn, 'credentialId' | 'short' | 'unit'>, v: CourseEntry): CourseLogRow['verdicts'][number] {
  return {
    credentialId: c.credentialId,
    credential: c.short,
    counted: v.counted,
    reason: v.reason,
    reasonText: courseReasonText(v.reason),
    amount: v.ceus,
    // In the body's own unit: a course can count as 1.9 NASM CEUs and 19 ACSM CECs at once.
    text: v.counted ? `Counted: ${c.unit ? formatAmount(v.ceus, c.unit) : v.ceus}` : courseReasonText(v.reason),
  };
}

/** Course `i`'s verdict under each credential it counts toward, worded for the screen. */
function rowVerdicts(p: Prepared, i: number): CourseLogRow['verdicts'] {
  return p.columns.flatMap((c) => {
    const k = c.position[i] ?? -1;
    return k >= 0 ? [verdictCell(c, courseEntry(c.courses, k))] : [];
  });
}

/** The row as the screen gets it. */
function courseRow(course: Course, certificates: number, verdicts: CourseLogRow['verdicts']): CourseLogRow {
  return { ...course, amountText: courseAmountText(course), certificates, verdicts };
}

function comparator(key: SortKey, p: Prepared): (i: number, j: number) => number {
  const a = p.courses;
  const at = (i: number) => a[i] as Course;
  switch (key) {
    case 'completed':
      return (i, j) => (p.days[i] ?? 0) - (p.days[j] ?? 0);
    case 'title':
      return (i, j) => collator.compare(at(i).title, at(j).title);
    case 'provider':
      return (i, j) => collator.compare(at(i).provider, at(j).provider);
    case 'amount':
      return (i, j) => hourHundredths(at(i)) - hourHundredths(at(j));
    case 'approval':
      return (i, j) => plain(at(i).approval, at(j).approval);
    case 'status':
      return (i, j) => Number(countedAt(p, j)) - Number(countedAt(p, i)) || plain(firstReason(p, i), firstReason(p, j));
  }
}

/**
 * The default sort (by completion date, ties in the order the courses were added), as one number
 * per course sorted natively: the day (reversed when descending) times 2^21 plus the course's index.
 * A comparison function, called for every pair compared, slowed the course log's first window.
 */
const INDEX_RANGE = 2 ** 21;
function sortByDay(order: number[], days: Int32Array, direction: 1 | -1): void {
  if (order.length >= INDEX_RANGE) {
    order.sort((i, j) => direction * ((days[i] ?? 0) - (days[j] ?? 0)) || i - j);
    return;
  }
  const keys = new Float64Array(order.length);
  order.forEach((i, n) => {
    const day = days[i] ?? 0;
    keys[n] = (direction === 1 ? day : 99_999_999 - day) * INDEX_RANGE + i;
  });
  keys.sort();
  keys.forEach((key, n) => (order[n] = key % INDEX_RANGE));
}

/**
 * What the course log keeps of one person's snapshot between pages: where each course's verdicts
 * are, and the order of the last view asked for (scrolling asks for many windows of the same list).
 */
export interface SnapshotLog {
  prepared?: Prepared;
  ordered?: { view: string; order: number[] };
}

/** One page of any view, from the whole snapshot; what it works out is kept in `kept`. */
export function snapshotLogPage(
  snapshot: PersonSnapshot,
  kept: SnapshotLog,
  input: CourseLogQuery & { asOf: CalendarDate },
): CourseLogPage {
  const p = (kept.prepared ??= prepare(snapshot));
  const sort = input.sort ?? { key: 'completed', direction: 'desc' };
  const search = input.search?.trim().toLocaleLowerCase() ?? '';
  const view = `${input.credentialId ?? ''}|${input.approval ?? ''}|${input.cycle ?? 'all'}|${input.missingCertificates ? 'missing' : ''}|${search}|${sort.key}|${sort.direction}`;
  if (kept.ordered?.view !== view) {
    const credentials = input.credentialId ? snapshot.credentials.filter((c) => c.id === input.credentialId) : snapshot.credentials;
    const windows = credentials.flatMap((c) => {
      const verdict = snapshot.verdicts.find((v) => v.credential.id === c.id)?.verdict;
      return verdict ? [{ start: verdict.cycle.start, end: verdict.deadlines.coursesBy }] : [];
    });
    if (search && !p.haystacks)
      p.haystacks = p.courses.map((a) => `${a.title}\u001f${a.provider}\u001f${a.approvalCode ?? ''}`.toLocaleLowerCase());
    const haystacks = p.haystacks ?? [];
    const order: number[] = [];
    p.courses.forEach((row, i) => {
      if (input.credentialId && !row.credentialIds.includes(input.credentialId)) return;
      if (input.approval && row.approval !== input.approval) return;
      if (input.cycle === 'current' && !windows.some((w) => row.completed >= w.start && row.completed <= w.end)) return;
      if (search && !(haystacks[i] ?? '').includes(search)) return;
      if (input.missingCertificates && ((snapshot.certificates.get(row.id) ?? 0) > 0 || !countedAt(p, i))) return;
      order.push(i);
    });
    const direction = sort.direction === 'asc' ? 1 : -1;
    if (sort.key === 'completed') sortByDay(order, p.days, direction);
    else {
      const compare = comparator(sort.key, p);
      // Ties keep the order the courses were added in (by index, far cheaper than comparing ids).
      order.sort((i, j) => direction * compare(i, j) || i - j);
    }
    kept.ordered = { view, order };
  }
  const { order } = kept.ordered;
  const rows = order.slice(input.offset, input.offset + input.limit).map((i) => {
    const course = p.courses[i] as Course;
    return courseRow(course, snapshot.certificates.get(course.id) ?? 0, rowVerdicts(p, i));
  });
  const total = order.length;
  return { total, all: p.courses.length, countText: countText(total, p.courses.length), offset: input.offset, rows };
}

/** Every course, sorted by date: what the course log opens on, and what scrolling it asks for. */
export function isDefaultView(input: CourseLogQuery): boolean {
  return (
    !input.credentialId &&
    !input.approval &&
    (input.cycle ?? 'all') === 'all' &&
    !input.search?.trim() &&
    !input.missingCertificates &&
    (input.sort?.key ?? 'completed') === 'completed'
  );
}

/** Pages up to this offset are read with OFFSET; deeper ones by the row ids of the whole order. */
const DIRECT_PAGES_UP_TO = 1000;

/** What the default view keeps of one person between pages: how many courses, and the whole order as row ids once a deep page is asked for. */
export interface DateLog {
  all?: number;
  rowids: Partial<Record<'asc' | 'desc', number[]>>;
}

/**
 * The default view, read a page at a time from the store: a trainer with ten years of courses sees
 * the first page without all of them being read. Each row's verdicts come from the person's standing
 * (see `courseVerdicts`). Every other view (filters, search, another sort) needs all the courses and
 * uses `snapshotLogPage`.
 */
export function dateLogPage(
  store: Repositories,
  standing: Standing,
  kept: DateLog,
  input: CourseLogQuery & { asOf: CalendarDate },
): CourseLogPage {
  const direction = input.sort?.direction ?? 'desc';
  // Counted once per person and data version: counting on every page slowed a long scroll.
  const all = (kept.all ??= store.courses.countByPerson(input.personId));
  let courses: Course[];
  if (input.offset + input.limit <= DIRECT_PAGES_UP_TO) {
    courses = store.courses.pageByDate(input.personId, direction, input.offset, input.limit);
  } else {
    const rowids = (kept.rowids[direction] ??= store.courses.rowidsByDate(input.personId, direction));
    courses = store.courses.byRowids(input.personId, rowids.slice(input.offset, input.offset + input.limit));
  }
  const certificates = store.attachments.countsOfCourses(courses.map((c) => c.id));
  const verdicts = courseVerdicts(standing, courses, certificates, input.asOf);
  const columns = standing.verdicts.map((stored) => columnOf(stored.credential, standing.ruleSets));
  const rows = courses.map((course) =>
    courseRow(
      course,
      certificates.get(course.id) ?? 0,
      columns.flatMap((c) => {
        const v = verdicts.get(c.credentialId)?.get(course.id);
        return v ? [verdictCell(c, v)] : [];
      }),
    ),
  );
  return { total: all, all, countText: countText(all, all), offset: input.offset, rows };
}

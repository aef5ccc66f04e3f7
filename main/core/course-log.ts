// The course log as the screen asks for it: one window of rows at a time, sorted, filtered and
// searched here, each row with the engine's verdict for every credential it counts toward. A
// trainer's log can hold 100,000 courses: sorting works on an index array over the cached courses,
// and full rows are built only for the window that is sent.
import type { Activity } from './domain/records';
import type { CourseLogPage, CourseLogQuery, CourseLogRow } from './domain/views';
import type { CalendarDate } from './dates';
import type { PersonRecords, StoredVerdict } from './evaluation';
import { formatAmount } from './rules/amounts';
import { activityReasonText } from './rules/describe';
import type { RuleSet } from './rules/ruleset-schema';
import { toHundredths, toThousandths } from './store/amounts';

export interface PersonSnapshot extends PersonRecords {
  verdicts: StoredVerdict[];
  ruleSets: Map<string, RuleSet>;
}

/** A row's verdict as prepared: the rule set kept to word the amount when the row is sent. */
type RowVerdict = CourseLogRow['verdicts'][number] & { unit: RuleSet | undefined };
type SortKey = NonNullable<CourseLogQuery['sort']>['key'];

/** Code-point order, for ISO dates, ids and codes (localeCompare is far slower over 100,000 rows). */
function plain(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Hundredths of a contact hour: one measure for sorting CEUs and hours together. */
function hourHundredths(activity: Activity): number {
  return activity.contactHours !== null ? toHundredths(activity.contactHours) : toThousandths(activity.ceus ?? 0);
}

interface Prepared {
  activities: Activity[];
  verdicts: RowVerdict[][];
  /** Lower-cased title, provider and code, made on the first search only. */
  haystacks: string[] | null;
}

function prepare(snapshot: PersonSnapshot): Prepared {
  const index = new Map(snapshot.activities.map((a, i) => [a.id, i]));
  const verdicts: RowVerdict[][] = snapshot.activities.map(() => []);
  for (const stored of snapshot.verdicts) {
    const ruleSet = snapshot.ruleSets.get(stored.credential.ruleSet);
    const short = ruleSet?.credential ?? stored.credential.ruleSet;
    for (const a of stored.verdict.activities) {
      const i = index.get(a.id);
      if (i === undefined) continue;
      verdicts[i]?.push({
        credentialId: stored.credential.id,
        credential: short,
        counted: a.counted,
        reason: a.reason,
        reasonText: activityReasonText(a.reason),
        amount: a.ceus,
        // Worded only for the rows a window sends (see query): 100,000 of them would cost the first render.
        text: '',
        unit: ruleSet,
      });
    }
  }
  return { activities: snapshot.activities, verdicts, haystacks: null };
}

function comparator(key: SortKey, p: Prepared): (i: number, j: number) => number {
  const a = p.activities;
  const at = (i: number) => a[i] as Activity;
  switch (key) {
    case 'completed':
      return (i, j) => plain(at(i).completed, at(j).completed);
    case 'title':
      return (i, j) => collator.compare(at(i).title, at(j).title);
    case 'provider':
      return (i, j) => collator.compare(at(i).provider, at(j).provider);
    case 'amount':
      return (i, j) => hourHundredths(at(i)) - hourHundredths(at(j));
    case 'approval':
      return (i, j) => plain(at(i).approval, at(j).approval);
    case 'status': {
      const counted = (i: number) => Number(p.verdicts[i]?.some((v) => v.counted) ?? false);
      return (i, j) => counted(j) - counted(i) || plain(p.verdicts[i]?.[0]?.reason ?? '', p.verdicts[j]?.[0]?.reason ?? '');
    }
  }
}

/** Rows cached per person and data version: scrolling asks for many windows of the same list. */
export function courseLog(snapshotOf: (personId: string, asOf: CalendarDate) => { version: string; snapshot: PersonSnapshot }) {
  let prepared: { key: string; data: Prepared; snapshot: PersonSnapshot } | null = null;
  let ordered: { key: string; order: number[] } | null = null;

  return function query(input: CourseLogQuery & { asOf: CalendarDate }): CourseLogPage {
    const { version, snapshot } = snapshotOf(input.personId, input.asOf);
    const baseKey = `${input.personId}|${input.asOf}|${version}`;
    if (prepared?.key !== baseKey) prepared = { key: baseKey, data: prepare(snapshot), snapshot };
    const p = prepared.data;

    const sort = input.sort ?? { key: 'completed', direction: 'desc' };
    const search = input.search?.trim().toLocaleLowerCase() ?? '';
    const listKey = `${baseKey}|${input.credentialId ?? ''}|${input.approval ?? ''}|${input.cycle ?? 'all'}|${input.missingCertificates ? 'missing' : ''}|${search}|${sort.key}|${sort.direction}`;
    if (ordered?.key !== listKey) {
      const credentials = input.credentialId ? snapshot.credentials.filter((c) => c.id === input.credentialId) : snapshot.credentials;
      const windows = credentials.flatMap((c) => {
        const verdict = snapshot.verdicts.find((v) => v.credential.id === c.id)?.verdict;
        return verdict ? [{ start: verdict.cycle.start, end: verdict.deadlines.coursesBy }] : [];
      });
      if (search && !p.haystacks)
        p.haystacks = p.activities.map((a) => `${a.title}\u001f${a.provider}\u001f${a.approvalCode ?? ''}`.toLocaleLowerCase());
      const haystacks = p.haystacks ?? [];
      const order: number[] = [];
      p.activities.forEach((row, i) => {
        if (input.credentialId && !row.credentialIds.includes(input.credentialId)) return;
        if (input.approval && row.approval !== input.approval) return;
        if (input.cycle === 'current' && !windows.some((w) => row.completed >= w.start && row.completed <= w.end)) return;
        if (search && !(haystacks[i] ?? '').includes(search)) return;
        if (input.missingCertificates && ((snapshot.certificates.get(row.id) ?? 0) > 0 || !p.verdicts[i]?.some((v) => v.counted))) return;
        order.push(i);
      });
      const compare = comparator(sort.key, p);
      const direction = sort.direction === 'asc' ? 1 : -1;
      order.sort((i, j) => direction * compare(i, j) || plain(p.activities[i]?.id ?? '', p.activities[j]?.id ?? ''));
      ordered = { key: listKey, order };
    }
    const rows = ordered.order.slice(input.offset, input.offset + input.limit).map((i): CourseLogRow => {
      const activity = p.activities[i] as Activity;
      return {
        ...activity,
        amountText: activity.contactHours !== null ? `${activity.contactHours} h` : `${activity.ceus ?? 0} CEUs`,
        certificates: snapshot.certificates.get(activity.id) ?? 0,
        // In the body's own unit: a course can count as 1.9 NASM CEUs and 19 ACSM CECs at once.
        verdicts: (p.verdicts[i] ?? []).map(({ unit, ...v }) => ({
          ...v,
          text: v.counted ? `Counted: ${unit ? formatAmount(v.amount, unit) : v.amount}` : v.reasonText,
        })),
      };
    });
    return { total: ordered.order.length, all: p.activities.length, offset: input.offset, rows };
  };
}

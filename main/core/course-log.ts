// The course log as the screen asks for it: one window of rows at a time, sorted, filtered and
// searched here, each row with the engine's verdict for every credential it counts toward. A gym's
// course log can hold 100,000 rows; the renderer only ever holds the visible window.
import type { Activity, ApprovalKind, CourseLogPage, CourseLogQuery, CourseLogRow, Credential } from '../../preload/contract';
import type { CalendarDate } from './dates';
import type { StoredVerdict } from './evaluation';
import { activityReasonText } from './rules/describe';
import type { RuleSet } from './rules/ruleset-schema';
import { toHundredths, toThousandths } from './store/amounts';

/** Hundredths of a contact hour: a common measure for sorting CEUs and hours together. */
function hourHundredths(activity: Activity): number {
  return activity.contactHours !== null ? toHundredths(activity.contactHours) : toThousandths(activity.ceus ?? 0);
}

export interface PersonSnapshot {
  activities: Activity[];
  certificates: Map<string, number>;
  credentials: Credential[];
  verdicts: StoredVerdict[];
  ruleSets: Map<string, RuleSet>;
}

function rowsOf(snapshot: PersonSnapshot): CourseLogRow[] {
  const verdictsByActivity = new Map<string, CourseLogRow['verdicts']>();
  for (const stored of snapshot.verdicts) {
    const short = snapshot.ruleSets.get(stored.credential.ruleSet)?.credential ?? stored.credential.ruleSet;
    for (const a of stored.verdict.activities) {
      const list = verdictsByActivity.get(a.id) ?? [];
      list.push({ credentialId: stored.credential.id, credential: short, counted: a.counted, reason: a.reason, reasonText: activityReasonText(a.reason), amount: a.ceus });
      verdictsByActivity.set(a.id, list);
    }
  }
  return snapshot.activities.map((activity) => ({
    ...activity,
    certificates: snapshot.certificates.get(activity.id) ?? 0,
    verdicts: verdictsByActivity.get(activity.id) ?? [],
  }));
}

type Comparator = (a: CourseLogRow, b: CourseLogRow) => number;

const COMPARATORS: Record<NonNullable<CourseLogQuery['sort']>['key'], Comparator> = {
  completed: (a, b) => a.completed.localeCompare(b.completed),
  title: (a, b) => a.title.localeCompare(b.title, undefined, { sensitivity: 'base' }),
  provider: (a, b) => a.provider.localeCompare(b.provider, undefined, { sensitivity: 'base' }),
  amount: (a, b) => hourHundredths(a) - hourHundredths(b),
  approval: (a, b) => a.approval.localeCompare(b.approval),
  status: (a, b) => Number(b.verdicts.some((v) => v.counted)) - Number(a.verdicts.some((v) => v.counted)) || (a.verdicts[0]?.reason ?? '').localeCompare(b.verdicts[0]?.reason ?? ''),
};

/** Rows cached per person and data version: scrolling asks for many windows of the same list. */
export function courseLog(snapshotOf: (personId: string, asOf: CalendarDate) => { version: number; snapshot: PersonSnapshot }) {
  let cached: { key: string; rows: CourseLogRow[] } | null = null;
  let sorted: { key: string; rows: CourseLogRow[] } | null = null;

  return function query(input: CourseLogQuery & { asOf: CalendarDate }): CourseLogPage {
    const { version, snapshot } = snapshotOf(input.personId, input.asOf);
    const baseKey = `${input.personId}|${input.asOf}|${version}`;
    if (cached?.key !== baseKey) cached = { key: baseKey, rows: rowsOf(snapshot) };

    const sort = input.sort ?? { key: 'completed', direction: 'desc' };
    const search = input.search?.trim().toLocaleLowerCase() ?? '';
    const cycleOf = (credential: Credential) => snapshot.verdicts.find((v) => v.credential.id === credential.id)?.verdict;
    const listKey = `${baseKey}|${input.credentialId ?? ''}|${input.approval ?? ''}|${input.cycle ?? 'all'}|${search}|${sort.key}|${sort.direction}`;
    if (sorted?.key !== listKey) {
      const credentials = input.credentialId ? snapshot.credentials.filter((c) => c.id === input.credentialId) : snapshot.credentials;
      const windows = credentials.flatMap((c) => {
        const verdict = cycleOf(c);
        return verdict ? [{ start: verdict.cycle.start, end: verdict.deadlines.coursesBy }] : [];
      });
      const approval: ApprovalKind | undefined = input.approval;
      const rows = cached.rows.filter(
        (row) =>
          (!input.credentialId || row.credentialIds.includes(input.credentialId)) &&
          (!approval || row.approval === approval) &&
          (input.cycle !== 'current' || windows.some((w) => row.completed >= w.start && row.completed <= w.end)) &&
          (!search ||
            row.title.toLocaleLowerCase().includes(search) ||
            row.provider.toLocaleLowerCase().includes(search) ||
            (row.approvalCode ?? '').toLocaleLowerCase().includes(search)),
      );
      const compare = COMPARATORS[sort.key];
      const direction = sort.direction === 'asc' ? 1 : -1;
      rows.sort((a, b) => direction * compare(a, b) || a.id.localeCompare(b.id));
      sorted = { key: listKey, rows };
    }
    return {
      total: sorted.rows.length,
      all: cached.rows.length,
      offset: input.offset,
      rows: sorted.rows.slice(input.offset, input.offset + input.limit),
    };
  };
}

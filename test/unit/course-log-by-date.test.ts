import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseLogPage } from '../../preload/contract';
import { addDays } from '../../main/core/dates';
import { effectiveRuleSets } from '../../main/core/evaluation';
import { dateLogPage, snapshotLogPage, type DateLog } from '../../main/core/standing/course-log';
import { plainSnapshot } from '../../main/core/standing/snapshot';
import { evaluateWindowed } from '../../main/core/standing/windowed';
import { standingReads } from '../../main/core/store/evaluation-reads';
import type { CourseLogQuery } from '../../main/core/domain/views';
import { freshContext } from '../helpers/context';
import { generatedTrainer } from '../helpers/generated-trainer';
import { value } from '../helpers/results';

// The course log opens on every course by date, read a page at a time from the store with the
// dashboard's cycle verdicts; every other view sorts and filters the whole snapshot. Both must show
// the same rows, verdicts and certificate counts, on either side of the switch from OFFSET to row ids.

let context: ReturnType<typeof freshContext>;
let personId = '';
const asOfDates = ['2023-01-15', '2025-03-31', '2026-05-02', '2026-11-24', '2028-02-01'];

beforeAll(() => {
  context = freshContext();
  personId = generatedTrainer(context, 1400, asOfDates);
}, 60_000);
afterAll(() => context.dispose());

function bothViews() {
  const { store } = context;
  const rules = effectiveRuleSets(context.ruleSets, store);
  const reads = standingReads(store.db);
  type Query = CourseLogQuery & { asOf: string };
  const whole = (query: Query) => snapshotLogPage(plainSnapshot(store, rules, query.personId, query.asOf), {}, query);
  // What the read model keeps between pages of one person, kept here across the pages asked.
  const kept: DateLog = { rowids: {} };
  const byDate = (query: Query) => dateLogPage(store, evaluateWindowed(store, reads, rules, query.personId, query.asOf), kept, query);
  return { whole, byDate };
}

describe('the course log by date, page by page', () => {
  const pages: [number, number][] = [
    [0, 200],
    [200, 200],
    [800, 200],
    // Across the switch to row ids, then deep pages.
    [900, 200],
    [1000, 200],
    [1200, 300],
    [1350, 200],
  ];

  it.each(asOfDates.flatMap((asOf) => (['desc', 'asc'] as const).map((direction) => [asOf, direction] as const)))(
    'as of %s, %s: the same pages as sorting every course',
    (asOf, direction) => {
      const { whole, byDate } = bothViews();
      for (const [offset, limit] of pages) {
        const query = { personId, asOf, offset, limit, sort: { key: 'completed' as const, direction } };
        const expected = whole(query);
        expect(expected.rows.length).toBeGreaterThan(0);
        expect(byDate(query)).toEqual(expected);
      }
    },
  );

  it('is what the screen gets for the default view, and follows a write at once', async () => {
    const query = { personId, offset: 0, limit: 5, asOf: '2026-11-24' };
    const first = await value<CourseLogPage>(context.dispatch('queryCourseLog', query));
    expect(first.rows).toHaveLength(5);
    const { whole } = bothViews();
    expect(first).toEqual(whole({ ...query, sort: { key: 'completed', direction: 'desc' } }));
    const top = first.rows[0];
    if (!top) throw new Error('no rows');
    await value(
      context.dispatch('createCourse', {
        personId,
        title: 'Newest',
        provider: 'NASM',
        approval: 'nasm',
        completed: addDays(top.completed, 1),
        ceus: 0.1,
        credentialIds: top.credentialIds,
      }),
    );
    const after = await value<CourseLogPage>(context.dispatch('queryCourseLog', query));
    expect(after.rows[0]?.title).toBe('Newest');
    expect(after.all).toBe(first.all + 1);
  });
});

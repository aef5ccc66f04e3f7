// The course columns are listed once (store/course-columns.ts) and rows read as arrays are read at
// the places that list gives. Held here: the list is the table's, and whatever is written comes back
// field for field through every read of a course, the engine's included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Course, Credential, Person } from '../../../preload/contract';
import { COURSE_COLUMNS } from '../../../main/core/store/course-columns';
import { openStore, repositories } from '../../../main/core/store';
import { standingReads } from '../../../main/core/store/evaluation-reads';

const person: Person = { id: 'p1', name: 'Dana Rivera', email: null, employeeId: null, active: true };
const credential = (id: string): Credential => ({
  id,
  personId: 'p1',
  ruleSet: 'nasm-cpt',
  number: null,
  expires: '2027-03-31',
  cycleStart: null,
  certified: null,
  applicationSubmitted: null,
  applicationAccepted: null,
  auditNoticeReceived: null,
  documentsSent: null,
});
const CREDENTIALS = ['c1', 'c2'];

const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10));
const text = fc
  .string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('a', 'B', 'z', ' ', '7', 'é', '—') })
  .filter((t) => t.trim() !== '');
const course = fc
  .record({
    title: text,
    provider: text,
    approval: fc.constantFrom('nasm', 'approved-provider', 'petition'),
    approvalCode: fc.option(fc.stringMatching(/^[A-Z0-9-]{1,10}$/)),
    completed: day,
    amount: fc.oneof(
      fc.integer({ min: 1, max: 100_000 }).map((n) => ({ ceus: n / 1000, contactHours: null })),
      fc.integer({ min: 1, max: 100_000 }).map((n) => ({ ceus: null, contactHours: n / 100 })),
    ),
    petition: fc.option(
      fc.record({ status: fc.constantFrom('pending', 'approved', 'denied'), filed: fc.option(day), decided: fc.option(day) }),
    ),
    category: fc.option(fc.constantFrom('cpr', 'nutrition', 'strength-2')),
    credentialIds: fc.subarray(CREDENTIALS),
    certificate: fc.boolean(),
  })
  .map(({ amount, petition, approval, ...rest }) => ({
    ...rest,
    ...amount,
    approval,
    petition: approval === 'petition' ? petition : null,
  }));

describe('the course columns', () => {
  it('are the columns of the activities table, in its order', () => {
    const db = openStore(':memory:');
    const columns = (db.prepare('PRAGMA table_info(activities)').all() as { name: string }[]).map((c) => c.name);
    expect([...COURSE_COLUMNS]).toEqual(columns);
  });

  it('come back as written through every read of a course, one at a time or in bulk', () => {
    fc.assert(
      fc.property(fc.array(course, { maxLength: 230 }), fc.boolean(), (generated, bulk) => {
        const store = repositories(openStore(':memory:'));
        const written: Course[] = generated.map(({ certificate: _, ...c }, i) => ({ id: `a${i}`, personId: 'p1', ...c }));
        const certified = new Set(generated.flatMap((c, i) => (c.certificate ? [`a${i}`] : [])));
        store.transaction(() => {
          store.people.insert(person);
          for (const id of CREDENTIALS) store.credentials.insert(credential(id));
          if (bulk) store.courses.insertMany(written);
          else for (const a of written) store.courses.insert(a);
          for (const id of certified)
            store.attachments.insert({
              id: `f-${id}`,
              sha256: 'a'.repeat(64),
              fileName: 'c.pdf',
              mediaType: 'application/pdf',
              size: 1,
              courseId: id,
              cprAedCardId: null,
            });
        });
        const { courses, evaluation } = store;
        const byDate = [...written].sort((x, y) => x.completed.localeCompare(y.completed));
        expect(courses.listByPerson('p1')).toEqual(written);
        expect(courses.listAll()).toEqual(written);
        expect(courses.pageByDate('p1', 'asc', 0, written.length + 1)).toEqual(byDate);
        expect(courses.pageByDate('p1', 'desc', 0, written.length + 1).map((a) => a.id)).toHaveLength(written.length);
        const rowids = courses.rowidsByDate('p1', 'asc');
        expect(courses.byRowids('p1', rowids)).toEqual(byDate);
        for (const a of written.slice(0, 5)) expect(courses.get(a.id)).toEqual(a);
        for (const id of CREDENTIALS) expect(courses.listByCredential(id)).toEqual(written.filter((a) => a.credentialIds.includes(id)));

        // The engine's facts, for everyone and for one person's window, with titles or without.
        const facts = (a: Course, withTitles = true) => ({
          id: a.id,
          title: withTitles ? a.title : '',
          provider: withTitles ? a.provider : '',
          approvalCode: withTitles ? a.approvalCode : null,
          approval: a.approval,
          completed: a.completed,
          ceuThousandths: a.ceus === null ? null : Math.round(a.ceus * 1000),
          contactHourHundredths: a.contactHours === null ? null : Math.round(a.contactHours * 100),
          petitionStatus: a.petition?.status ?? null,
          category: a.category,
          hasCertificate: certified.has(a.id),
        });
        const everyone = evaluation.courseFactsByCredential();
        for (const id of CREDENTIALS) {
          const expected = written.filter((a) => a.credentialIds.includes(id));
          expect(everyone.get(id) ?? []).toEqual(expected.map((a) => facts(a)));
          for (const withTitles of [true, false]) {
            const inWindow = standingReads(store.db).personCourseFactsBetween('p1', '2021-01-01', '2026-12-31', { withTitles });
            const between = expected.filter((a) => a.completed >= '2021-01-01' && a.completed <= '2026-12-31');
            expect(inWindow.get(id) ?? []).toEqual(between.map((a) => facts(a, withTitles)));
          }
        }
        store.db.close();
      }),
      { numRuns: 40 },
    );
  });
});

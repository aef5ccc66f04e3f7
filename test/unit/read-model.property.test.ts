import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseLogPage } from '../../preload/contract';
import { courseLog } from '../../main/core/course-log';
import { addDays } from '../../main/core/dates';
import { effectiveRuleSets, evaluatePerson, evaluatePersonCycles, type StoredVerdict } from '../../main/core/evaluation';
import type { VerdictSummary } from '../../main/core/domain/verdict';
import type { CredentialEvaluation } from '../../main/core/domain/views';
import { presentEvaluation } from '../../main/core/rules/present';
import { freshContext } from '../helpers/context';
import { valueNow } from '../helpers/results';

// The screens read a person's standing through shortcuts: only the counting windows' courses, the
// petitions outside them counted in SQL, one shared list when every course counts toward every
// credential, no titles when no rule set compares them, the course log's default view paged from the
// store, caches keyed by person, data version and as-of date. Each must give the answer of the plain
// evaluation of every record. Stores are generated here with the shapes the shortcuts hinge on:
// several credentials with partial links (one credential linked to every course, another not),
// petitions on both sides of each window's edges, as-of dates on consecutive days.

let context: ReturnType<typeof freshContext>;
beforeAll(() => {
  context = freshContext();
});
afterAll(() => context.dispose());

const call = <T>(method: string, input: unknown): T => valueNow<T>(context.dispatch(method as never, input as never) as never);

const ruleSetIds = ['nasm-cpt', 'ace-cpt', 'acsm-cpt', 'issa-cpt', 'nsca-cscs'] as const;
const expiries = ['2025-12-31', '2026-06-30', '2026-12-31', '2027-03-31', '2028-01-15'] as const;

interface CourseShape {
  /** Days from 2021-01-01: across the windows of every expiry above and their edges. */
  day: number;
  /** Which credentials it counts toward, by index; `all` links every one. */
  links: 'all' | 'first' | 'rest' | 'none';
  petition: 'none' | 'pending' | 'approved' | 'denied' | 'not-filed';
  title: number;
}

const course: fc.Arbitrary<CourseShape> = fc.record({
  day: fc.integer({ min: 0, max: 8 * 365 }),
  links: fc.constantFrom('all', 'all', 'all', 'first', 'rest', 'none'),
  petition: fc.constantFrom('none', 'none', 'pending', 'approved', 'denied', 'not-filed'),
  title: fc.integer({ min: 0, max: 6 }),
});

const trainer = fc.record({
  credentials: fc.uniqueArray(fc.record({ ruleSet: fc.constantFrom(...ruleSetIds), expires: fc.constantFrom(...expiries) }), {
    minLength: 1,
    maxLength: 3,
    selector: (c) => c.ruleSet,
  }),
  courses: fc.array(course, { minLength: 0, maxLength: 40 }),
  asOfDay: fc.integer({ min: 365, max: 8 * 365 }),
  /** When set, the as-of date is the day after this credential's expiry: the night it lapses. */
  nightAfterExpiry: fc.option(fc.nat({ max: 2 }), { nil: undefined }),
  /** How many days before the as-of date the screen was last asked (1: the app left open past midnight). */
  askedBefore: fc.constantFrom(1, 1, 30, 400),
});

type TrainerShape = typeof trainer extends fc.Arbitrary<infer T> ? T : never;

function asOfOf(shape: TrainerShape): string {
  const lapsing = shape.nightAfterExpiry === undefined ? undefined : shape.credentials[shape.nightAfterExpiry % shape.credentials.length];
  return lapsing ? addDays(lapsing.expires, 1) : addDays('2021-01-01', shape.asOfDay);
}

let people = 0;
function store(shape: TrainerShape): string {
  const person = call<{ id: string }>('createPerson', { name: `Generated Trainer ${++people}` });
  const ids = shape.credentials.map(
    (c, i) =>
      call<{ id: string }>('createCredential', { personId: person.id, ruleSet: c.ruleSet, number: `G-${i}`, expires: c.expires }).id,
  );
  for (const c of shape.courses) {
    const credentialIds = { all: ids, first: ids.slice(0, 1), rest: ids.slice(1), none: [] }[c.links];
    const petitioned = c.petition !== 'none';
    call('createActivity', {
      personId: person.id,
      title: `Course ${c.title}`,
      provider: c.title % 2 === 0 ? 'Iron Guild' : 'iron  guild',
      approval: petitioned ? 'petition' : 'approved-provider',
      ...(petitioned && c.petition !== 'not-filed' ? { petition: { status: c.petition } } : {}),
      completed: addDays('2021-01-01', c.day),
      ceus: 0.2 + (c.title % 3) * 0.1,
      credentialIds,
    });
  }
  return person.id;
}

function withoutCourses(verdicts: readonly StoredVerdict[] | readonly { verdict: VerdictSummary }[]) {
  return verdicts.map((stored) => {
    const { courses: _courses, ...rest } = stored.verdict as VerdictSummary & { courses?: unknown };
    return { ...stored, verdict: rest };
  });
}

describe('one person read through the shortcuts gives the plain evaluation', () => {
  it('the windowed read gives the verdicts of every course, and each course read its verdict of the whole', () => {
    fc.assert(
      fc.property(trainer, (shape) => {
        const personId = store(shape);
        const rules = effectiveRuleSets(context.ruleSets, context.store);
        const asOf = asOfOf(shape);
        for (const day of [addDays(asOf, -shape.askedBefore), asOf]) {
          const full = evaluatePerson(context.store, rules, personId, day).verdicts;
          const cycles = evaluatePersonCycles(context.store, rules, personId, day);
          expect(withoutCourses(cycles.verdicts)).toEqual(withoutCourses(full));
          for (const { credential, verdict } of full) {
            const listed = cycles.listed.get(credential.id);
            const at = new Map(verdict.courses.ids.map((id, i) => [id, i]));
            listed?.ids.forEach((id, k) => {
              const i = at.get(id) ?? -1;
              expect([id, listed.reasons[k], listed.units[k]]).toEqual([id, verdict.courses.reasons[i], verdict.courses.units[i]]);
            });
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the dashboard the screen gets is the plain evaluation presented, after an earlier day was asked', () => {
    fc.assert(
      fc.property(trainer, (shape) => {
        const personId = store(shape);
        const rules = effectiveRuleSets(context.ruleSets, context.store);
        const asOf = asOfOf(shape);
        call<CredentialEvaluation[]>('evaluatePerson', { personId, asOf: addDays(asOf, -shape.askedBefore) });
        const plain = evaluatePerson(context.store, rules, personId, asOf);
        const person = context.store.people.get(personId);
        const cards = new Map(plain.cards.map((k) => [k.id, k]));
        const expected = plain.verdicts.map(({ credential, verdict }) => {
          const ruleSet = rules.get(credential.ruleSet);
          if (!person || !ruleSet) throw new Error('generated records are incomplete');
          return presentEvaluation({ asOf, person, credential, verdict, ruleSet, cardOf: (id) => cards.get(id), courses: verdict.courses });
        });
        expect(call<CredentialEvaluation[]>('evaluatePerson', { personId, asOf })).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('the course log the screen gets, default view or filtered, is the plain listing of every course', () => {
    fc.assert(
      fc.property(trainer, fc.constantFrom('asc', 'desc'), (shape, direction) => {
        const personId = store(shape);
        const rules = effectiveRuleSets(context.ruleSets, context.store);
        const plain = courseLog({
          snapshotOf: (id, asOf) => ({ version: asOf, snapshot: { ...evaluatePerson(context.store, rules, id, asOf), ruleSets: rules } }),
        });
        const asOf = asOfOf(shape);
        const before = addDays(asOf, -shape.askedBefore);
        const sort = { key: 'completed' as const, direction };
        const page = { personId, offset: 0, limit: 50, sort };
        // The screen's own query keeps its caches across calls: ask it an earlier day first, so a cache
        // that forgot the as-of date would answer with that day's verdicts.
        call<CourseLogPage>('queryCourseLog', { ...page, asOf: before });
        expect(call<CourseLogPage>('queryCourseLog', { ...page, asOf })).toEqual(plain({ ...page, asOf }));
        const filtered = { ...page, cycle: 'current' as const };
        call<CourseLogPage>('queryCourseLog', { ...filtered, asOf: before });
        expect(call<CourseLogPage>('queryCourseLog', { ...filtered, asOf })).toEqual(plain({ ...filtered, asOf }));
      }),
      { numRuns: 40 },
    );
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseLogPage } from '../../preload/contract';
import { addDays } from '../../main/core/dates';
import { credentialFacts, effectiveRuleSets, evaluatePerson, type StoredVerdict } from '../../main/core/evaluation';
import { countingWindow } from '../../main/core/rules/engine';
import { standingReadModel, type StandingReadModel } from '../../main/core/standing';
import { snapshotLogPage } from '../../main/core/standing/course-log';
import { plainSnapshot } from '../../main/core/standing/snapshot';
import type { VerdictSummary } from '../../main/core/domain/verdict';
import type { CredentialEvaluation } from '../../main/core/domain/views';
import { presentEvaluation } from '../../main/core/rules/present';
import { freshContext } from '../helpers/context';
import { valueNow } from '../helpers/results';

// The screens read a person's standing through the read model (main/core/standing), whose shortcuts
// are its own: only the counting windows' courses, the petitions outside them counted in SQL, one
// shared list when every course counts toward every credential, no titles when no rule set compares
// them, the course log's default view paged from the store, one cache keyed by data version and
// as-of date. Each must give the answer of the plain evaluation of every record. Stores are generated here with the shapes the shortcuts hinge on:
// several credentials with partial links (one credential linked to every course, another not),
// petitions on both sides of each window's edges, as-of dates on consecutive days.

let context: ReturnType<typeof freshContext>;
/** A read model of its own, its data version moving with each generated person (the only writes here). */
let model: StandingReadModel;
beforeAll(() => {
  context = freshContext();
  model = standingReadModel({ store: context.store, ruleSets: context.ruleSets, dataVersion: () => String(people) });
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
  // Half of them in the years the cycles of the expiries above cover, where verdicts depend on titles.
  day: fc.oneof(fc.integer({ min: 0, max: 8 * 365 }), fc.integer({ min: 3 * 365, max: 7 * 365 })),
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
  /** Every course linked to every credential (most trainers): the read that skips the links. */
  linkedToEvery: fc.boolean(),
  /** A petition on each side of every counting window's edges, as of each day asked: its status. */
  edgePetitions: fc.constantFrom('none', 'pending', 'approved', 'denied'),
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

/** The days the screen asks, in the order it asks them: an earlier one first, then the as-of date. */
function daysAsked(shape: TrainerShape): [string, string] {
  const asOf = asOfOf(shape);
  return [addDays(asOf, -shape.askedBefore), asOf];
}

/** The day before, on and after each edge of every credential's counting window, as of each day asked. */
function windowEdges(personId: string, shape: TrainerShape): string[] {
  const rules = effectiveRuleSets(context.ruleSets, context.store);
  const edges = new Set<string>();
  for (const credential of context.store.credentials.listByPerson(personId)) {
    const ruleSet = rules.get(credential.ruleSet);
    if (!ruleSet) throw new Error(`no rule set ${credential.ruleSet}`);
    for (const asOf of daysAsked(shape)) {
      const { from, to } = countingWindow(ruleSet, { asOf, credential: credentialFacts(credential) });
      for (const day of [addDays(from, -1), from, addDays(from, 1), addDays(to, -1), to, addDays(to, 1)]) edges.add(day);
    }
  }
  return [...edges];
}

let people = 0;
function store(shape: TrainerShape): string {
  const person = call<{ id: string }>('createPerson', { name: `Generated Trainer ${++people}` });
  const ids = shape.credentials.map(
    (c, i) =>
      call<{ id: string }>('createCredential', { personId: person.id, ruleSet: c.ruleSet, number: `G-${i}`, expires: c.expires }).id,
  );
  const linksOf = (links: CourseShape['links']) =>
    shape.linkedToEvery ? ids : { all: ids, first: ids.slice(0, 1), rest: ids.slice(1), none: [] }[links];
  const edgeLinks = ['all', 'first', 'rest'] as const;
  if (shape.edgePetitions !== 'none') {
    windowEdges(person.id, shape).forEach((completed, i) => {
      call('createCourse', {
        personId: person.id,
        title: `Edge ${completed}`,
        provider: 'Iron Guild',
        approval: 'petition',
        petition: { status: shape.edgePetitions },
        completed,
        ceus: 0.1,
        credentialIds: linksOf(edgeLinks[i % edgeLinks.length] ?? 'all'),
      });
    });
  }
  for (const c of shape.courses) {
    const credentialIds = linksOf(c.links);
    const petitioned = c.petition !== 'none';
    call('createCourse', {
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
  it('the standing gives the verdicts of every course, each course read its verdict of the whole, the snapshot the plain one', () => {
    let previous: string | undefined;
    fc.assert(
      fc.property(trainer, (shape) => {
        const personId = store(shape);
        const rules = effectiveRuleSets(context.ruleSets, context.store);
        // The previous trainer first, under the key asked next: a cache that mixed people up shows.
        const [first] = daysAsked(shape);
        if (previous) {
          const other = model.of(previous, first).verdicts;
          expect(withoutCourses(other)).toEqual(withoutCourses(evaluatePerson(context.store, rules, previous, first).verdicts));
        }
        previous = personId;
        // The earlier day first, under the same data version: a cache that forgot the as-of date shows.
        for (const day of daysAsked(shape)) {
          const full = evaluatePerson(context.store, rules, personId, day).verdicts;
          const cycles = model.of(personId, day);
          expect(model.snapshot(personId, day)).toEqual(plainSnapshot(context.store, rules, personId, day));
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
        const plain = (query: Parameters<StandingReadModel['courseLog']>[0]) =>
          snapshotLogPage(plainSnapshot(context.store, rules, query.personId, query.asOf), {}, query);
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

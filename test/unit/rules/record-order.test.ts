import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../main/core/dates';
import type { CourseFacts, CprAedCardFacts, FileVerdict } from '../../../main/core/domain/verdict';
import { evaluate, shippedRuleSets } from '../../helpers/rules';

// The order a person's records come in (typed by hand, a transcript sorted newest-first, a roster
// re-import) is no fact about them: shuffling the courses and the cards never changes a verdict.
// Lists that follow record order (each course's verdict, the per-course warnings) are compared as
// sets; everything else (status, figures, blockers in order, the card chosen) must be identical.

const day = (offset: number) => addDays('2023-01-01', offset);

const courseArb = fc.record({
  // Few titles, providers and codes, so that repeated courses (ACE) are common.
  title: fc.constantFrom('Core Strength', 'core  strength', 'Mobility', 'Kettlebells'),
  provider: fc.constantFrom('NASM', 'Iron Guild', 'iron guild'),
  approvalCode: fc.constantFrom(null, 'CEP111', 'cep 111', 'CEP222'),
  approval: fc.constantFrom('nasm', 'approved-provider', 'petition'),
  // Few days, so that two courses completed the same day are common.
  completed: fc.integer({ min: 0, max: 60 }).map((n) => day(n * 30)),
  hundredths: fc.integer({ min: 10, max: 1500 }),
  petitionStatus: fc.constantFrom(null, 'pending', 'approved', 'denied'),
  category: fc.constantFrom(null, 'a', 'b', 'c', 'd', 'ethics', 'cpr-aed-first-aid'),
  hasCertificate: fc.boolean(),
});

const cardArb = fc.record({
  completed: fc.integer({ min: 0, max: 40 }).map((n) => day(n * 30)),
  years: fc.constantFrom(1, 2),
  handsOn: fc.boolean(),
  adultCpr: fc.boolean(),
  hasCertificate: fc.boolean(),
});

const personArb = fc.record({
  ruleSet: fc.constantFrom(...shippedRuleSets),
  asOf: fc.integer({ min: 0, max: 8 * 365 }).map(day),
  expires: fc.constantFrom('2026-12-31', '2027-03-31', '2027-06-30', '2029-12-31'),
  certified: fc.option(fc.integer({ min: 0, max: 6 * 365 }).map(day)),
  courses: fc.array(courseArb, { maxLength: 25 }),
  cards: fc.array(cardArb, { maxLength: 4 }),
});

type Person = typeof personArb extends fc.Arbitrary<infer T> ? T : never;

function records(p: Person) {
  const courses = p.courses.map((c, i): CourseFacts => ({
    id: `a${i}`,
    title: c.title,
    provider: c.provider,
    approval: c.approval as CourseFacts['approval'],
    approvalCode: c.approvalCode,
    completed: c.completed,
    ceuThousandths: null,
    contactHourHundredths: c.hundredths,
    petitionStatus: c.approval === 'petition' ? (c.petitionStatus as CourseFacts['petitionStatus']) : null,
    category: c.category,
    hasCertificate: c.hasCertificate,
  }));
  const cards = p.cards.map((k, i): CprAedCardFacts => ({
    id: `k${i}`,
    completed: k.completed,
    expires: `${Number(k.completed.slice(0, 4)) + k.years}${k.completed.slice(4)}`,
    adultCpr: k.adultCpr,
    aed: true,
    handsOn: k.handsOn,
    hasCertificate: k.hasCertificate,
  }));
  return { courses, cards };
}

/** The verdict with its record-ordered lists as sets. */
function orderFree(verdict: FileVerdict) {
  return {
    ...verdict,
    activities: [...verdict.activities].sort((x, y) => (x.id < y.id ? -1 : 1)),
    warnings: [...verdict.warnings].sort(),
  };
}

function shuffle<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % Math.max(1, keys.length)] ?? 0, i }))
    .sort((x, y) => x.key - y.key || y.i - x.i)
    .map((x) => x.item);
}

describe('record order', () => {
  it('shuffling the order of a person’s courses and cards never changes a verdict, under every rule set', () => {
    fc.assert(
      fc.property(personArb, fc.array(fc.integer(), { minLength: 1, maxLength: 30 }), fc.boolean(), (p, keys, reverse) => {
        const { courses, cards } = records(p);
        const base = { ruleSet: p.ruleSet, asOf: p.asOf, credential: { expires: p.expires, certified: p.certified } };
        const before = evaluate({ ...base, courses, cards });
        const order = <T>(items: readonly T[]) => (reverse ? [...items].reverse() : shuffle(items, keys));
        const after = evaluate({ ...base, courses: order(courses), cards: order(cards) });
        expect(orderFree(after)).toEqual(orderFree(before));
      }),
      { numRuns: 400 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../main/core/dates';
import type { ActivityFacts, EvaluationInput } from '../../../main/core/domain/verdict';
import { countingWindow, evaluateCredential } from '../../../main/core/rules/engine';
import { card, credential, shippedRuleSets } from '../../helpers/rules';

// The dashboard evaluates only the courses inside a credential's counting window and passes the
// petitions outside as a count. That is exact only if every course outside decides by its date
// alone: this holds the windowed verdict to the full one on generated records of every rule set.

const day = (offset: number) => addDays('2022-01-01', offset);

const courseArb = fc.record({
  // Few titles and providers, so that repeated courses (R13) are common, inside and outside.
  title: fc.constantFrom('Core Strength', 'core strength!', 'Mobility', 'Nutrition Basics', 'Kettlebells'),
  provider: fc.constantFrom('NASM', 'Iron Guild', 'iron guild'),
  approval: fc.constantFrom('nasm', 'approved-provider', 'petition'),
  completed: fc.integer({ min: 0, max: 8 * 365 }).map(day),
  amount: fc.oneof(
    fc.integer({ min: 1, max: 3000 }).map((ceuThousandths) => ({ ceuThousandths, contactHourHundredths: null })),
    fc.integer({ min: 1, max: 2000 }).map((contactHourHundredths) => ({ ceuThousandths: null, contactHourHundredths })),
  ),
  petitionStatus: fc.constantFrom(null, 'pending', 'approved', 'denied'),
  category: fc.constantFrom(null, 'general', 'specialty', 'business', 'unknown-category'),
  hasCertificate: fc.boolean(),
});

const inputArb = fc.record({
  ruleSet: fc.constantFrom(...shippedRuleSets),
  asOf: fc.integer({ min: 0, max: 8 * 365 }).map(day),
  expires: fc.integer({ min: 365, max: 7 * 365 }).map(day),
  cycleStart: fc.option(fc.integer({ min: 0, max: 5 * 365 }).map(day)),
  applicationSubmitted: fc.option(fc.integer({ min: 365, max: 8 * 365 }).map(day)),
  applicationAccepted: fc.option(fc.integer({ min: 365, max: 8 * 365 }).map(day)),
  courses: fc.array(courseArb, { maxLength: 40 }),
});

interface Generated {
  asOf: string;
  expires: string;
  cycleStart: string | null;
  applicationSubmitted: string | null;
  applicationAccepted: string | null;
  courses: {
    title: string;
    provider: string;
    approval: string;
    completed: string;
    amount: { ceuThousandths: number | null; contactHourHundredths: number | null };
    petitionStatus: string | null;
    category: string | null;
    hasCertificate: boolean;
  }[];
}

function input(g: Generated): EvaluationInput {
  const activities = g.courses.map((c, i): ActivityFacts => ({
    id: `a${i}`,
    title: c.title,
    provider: c.provider,
    approval: c.approval as ActivityFacts['approval'],
    completed: c.completed,
    ...c.amount,
    // A petition status only on petitioned courses, as the records file and the store require.
    petitionStatus: c.approval === 'petition' ? (c.petitionStatus as ActivityFacts['petitionStatus']) : null,
    category: c.category,
    hasCertificate: c.hasCertificate,
  }));
  return {
    asOf: g.asOf,
    credential: credential({
      expires: g.expires,
      cycleStart: g.cycleStart,
      applicationSubmitted: g.applicationSubmitted,
      applicationAccepted: g.applicationSubmitted ? g.applicationAccepted : null,
    }),
    activities,
    cards: [card()],
  };
}

describe('countingWindow: evaluating only the courses inside it', () => {
  it('gives the full verdict, less the per-course entries of the courses left out', () => {
    fc.assert(
      fc.property(inputArb, (generated) => {
        const full = input(generated);
        const ruleSet = generated.ruleSet;
        const { from, to } = countingWindow(ruleSet, full);
        const inside = (a: ActivityFacts) => a.completed >= from && a.completed <= to;
        const unlistedPetitions = full.activities.filter(
          (a) => !inside(a) && a.approval === 'petition' && a.petitionStatus !== null,
        ).length;
        const whole = evaluateCredential(ruleSet, full);
        const windowed = evaluateCredential(ruleSet, { ...full, activities: full.activities.filter(inside), unlistedPetitions });
        const listed = new Set(windowed.activities.map((a) => a.id));
        expect(windowed).toEqual({ ...whole, activities: whole.activities.filter((a) => listed.has(a.id)) });
        // Every course left out has a reason decided by its date, and counts for nothing.
        for (const entry of whole.activities.filter((a) => !listed.has(a.id))) {
          expect(['before-cycle', 'not-yet-completed', 'after-course-deadline']).toContain(entry.reason);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('would catch a course inside the window being left out', () => {
    // The check above is only as good as its failure: leaving out one counted course changes the verdict.
    const ruleSet = shippedRuleSets.find((r) => r.id === 'nasm-cpt');
    if (!ruleSet) throw new Error('nasm-cpt missing');
    const full = input({
      asOf: '2026-11-21',
      expires: '2027-03-31',
      cycleStart: null,
      applicationSubmitted: null,
      applicationAccepted: null,
      courses: [
        {
          title: 'A',
          provider: 'NASM',
          approval: 'nasm',
          completed: '2026-01-01',
          amount: { ceuThousandths: 1000, contactHourHundredths: null },
          petitionStatus: null,
          category: null,
          hasCertificate: true,
        },
        {
          title: 'B',
          provider: 'NASM',
          approval: 'petition',
          completed: '2020-01-01',
          amount: { ceuThousandths: 1000, contactHourHundredths: null },
          petitionStatus: 'denied',
          category: null,
          hasCertificate: true,
        },
      ],
    });
    const { from, to } = countingWindow(ruleSet, full);
    expect({ from, to }).toEqual({ from: '2025-04-01', to: '2026-11-21' });
    const whole = evaluateCredential(ruleSet, full);
    expect(whole.petitionFees).toBe(25);
    expect(evaluateCredential(ruleSet, { ...full, activities: [] }).ceus.courses).not.toBe(whole.ceus.courses);
    // Without the unlisted petition its fee would be lost.
    expect(evaluateCredential(ruleSet, { ...full, activities: full.activities.slice(0, 1) }).petitionFees).toBe(0);
    expect(evaluateCredential(ruleSet, { ...full, activities: full.activities.slice(0, 1), unlistedPetitions: 1 }).petitionFees).toBe(25);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CourseFacts } from '../../../main/core/domain/verdict';
import { countingWindow, evaluateCredential } from '../../../main/core/rules/engine';
import { input, inputArb } from '../../helpers/generated-credential';
import { shippedRuleSets } from '../../helpers/rules';

// The dashboard evaluates only the courses inside a credential's counting window and passes the
// petitions outside as a count. That is exact only if every course outside decides by its date
// alone: this holds the windowed verdict to the full one on generated records of every rule set.

describe('countingWindow: evaluating only the courses inside it', () => {
  it('gives the full verdict, less the per-course entries of the courses left out', () => {
    fc.assert(
      fc.property(inputArb, (generated) => {
        const full = input(generated);
        const ruleSet = generated.ruleSet;
        const { from, to } = countingWindow(ruleSet, full);
        const inside = (a: CourseFacts) => a.completed >= from && a.completed <= to;
        const unlistedPetitions = full.courses.filter((a) => !inside(a) && a.approval === 'petition' && a.petitionStatus !== null).length;
        const whole = evaluateCredential(ruleSet, full);
        const windowed = evaluateCredential(ruleSet, { ...full, courses: full.courses.filter(inside), unlistedPetitions });
        const listed = new Set(windowed.courses.ids);
        const kept = whole.courses.ids.map((id) => listed.has(id));
        const keep = <T>(list: T[]) => list.filter((_, i) => kept[i]);
        // The same verdict, its per-course warnings included, less the courses left out.
        expect(windowed).toEqual({
          ...whole,
          courses: { ids: keep(whole.courses.ids), reasons: keep(whole.courses.reasons), units: keep(whole.courses.units) },
        });
        // Every course left out has a reason decided by its date, and counts for nothing.
        for (const reason of whole.courses.reasons.filter((_, i) => !kept[i])) {
          expect(['before-cycle', 'not-yet-completed', 'after-course-deadline']).toContain(reason);
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
    expect(evaluateCredential(ruleSet, { ...full, courses: [] }).ceus.courses).not.toBe(whole.ceus.courses);
    // Without the unlisted petition its fee would be lost.
    expect(evaluateCredential(ruleSet, { ...full, courses: full.courses.slice(0, 1) }).petitionFees).toBe(0);
    expect(evaluateCredential(ruleSet, { ...full, courses: full.courses.slice(0, 1), unlistedPetitions: 1 }).petitionFees).toBe(25);
  });
});

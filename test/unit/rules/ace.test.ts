import { describe, expect, it } from 'vitest';
import { explainBlocker, statusText } from '../../../main/core/rules/describe';
import { presentEvaluation } from '../../../main/core/rules/present';
import type { Credential } from '../../../main/core/domain/records';
import { card, course, engineVerdict, evaluate, ruleSet } from '../../helpers/rules';

// Scenarios written from ACE's sentences (resources/rulesets/ace-cpt.json): "Complete 20 hours of
// ACE-Approved continuing education credits (2.0 CECs) during your two-year certification renewal
// cycle"; "You cannot repeat continuing education courses to fulfill your renewal requirements";
// CECs are entered by "the course (CEP) number"; a petition's "non-refundable processing fee";
// "The six-month grace period for renewal doesn't equal an extension of your certification."

const ace = ruleSet('ace-cpt');
// E = 2027-03-31: the cycle runs from 2025-04-01.
const cec = (id: string, overrides: Parameters<typeof course>[0] = {}) =>
  course({ id, hours: 10, provider: 'Kettle Co', title: 'Kettlebell Basics', approval: 'approved-provider', ...overrides });
const reasons = (courses: ReturnType<typeof cec>[]) =>
  evaluate({ ruleSet: ace, courses: courses })
    .activities.map((a) => [a.id, a.reason])
    .sort();

describe('ACE: the same course counts once a cycle, the earliest completed', () => {
  it.each([
    [
      'the same CEP code under two titles',
      [
        cec('first', { approvalCode: 'CEP123456', completed: '2025-09-01' }),
        cec('again', { approvalCode: 'cep 123456', title: 'Kettlebells: the basics', completed: '2026-05-01' }),
      ],
      'again',
    ],
    [
      'the same title and provider, one record without a code',
      [
        cec('first', { approvalCode: 'CEP123456', completed: '2025-09-01' }),
        cec('again', { title: 'kettlebell  BASICS', completed: '2026-05-01' }),
      ],
      'again',
    ],
    ['repeats recorded newest-first', [cec('newer', { completed: '2026-05-01' }), cec('older', { completed: '2025-09-01' })], 'newer'],
    [
      'the same CEP code recorded newest-first under two titles',
      [
        cec('newer', { approvalCode: 'CEP777', title: 'Mobility II', completed: '2026-05-01' }),
        cec('older', { approvalCode: 'CEP777', title: 'Mobility 2', completed: '2025-09-01' }),
      ],
      'newer',
    ],
    [
      'two completed the same day: the lower id counts',
      [cec('b-second', { completed: '2025-09-01' }), cec('a-first', { completed: '2025-09-01' })],
      'b-second',
    ],
  ])('%s', (_label, courses, repeated) => {
    const verdict = evaluate({ ruleSet: ace, courses: courses });
    for (const entry of verdict.activities) expect(entry.reason).toBe(entry.id === repeated ? 'repeated-course' : 'counted');
    expect(verdict.ceus.courses).toBe(1);
    // The record order does not matter.
    expect(reasons([...courses].reverse())).toEqual(reasons(courses));
  });

  it('different CEP codes under the same title are different courses', () => {
    const verdict = evaluate({
      ruleSet: ace,
      courses: [cec('one', { approvalCode: 'CEP111' }), cec('two', { approvalCode: 'CEP222', completed: '2026-03-01' })],
    });
    expect(verdict.activities.map((a) => a.reason)).toEqual(['counted', 'counted']);
    expect(verdict.ceus.courses).toBe(2);
  });

  it('a repeat completed before the cycle does not stop the one inside from counting', () => {
    const verdict = evaluate({
      ruleSet: ace,
      courses: [cec('old', { completed: '2024-05-01' }), cec('now', { completed: '2026-05-01' })],
    });
    expect(verdict.activities.map((a) => a.reason)).toEqual(['before-cycle', 'counted']);
  });
});

describe('ACE: 2.0 CECs, adult CPR/AED with a hands-on check, the grace period', () => {
  it.each([
    [19.9, false],
    [20, true],
  ])('%s hours of courses: requirement met %s', (hours, met) => {
    const verdict = evaluate({ ruleSet: ace, courses: [course({ hours, approval: 'approved-provider' })] });
    expect(verdict.ceus).toMatchObject({ coursesRequired: 2, cprAedRequired: 0 });
    expect(verdict.blockers.includes('courses-short')).toBe(!met);
  });

  it('refuses an online-only CPR/AED card and says why', () => {
    const verdict = engineVerdict({ ruleSet: ace, courses: [course({ hours: 20 })], cards: [card({ handsOn: false })] });
    expect(verdict.cprAed.reason).toBe('online-only-not-accepted');
    expect(explainBlocker('cpr-aed', verdict, ace).title).toBe(
      'Your CPR/AED card is recorded as online only, with no hands-on skills evaluation, which ACE-CPT requires of an online course',
    );
  });

  it.each([
    ['E', '2027-03-31', 'ready'],
    ['E + 1', '2027-04-01', 'expired-late'],
    ['E + 6 months', '2027-09-30', 'expired-late'],
    ['E + 6 months + 1 day', '2027-10-01', 'lapsed'],
  ])('as of %s (%s): %s', (_label, asOf, status) => {
    const verdict = engineVerdict({ ruleSet: ace, asOf, courses: [course({ hours: 20 })], cards: [card({ expires: '2029-01-01' })] });
    expect(verdict.status).toBe(status);
    if (status === 'expired-late') {
      expect(statusText(verdict, ace, null, asOf)).toBe(
        "Expired — ACE's six-month grace period to renew runs until 30 Sep 2027; it is not an extension",
      );
    }
  });
});

describe('ACE: petitions carry a processing fee whose amount ACE does not publish', () => {
  const petitions = [
    course({ id: 'p1', hours: 10, approval: 'petition', petitionStatus: 'pending' }),
    course({ id: 'p2', hours: 10, approval: 'petition', petitionStatus: 'approved' }),
  ];
  it('gives no amount, never $0, in the verdict and in words', () => {
    const verdict = engineVerdict({ ruleSet: ace, courses: petitions });
    expect(verdict.petitionFees).toBeNull();
    const credential: Credential = {
      id: 'c1',
      personId: 'p1',
      ruleSet: 'ace-cpt',
      number: null,
      expires: '2027-03-31',
      cycleStart: null,
      certified: null,
      applicationSubmitted: null,
      applicationAccepted: null,
      auditNoticeReceived: null,
      documentsSent: null,
    };
    const view = presentEvaluation({
      asOf: '2026-11-21',
      person: { id: 'p1', name: 'Dana Rivera', email: null, employeeId: null, active: true },
      credential,
      verdict,
      ruleSet: ace,
      cardOf: () => undefined,
    });
    expect(view.notes).toContain('Petition fees for this cycle: processing fee set by ACE for each petition.');
    expect(JSON.stringify(view)).not.toContain('$0');
  });

  it('without a petition nothing is owed', () => {
    expect(engineVerdict({ ruleSet: ace, courses: [course({ hours: 20 })] }).petitionFees).toBe(0);
  });
});

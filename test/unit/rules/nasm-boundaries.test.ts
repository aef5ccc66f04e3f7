import { describe, expect, it } from 'vitest';
import { missingCertificates } from '../../../main/core/domain/verdict';
import { card, course, engineVerdict, evaluate } from '../../helpers/rules';

// E = 2027-03-31, so S = 2025-04-01, E+90 = 2027-06-29, E+1 year = 2028-03-31.

describe('R1/R4: course dates against the cycle', () => {
  it.each([
    ['S − 1', '2025-03-31', 'before-cycle'],
    ['S', '2025-04-01', 'counted'],
    ['E', '2027-03-31', 'counted'],
    ['E + 1', '2027-04-01', 'counted'],
    ['E + 90', '2027-06-29', 'counted'],
    ['E + 91', '2027-06-30', 'after-course-deadline'],
  ])('completed on %s (%s): %s', (_label, completed, reason) => {
    const verdict = evaluate({ asOf: '2027-07-15', courses: [course({ id: 'x', completed })] });
    expect(verdict.activities[0]).toMatchObject({ id: 'x', reason, counted: reason === 'counted' });
  });

  it('a course completed after the as-of date is not yet counted', () => {
    expect(evaluate({ asOf: '2026-11-21', courses: [course({ completed: '2026-11-22' })] }).activities[0]?.reason).toBe(
      'not-yet-completed',
    );
  });

  it('uses the recorded cycle start instead of E − 2 years + 1 day', () => {
    const verdict = evaluate({ credential: { cycleStart: '2025-06-01' }, courses: [course({ completed: '2025-05-15' })] });
    expect(verdict.cycle).toEqual({ start: '2025-06-01', end: '2027-03-31' });
    expect(verdict.activities[0]?.reason).toBe('before-cycle');
  });
});

describe('R8/R9: status and fee tier by date', () => {
  it.each([
    ['E', '2027-03-31', 'ready', 'standard', []],
    ['E + 1', '2027-04-01', 'expired-late', 'late', []],
    ['E + 90', '2027-06-29', 'expired-late', 'late', []],
    ['E + 91', '2027-06-30', 'expired-additional-fee', 'late-additional', []],
    ['E + 1 year − 1', '2028-03-30', 'expired-additional-fee', 'late-additional', []],
    ['E + 1 year', '2028-03-31', 'lapsed', null, ['lapsed']],
  ])('as of %s (%s): %s', (_label, asOf, status, feeTier, blockers) => {
    const verdict = evaluate({ asOf, cards: [card({ expires: '2029-12-31' })] });
    expect(verdict.status).toBe(status);
    expect(verdict.feeTier).toBe(feeTier);
    expect(verdict.blockers).toEqual(blockers);
    expect(verdict.canSubmit).toBe(blockers.length === 0);
  });

  it.each([
    ['E', '2027-03-31', 'standard', []],
    ['E + 1', '2027-04-01', 'late', []],
    ['E + 90', '2027-06-29', 'late', []],
    ['E + 91', '2027-06-30', 'late-additional', []],
    ['E + 1 year − 1', '2028-03-30', 'late-additional', []],
    ['E + 1 year', '2028-03-31', null, ['application-too-late']],
  ])('application recorded on %s (%s): fee tier %s', (_label, submitted, feeTier, blockers) => {
    const verdict = evaluate({
      asOf: '2028-06-01',
      credential: { applicationSubmitted: submitted },
      cards: [card({ expires: '2029-12-31' })],
    });
    expect(verdict.status).toBe('submitted');
    expect(verdict.feeTier).toBe(feeTier);
    expect(verdict.blockers).toEqual(blockers);
    expect(verdict.canSubmit).toBe(false);
  });

  it('gives every deadline of docs/records-file.md', () => {
    expect(evaluate({ credential: { auditNoticeReceived: '2027-05-01' } }).deadlines).toEqual({
      expiration: '2027-03-31',
      coursesBy: '2027-06-29',
      lateFeeFrom: '2027-04-01',
      additionalFeeFrom: '2027-06-30',
      finalApplication: '2028-03-30',
      auditDue: '2027-05-31',
    });
  });

  it('a credential with requirements unmet is in progress before E and not submittable', () => {
    const verdict = evaluate({ asOf: '2027-03-31', courses: [course({ ceus: 1.0 })] });
    expect(verdict).toMatchObject({ status: 'in-progress', canSubmit: false, feeTier: null, blockers: ['courses-short'] });
  });
});

describe('29 February', () => {
  it('E on 29 Feb 2028: the cycle starts 1 Mar 2026 and the anniversary is 28 Feb 2029', () => {
    const verdict = evaluate({
      asOf: '2028-01-01',
      credential: { expires: '2028-02-29' },
      courses: [course({ completed: '2026-03-01' })],
    });
    expect(verdict.cycle).toEqual({ start: '2026-03-01', end: '2028-02-29' });
    expect(verdict.deadlines.finalApplication).toBe('2029-02-27');
    expect(evaluate({ asOf: '2029-02-28', credential: { expires: '2028-02-29' } }).status).toBe('lapsed');
    expect(evaluate({ asOf: '2029-02-27', credential: { expires: '2028-02-29' } }).status).toBe('expired-additional-fee');
  });

  it('E on 28 Feb 2026: the cycle starts 29 Feb 2024', () => {
    expect(evaluate({ asOf: '2025-01-01', credential: { expires: '2026-02-28' } }).cycle.start).toBe('2024-02-29');
  });
});

describe('R2/R3: exact amounts', () => {
  it.each([
    ['1.899 CEUs is short of 1.9', [course({ ceus: 1.899 })], 1.899, ['courses-short']],
    ['1.9 CEUs meets it', [course({ ceus: 1.9 })], 1.9, []],
    ['19 contact hours equal 1.9 CEUs', [course({ hours: 19 })], 1.9, []],
    ['25 × 0.1 CEU is exactly 2.5', Array.from({ length: 25 }, () => course({ ceus: 0.1 })), 2.5, []],
    ['19 × 0.1 CEU is exactly 1.9', Array.from({ length: 19 }, () => course({ ceus: 0.1 })), 1.9, []],
    ['a 45-minute webinar is 0.075 CEU', [course({ hours: 0.75 })], 0.075, ['courses-short']],
  ])('%s', (_label, courses, expected, blockers) => {
    const verdict = evaluate({ courses: courses });
    expect(verdict.ceus.courses).toBe(expected);
    expect(verdict.blockers).toEqual(blockers);
  });

  it('course CEUs beyond 1.9 never stand in for the CPR/AED 0.1', () => {
    const verdict = evaluate({ courses: [course({ ceus: 3 })], cards: [] });
    expect(verdict.ceus).toEqual({
      required: 2,
      coursesRequired: 1.9,
      cprAedRequired: 0.1,
      courses: 3,
      cprAed: 0,
      total: 3,
      pending: 0,
      remaining: 0.1,
    });
    expect(verdict.blockers).toEqual(['cpr-aed']);
  });

  it('a 45-minute webinar shows as 0.075 CEU on its own line', () => {
    expect(evaluate({ courses: [course({ id: 'w', hours: 0.75 })] }).activities).toEqual([
      { id: 'w', ceus: 0.075, counted: true, reason: 'counted', rule: 'R2' },
    ]);
  });
});

describe('R6/R7: CPR/AED on the reference date', () => {
  it.each([
    ['expires the day before', '2026-11-20', false, 'expired'],
    ['expires on the day', '2026-11-21', true, 'ok'],
    ['expires the day after', '2026-11-22', true, 'ok'],
  ])('a card that %s the reference date', (_label, expires, ok, reason) => {
    expect(evaluate({ cards: [card({ expires })] }).cprAed).toMatchObject({ id: 'k1', ok, reason });
  });

  it('online-only inside the waiver window is accepted with a warning', () => {
    const verdict = evaluate({
      asOf: '2021-06-01',
      credential: { expires: '2021-12-31' },
      courses: [course({ completed: '2021-01-10' })],
      cards: [card({ completed: '2021-01-01', expires: '2023-01-01', handsOn: false })],
      waiverUntil: '2021-08-31',
    });
    expect(verdict.cprAed).toEqual({ id: 'k1', ok: true, reason: 'online-only-waiver', rule: 'R7' });
    expect(verdict.warnings).toContain('online-only-waiver');
    expect(verdict.warnings).not.toContain('waiver-end-unknown');
  });

  it('online-only completed after the waiver ended is not accepted', () => {
    const verdict = evaluate({ cards: [card({ completed: '2025-06-01', handsOn: false })], waiverUntil: '2021-08-31' });
    expect(verdict.cprAed).toMatchObject({ ok: false, reason: 'online-only-not-accepted', rule: 'R7' });
    expect(verdict.blockers).toEqual(['cpr-aed']);
  });

  it('online-only with an unknown waiver end is accepted, with a warning to confirm the policy', () => {
    const verdict = evaluate({ cards: [card({ handsOn: false })] });
    expect(verdict.cprAed).toMatchObject({ ok: true, reason: 'online-only-waiver' });
    expect(verdict.warnings).toEqual(expect.arrayContaining(['online-only-waiver', 'waiver-end-unknown']));
  });

  it.each([
    ['no Adult CPR', { adultCpr: false }, 'no-adult-cpr'],
    ['no AED', { aed: false }, 'no-aed'],
  ])('a card with %s', (_label, change, reason) => {
    expect(evaluate({ cards: [card(change)] }).cprAed).toMatchObject({ id: 'k1', ok: false, reason });
  });

  it('no card at all', () => {
    const verdict = evaluate({ cards: [] });
    expect(verdict.cprAed).toEqual({ id: null, ok: false, reason: 'missing', rule: 'R6' });
    expect(verdict.ceus.cprAed).toBe(0);
  });

  it('prefers a hands-on card over a later-expiring online-only one, then the latest expiry, then the first listed', () => {
    const online = card({ id: 'online', handsOn: false, expires: '2028-01-01' });
    const early = card({ id: 'early', expires: '2027-01-01' });
    const late = card({ id: 'late', expires: '2027-09-01' });
    const twin = card({ id: 'twin', expires: '2027-09-01' });
    expect(evaluate({ cards: [online, early, late, twin] }).cprAed.id).toBe('late');
  });

  it('ignores a card completed after the reference date', () => {
    expect(evaluate({ cards: [card({ completed: '2026-12-01', expires: '2028-12-01' })] }).cprAed).toMatchObject({
      id: null,
      reason: 'missing',
    });
  });

  it('when none is valid, reports the latest-expiring card and why', () => {
    const verdict = evaluate({
      cards: [card({ id: 'old', expires: '2025-01-01', completed: '2023-01-01' }), card({ id: 'noaed', aed: false })],
    });
    expect(verdict.cprAed).toMatchObject({ id: 'noaed', ok: false, reason: 'no-aed' });
  });

  it('warns when the card runs out before the credential does', () => {
    expect(evaluate({ cards: [card({ expires: '2027-01-01' })] }).warnings).toContain('cpr-aed-expires-before-expiration');
  });
});

describe('R5: petitions', () => {
  it.each([
    ['pending', 'pending', 'petition-pending', 0, 0.5, 25],
    ['approved', 'approved', 'counted', 0.5, 0, 25],
    ['denied', 'denied', 'petition-denied', 0, 0, 25],
    ['missing', null, 'petition-required', 0, 0, 0],
  ] as const)('%s', (_label, petitionStatus, reason, courses, pending, fees) => {
    const verdict = evaluate({ courses: [course({ id: 'p', approval: 'petition', ceus: 0.5, petitionStatus })] });
    expect(verdict.activities[0]?.reason).toBe(reason);
    expect(verdict.ceus.courses).toBe(courses);
    expect(verdict.ceus.pending).toBe(pending);
    expect(verdict.petitionFees).toBe(fees);
    expect(verdict.warnings.includes('petition-pending:p')).toBe(petitionStatus === 'pending');
  });
});

describe('records: application, audit, evidence', () => {
  it('an application recorded late: judged on its date, fee tier late', () => {
    const verdict = evaluate({
      asOf: '2027-09-01',
      credential: { applicationSubmitted: '2027-05-01' },
      courses: [course({ id: 'before', ceus: 1.9, completed: '2027-04-20' }), course({ id: 'after', completed: '2027-05-02' })],
      cards: [card({ expires: '2027-06-01' })],
    });
    expect(verdict).toMatchObject({ status: 'submitted', feeTier: 'late', canSubmit: false, blockers: [] });
    expect(verdict.activities.map((a) => a.reason)).toEqual(['counted', 'not-yet-completed']);
    expect(verdict.cprAed.ok).toBe(true); // current on the application date, expired since
  });

  it('the audit due date is 30 days after the notice, and the audit stays open until documents are sent', () => {
    const open = evaluate({ credential: { auditNoticeReceived: '2027-05-01' } });
    expect(open.deadlines.auditDue).toBe('2027-05-31');
    expect(open.warnings).toContain('audit-open');
    expect(evaluate({ credential: { auditNoticeReceived: '2027-05-01', documentsSent: '2027-05-20' } }).warnings).not.toContain(
      'audit-open',
    );
  });

  it('warns for each counted course and the chosen card without a certificate', () => {
    const verdict = evaluate({
      courses: [
        course({ id: 'with', ceus: 1 }),
        course({ id: 'without', ceus: 1, hasCertificate: false }),
        course({ id: 'old', completed: '2020-01-01', hasCertificate: false }),
      ],
      cards: [card({ hasCertificate: false })],
    });
    // The order of warnings is not significant (docs/records-file.md).
    expect(verdict.warnings.filter((w) => w.startsWith('no-certificate')).sort()).toEqual(['no-certificate:k1', 'no-certificate:without']);
  });

  it('keeps the courses without a certificate and the pending petitions as id lists, and counts what an audit would miss', () => {
    const verdict = engineVerdict({
      courses: [
        course({ id: 'with', ceus: 1 }),
        course({ id: 'without', ceus: 1, hasCertificate: false }),
        course({ id: 'old', completed: '2020-01-01', hasCertificate: false }),
        course({ id: 'waiting', approval: 'petition', petitionStatus: 'pending', hasCertificate: false }),
      ],
      cards: [card({ hasCertificate: false })],
    });
    expect(verdict.uncertified).toEqual(['without']);
    expect(verdict.pendingPetitions).toEqual(['waiting']);
    expect(verdict.warnings).toEqual(['no-certificate:k1']);
    expect(verdict.explain.warnings).toMatchObject({ 'no-certificate': 'R10', 'petition-pending': 'R5' });
    expect(missingCertificates(verdict)).toBe(2);
    expect(verdict.courses).toEqual({
      ids: ['with', 'without', 'old', 'waiting'],
      reasons: ['counted', 'counted', 'before-cycle', 'petition-pending'],
      units: [1000, 1000, 1900, 1900],
    });
  });

  it('R11: after an accepted recertification the next cycle runs from E + 1 day to E + 2 years', () => {
    const verdict = evaluate({
      asOf: '2027-06-01',
      credential: { applicationSubmitted: '2027-03-01', applicationAccepted: '2027-03-20' },
      courses: [course({ completed: '2027-02-01' })],
    });
    expect(verdict.cycle).toEqual({ start: '2027-04-01', end: '2029-03-31' });
    expect(verdict.status).toBe('in-progress');
    expect(verdict.activities[0]?.reason).toBe('before-cycle');
    expect(verdict.warnings).toContain('next-cycle-assumed');
    expect(verdict.explain.cycle).toBe('R11');
  });

  it('names the rule behind each part of the verdict', () => {
    const verdict = evaluate({ courses: [course({ ceus: 1 })], cards: [card({ handsOn: false })] });
    expect(verdict.explain.blockers).toEqual({ 'courses-short': 'R2' });
    expect(verdict.explain.warnings).toMatchObject({ 'online-only-waiver': 'R7', 'waiver-end-unknown': 'R7' });
    expect(verdict.cprAed.rule).toBe('R7');
  });
});

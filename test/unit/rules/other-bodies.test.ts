import { describe, expect, it } from 'vitest';
import { card, course, evaluate, ruleSet } from '../../helpers/rules';

describe('NSCA-CSCS: one fixed calendar cycle, prorated by certification date', () => {
  const nsca = ruleSet('nsca-cscs');
  it.each([
    ['before the cycle', '2023-06-01', 6.0, '2024-01-01'],
    ['in year 1', '2024-03-01', 4.0, '2024-03-01'],
    ['in year 2', '2025-05-01', 2.0, '2025-05-01'],
    ['in the first half of year 3', '2026-02-01', 1.0, '2026-02-01'],
    ['on the first day of the second half of year 3', '2026-07-01', 0, '2026-07-01'],
  ])('certified %s (%s) owes %s CEUs', (_label, certified, required, start) => {
    const verdict = evaluate({
      ruleSet: nsca,
      asOf: '2026-09-01',
      credential: { expires: '2026-12-31', cycleStart: certified },
      courses: [],
    });
    expect(verdict.ceus.coursesRequired).toBe(required);
    expect(verdict.cycle).toEqual({ start, end: '2026-12-31' });
    expect(verdict.blockers.includes('courses-short')).toBe(required > 0);
  });

  it('caps a category at its maximum and says so', () => {
    const verdict = evaluate({
      ruleSet: nsca,
      asOf: '2026-09-01',
      credential: { expires: '2026-12-31' },
      courses: [
        course({ hours: 70, category: 'a', completed: '2025-01-10' }),
        course({ hours: 10, category: 'b', completed: '2025-02-10' }),
      ],
    });
    expect(verdict.ceus.courses).toBe(6.5); // A capped 7.0 → 5.5, plus B 1.0
    expect(verdict.warnings).toContain('category-cap:a');
    expect(verdict.blockers).toEqual([]);
  });

  it('gives 45 days to answer an audit', () => {
    expect(evaluate({ ruleSet: nsca, credential: { expires: '2026-12-31', auditNoticeReceived: '2027-01-10' } }).deadlines.auditDue).toBe(
      '2027-02-24',
    );
  });
});

describe('unit factors', () => {
  it('AFAA: 1 contact hour = 1 CEU, and a hands-on CPR/AED card is worth 2 CEUs', () => {
    const verdict = evaluate({ ruleSet: ruleSet('afaa-gfi'), courses: [course({ hours: 11 }), course({ hours: 2, approval: 'nasm' })] });
    expect(verdict.ceus).toMatchObject({
      required: 15,
      coursesRequired: 13,
      cprAedRequired: 2,
      courses: 13,
      cprAed: 2,
      total: 15,
      remaining: 0,
    });
    expect(verdict.blockers).toEqual([]);
  });

  it('AFAA: at least 2 CEUs must come from its own courses', () => {
    const verdict = evaluate({ ruleSet: ruleSet('afaa-gfi'), courses: [course({ hours: 14, approval: 'approved-provider' })] });
    expect(verdict.blockers).toEqual(['own-courses-short']);
    expect(verdict.explain.blockers['own-courses-short']).toBe('R14');
  });

  it('NCSF: 1 CEU = 2 contact hours; CPR counts 2; an ethics course is mandatory', () => {
    const ncsf = ruleSet('ncsf-cpt');
    const without = evaluate({ ruleSet: ncsf, courses: [course({ hours: 16 })] });
    expect(without.ceus).toMatchObject({ required: 10, coursesRequired: 8, courses: 8, cprAed: 2, total: 10 });
    expect(without.blockers).toEqual(['category-short:ethics']);
    const withEthics = evaluate({ ruleSet: ncsf, courses: [course({ hours: 14 }), course({ hours: 2, category: 'ethics' })] });
    expect(withEthics.blockers).toEqual([]);
  });

  it('NCSF: warns when the expiration date is not the last day of a month', () => {
    expect(evaluate({ ruleSet: ruleSet('ncsf-cpt'), credential: { expires: '2027-03-15' } }).warnings).toContain(
      'expiration-not-month-end',
    );
  });

  it('ACSM: CPR/AED and first-aid courses count for at most 5 CECs a cycle year', () => {
    const verdict = evaluate({
      ruleSet: ruleSet('acsm-cpt'),
      credential: { expires: '2027-12-31' },
      courses: [
        course({ hours: 4, category: 'cpr-aed-first-aid', completed: '2025-03-01' }),
        course({ hours: 3, category: 'cpr-aed-first-aid', completed: '2025-06-01' }),
        course({ hours: 4, category: 'cpr-aed-first-aid', completed: '2026-03-01' }),
      ],
    });
    expect(verdict.ceus.courses).toBe(9); // year 1: 7 → 5; year 2: 4
    expect(verdict.warnings).toContain('category-cap:cpr-aed-first-aid');
  });

  it('ACSM: a cycle year begins on the anniversary of the cycle start', () => {
    const verdict = evaluate({
      ruleSet: ruleSet('acsm-cpt'),
      credential: { expires: '2027-12-31' },
      courses: [
        course({ hours: 4, category: 'cpr-aed-first-aid', completed: '2025-12-31' }),
        course({ hours: 4, category: 'cpr-aed-first-aid', completed: '2026-01-01' }),
        course({ hours: 2, category: 'cpr-aed-first-aid', completed: '2026-01-01' }),
      ],
    });
    expect(verdict.ceus.courses).toBe(9); // year 1: 4; year 2 (from 1 January 2026): 6 → 5
  });
});

describe('ACE: no repeated course in a cycle', () => {
  it('counts the second attendance of the same course (by title and provider) not at all', () => {
    const verdict = evaluate({
      ruleSet: ruleSet('ace-cpt'),
      courses: [
        course({ id: 'first', title: 'Functional Training', provider: 'ACE', hours: 10 }),
        course({ id: 'again', title: 'functional  training', provider: 'ace', hours: 10, completed: '2026-05-01' }),
        course({ id: 'other', title: 'Nutrition', provider: 'ACE', hours: 10 }),
      ],
    });
    expect(verdict.activities.map((a) => [a.id, a.reason])).toEqual([
      ['first', 'counted'],
      ['again', 'repeated-course'],
      ['other', 'counted'],
    ]);
    expect(verdict.ceus.courses).toBe(2);
    expect(verdict.ceus.cprAedRequired).toBe(0);
  });

  it('NASM has no such rule: the same course twice counts twice', () => {
    const verdict = evaluate({ courses: [course({ title: 'X', ceus: 1 }), course({ title: 'X', ceus: 1 })] });
    expect(verdict.ceus.courses).toBe(2);
  });

  it('needs a hands-on CPR/AED card, without a waiver', () => {
    expect(
      evaluate({ ruleSet: ruleSet('ace-cpt'), courses: [course({ hours: 20 })], cards: [card({ handsOn: false })] }).cprAed.reason,
    ).toBe('online-only-not-accepted');
  });
});

describe('ISSA: CPR/AED valid 30 days beyond submission, late fees', () => {
  it('refuses a card that expires 10 days after the application', () => {
    const verdict = evaluate({
      ruleSet: ruleSet('issa-cpt'),
      asOf: '2027-03-01',
      credential: { applicationSubmitted: '2027-03-01' },
      courses: [course({ hours: 20 })],
      cards: [card({ expires: '2027-03-11' })],
    });
    expect(verdict.cprAed.reason).toBe('expires-too-soon');
  });

  it('moves through its late windows', () => {
    const issa = ruleSet('issa-cpt');
    const at = (asOf: string) =>
      evaluate({ ruleSet: issa, asOf, courses: [course({ hours: 20 })], cards: [card({ expires: '2029-01-01' })] });
    expect(at('2027-05-01')).toMatchObject({ status: 'expired-late', feeTier: 'late' });
    expect(at('2027-10-01')).toMatchObject({ status: 'expired-additional-fee', feeTier: 'late-additional' });
    expect(at('2028-03-31')).toMatchObject({ status: 'lapsed', blockers: ['lapsed'] });
  });
});

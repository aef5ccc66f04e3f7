import { describe, expect, it } from 'vitest';
import { explainBlocker, explainWarning, statusText } from '../../../main/core/rules/describe';
import { card, course, engineVerdict, evaluate, ruleSet, type EvaluateOptions } from '../../helpers/rules';

// Scenarios written from NSCA's own sentences (docs/rules.md, resources/rulesets/nsca-cscs.json):
// "All recertification requirements must be completed between January 1, 2024 (or your certification
// date, whichever is later) and December 31, 2026"; the 2024–2026 table by original certification
// date; "You must obtain CEUs from a minimum of two different categories"; "Reporting more CEUs than
// the maximum listed above will not count"; an online CPR/AED course "as long as it covers adult and
// includes a skills evaluation"; "45 days to submit the documentation"; no extensions, no late window.

const nsca = ruleSet('nsca-cscs');
/** 0.1 CEU per contact hour: `ceus(a)` CEUs of category `a`. */
const ceus = (amount: number, category: string | null, completed = '2025-03-01') =>
  course({ ceus: amount, category, completed, provider: 'NSCA', title: `Course ${category ?? 'none'} ${amount} ${completed}` });
const both = (completed = '2025-03-01') => [ceus(3, 'a', completed), ceus(3, 'b', completed)];
const at = (options: EvaluateOptions) => evaluate({ ruleSet: nsca, cards: [card({ expires: '2031-01-01' })], ...options });

describe('NSCA: the period is the three calendar years ending on the recorded expiration', () => {
  it.each([
    // as of, expiration, cycle start, status, remaining
    ['2026-12-03', '2026-12-31', '2024-01-01', 'in-progress', 6],
    ['2026-12-03', '2029-12-31', '2027-01-01', 'in-progress', 6],
    ['2027-01-01', '2029-12-31', '2027-01-01', 'in-progress', 6],
    ['2030-01-01', '2032-12-31', '2030-01-01', 'in-progress', 6],
    ['2030-01-01', '2029-12-31', '2027-01-01', 'lapsed', 6],
  ])('as of %s, expiring %s: courses count from %s, %s', (asOf, expires, start, status, remaining) => {
    const verdict = at({ asOf, credential: { expires }, courses: [] });
    expect(verdict.cycle).toEqual({ start, end: expires });
    expect(verdict.deadlines.expiration).toBe(expires);
    expect(verdict.status).toBe(status);
    expect(verdict.ceus).toMatchObject({ coursesRequired: 6, remaining });
  });

  it('a CSCS expiring 31 Dec 2029 is not "due 31 Dec 2026" on 3 Dec 2026', () => {
    const verdict = engineVerdict({ ruleSet: nsca, asOf: '2026-12-03', credential: { expires: '2029-12-31' }, courses: [] });
    expect(verdict.deadlines.expiration).toBe('2029-12-31');
    expect(statusText(verdict, nsca, null, '2026-12-03')).toBe('In progress — 6.0 CEUs to go');
    // Courses of 2024–2026 belong to the period before.
    expect(at({ asOf: '2026-12-03', credential: { expires: '2029-12-31' }, courses: both('2026-06-01') }).activities[0]?.reason).toBe(
      'before-cycle',
    );
  });

  it('labels the 2027–2029 requirement as Recert’s reading of NSCA’s 2024–2026 table, not the published period', () => {
    expect(at({ credential: { expires: '2029-12-31' } }).warnings).toContain('period-table-assumed');
    expect(at({ credential: { expires: '2026-12-31' } }).warnings).not.toContain('period-table-assumed');
    const verdict = engineVerdict({ ruleSet: nsca, credential: { expires: '2029-12-31' } });
    const warning = explainWarning('period-table-assumed', verdict, nsca);
    expect(warning.title).toMatch(/^Recert's reading: National Strength and Conditioning Association \(NSCA\) has .*2024–2026 only/);
    // The body in full once; the action names it short.
    expect(warning.action).toBe("Check the requirement against NSCA's table for this period once it is published.");
  });

  it.each([
    ['the last day, 31 Dec 2026', '2026-12-31', 'in-progress', []],
    ['the day after, 1 Jan 2027', '2027-01-01', 'lapsed', ['lapsed']],
  ])('requirements unmet, no application, as of %s: %s', (_label, asOf, status, timing) => {
    const verdict = at({ asOf, credential: { expires: '2026-12-31' }, courses: [ceus(1, 'a', '2025-03-01')] });
    expect(verdict.status).toBe(status);
    expect(verdict.blockers.filter((b) => b === 'lapsed')).toEqual(timing);
  });

  it('after the deadline with no application the status says so: no late window, even with the requirements met', () => {
    const verdict = engineVerdict({ ruleSet: nsca, asOf: '2027-01-01', credential: { expires: '2026-12-31' }, courses: both() });
    expect(verdict.status).toBe('lapsed');
    expect(verdict.canSubmit).toBe(false);
    expect(verdict.deadlines).toMatchObject({ finalApplication: '2026-12-31', lateFeeFrom: null });
    expect(statusText(verdict, nsca, null, '2027-01-01')).toBe('Expired 31 Dec 2026 — no application was recorded by the deadline');
    expect(explainBlocker('lapsed', verdict, nsca).title).toBe('The deadline, 31 Dec 2026, has passed: NSCA-CSCS has no late window');
    // On the last day, met: ready.
    expect(at({ asOf: '2026-12-31', credential: { expires: '2026-12-31' }, courses: both() }).status).toBe('ready');
  });

  it('an application recorded by the deadline is submitted; one accepted moves on to the next period', () => {
    expect(
      at({ asOf: '2027-01-05', credential: { expires: '2026-12-31', applicationSubmitted: '2026-12-20' }, courses: both() }),
    ).toMatchObject({
      status: 'submitted',
      feeTier: 'standard',
      blockers: [],
    });
    const next = at({
      asOf: '2027-02-01',
      credential: { expires: '2026-12-31', certified: '2025-05-01', applicationSubmitted: '2026-12-20', applicationAccepted: '2027-01-15' },
      courses: both(),
    });
    expect(next.cycle).toEqual({ start: '2027-01-01', end: '2029-12-31' });
    expect(next.ceus.coursesRequired).toBe(6); // certified before 2027–2029: the full requirement
    expect(next.status).toBe('in-progress');
  });

  it('keeps an expiration that is no period end as recorded and flags it in words', () => {
    const verdict = engineVerdict({ ruleSet: nsca, asOf: '2027-03-01', credential: { expires: '2027-06-30' }, courses: [] });
    expect(verdict.cycle).toEqual({ start: '2027-01-01', end: '2027-06-30' });
    expect(verdict.deadlines.expiration).toBe('2027-06-30');
    expect(verdict.warnings).toContain('expiration-not-period-end');
    expect(explainWarning('expiration-not-period-end', verdict, nsca)).toMatchObject({
      title:
        'NSCA-CSCS periods end on 31 December every 3 years (the nearest: 31 Dec 2026 and 31 Dec 2029); the recorded expiration, 30 Jun 2027, is not one',
      action:
        'Recert keeps the date you recorded and counts courses from 1 Jan 2027; check the expiration date against your National Strength and Conditioning Association (NSCA) account.',
    });
    expect(at({ credential: { expires: '2029-12-31' } }).warnings).not.toContain('expiration-not-period-end');
  });
});

describe('NSCA: requirement and category maxima prorated by the original certification date', () => {
  // total, A, B, C, D maxima from the 2024–2026 table; the same table shifted three years for 2027–2029.
  const table = {
    before: [6, 5.5, 4, 5.5, 4],
    year1: [4, 3.5, 3, 3.5, 3],
    year2: [2, 1.5, 1, 1.5, 1],
    firstHalf3: [1, 1, 1, 1, 1],
    secondHalf3: [0, 0, 0, 0, 0],
  } as const;
  it.each([
    ['2026-12-31', '2023-12-31', 'before', '2024-01-01'],
    ['2026-12-31', '2024-01-01', 'year1', '2024-01-01'],
    ['2026-12-31', '2024-12-31', 'year1', '2024-12-31'],
    ['2026-12-31', '2025-01-01', 'year2', '2025-01-01'],
    ['2026-12-31', '2025-12-31', 'year2', '2025-12-31'],
    ['2026-12-31', '2026-01-01', 'firstHalf3', '2026-01-01'],
    ['2026-12-31', '2026-06-30', 'firstHalf3', '2026-06-30'],
    ['2026-12-31', '2026-07-01', 'secondHalf3', '2026-07-01'],
    ['2029-12-31', '2026-12-31', 'before', '2027-01-01'],
    ['2029-12-31', '2027-01-01', 'year1', '2027-01-01'],
    ['2029-12-31', '2027-12-31', 'year1', '2027-12-31'],
    ['2029-12-31', '2028-01-01', 'year2', '2028-01-01'],
    ['2029-12-31', '2029-01-01', 'firstHalf3', '2029-01-01'],
    ['2029-12-31', '2029-06-30', 'firstHalf3', '2029-06-30'],
    ['2029-12-31', '2029-07-01', 'secondHalf3', '2029-07-01'],
  ] as const)('expiring %s, certified %s: %s', (expires, certified, row, start) => {
    const [total, a, b, c, d] = table[row];
    const verdict = at({ asOf: expires, credential: { expires, certified }, courses: [] });
    expect(verdict.ceus.coursesRequired).toBe(total);
    expect(verdict.cycle.start).toBe(start);
    expect(verdict.blockers.includes('courses-short')).toBe(total > 0);
    // Each category's maximum: 9 CEUs in it count as exactly its maximum.
    for (const [id, max] of [
      ['a', a],
      ['b', b],
      ['c', c],
      ['d', d],
    ] as const) {
      const capped = at({ asOf: expires, credential: { expires, certified }, courses: [ceus(9, id, expires)] });
      expect(capped.ceus.courses).toBe(max);
    }
  });

  it('reads the certification date from cycleStart in records that predate the certification date field', () => {
    const legacy = at({ asOf: '2026-09-01', credential: { expires: '2026-12-31', cycleStart: '2025-05-01' } });
    expect(legacy.ceus.coursesRequired).toBe(2);
    const both = at({ asOf: '2026-09-01', credential: { expires: '2026-12-31', cycleStart: '2025-05-01', certified: '2024-02-01' } });
    expect(both.ceus.coursesRequired).toBe(4);
  });

  it('a course completed before the certification date does not count', () => {
    const verdict = at({
      credential: { expires: '2026-12-31', certified: '2025-05-01' },
      courses: [ceus(1, 'a', '2025-04-30'), ceus(1, 'b', '2025-05-01')],
    });
    expect(verdict.activities.map((a) => a.reason)).toEqual(['before-cycle', 'counted']);
  });
});

describe('NSCA: categories', () => {
  it.each([
    ['A exactly at its maximum', [ceus(5.5, 'a'), ceus(0.5, 'b')], 6, []],
    ['A over its maximum', [ceus(5.6, 'a'), ceus(0.5, 'b')], 6, ['category-cap:a']],
    ['D exactly at 4.0 (the 2024–2026 figure)', [ceus(4, 'd'), ceus(2, 'c')], 6, []],
    ['D over 4.0', [ceus(4.5, 'd'), ceus(1.5, 'c')], 5.5, ['category-cap:d']],
    ['B exactly at 4.0', [ceus(4, 'b'), ceus(2, 'a')], 6, []],
  ])('%s', (_label, courses, counted, caps) => {
    const verdict = at({ credential: { expires: '2026-12-31' }, courses: courses });
    expect(verdict.ceus.courses).toBe(counted);
    expect(verdict.warnings.filter((w) => w.startsWith('category-cap'))).toEqual(caps);
    expect(verdict.blockers).toEqual(counted >= 6 ? [] : ['courses-short']);
  });

  it('more than the maximum will not count: the words say so', () => {
    const verdict = engineVerdict({ ruleSet: nsca, credential: { expires: '2026-12-31' }, courses: [ceus(5.6, 'a'), ceus(0.5, 'b')] });
    expect(explainWarning('category-cap:a', verdict, nsca).title).toBe('Category A is over its maximum: CEUs above it do not count');
  });

  it('one category only is a blocker that names the category used', () => {
    const verdict = engineVerdict({
      ruleSet: nsca,
      asOf: '2026-09-01',
      credential: { expires: '2026-12-31', certified: '2025-03-01' },
      courses: [ceus(2, 'c')],
    });
    expect(verdict.ceus.courses).toBe(1.5); // C's maximum for someone certified in 2025
    expect(verdict.blockers).toEqual(['courses-short', 'categories-too-few:c']);
    expect(explainBlocker('categories-too-few:c', verdict, nsca)).toMatchObject({
      rule: 'R12',
      title: 'CEUs must come from at least 2 categories; counted so far: Category C only',
      action: 'Add a course from another of Category A, Category B, Category C or Category D.',
    });
  });

  it('two categories at 6.0 meet the requirement; the same with one category does not', () => {
    expect(at({ credential: { expires: '2026-12-31' }, courses: both() }).blockers).toEqual([]);
    expect(at({ credential: { expires: '2026-12-31' }, courses: [ceus(3, 'a'), ceus(3, 'a')] }).blockers).toEqual([
      'courses-short',
      'categories-too-few:a',
    ]);
  });

  it('a course whose category is not recorded blocks until it is set, and is no category of the two', () => {
    const verdict = at({ credential: { expires: '2026-12-31' }, courses: [ceus(3, 'a'), ceus(3, null)] });
    expect(verdict.ceus.courses).toBe(6);
    expect(verdict.blockers).toEqual(['category-not-recorded', 'categories-too-few:a']);
    expect(at({ credential: { expires: '2026-12-31' }, courses: [ceus(6, null)] }).blockers).toEqual([
      'category-not-recorded',
      'categories-too-few',
    ]);
  });

  it('someone who owes nothing needs no two categories', () => {
    expect(at({ asOf: '2026-12-01', credential: { expires: '2026-12-31', certified: '2026-07-01' }, courses: [] }).blockers).toEqual([]);
  });

  it('does not apply the older page’s 2.0-CEU cap on one non-NSCA Category A event', () => {
    const verdict = at({
      credential: { expires: '2026-12-31' },
      courses: [course({ ceus: 5, category: 'a', approval: 'approved-provider', provider: 'Strength Summit' }), ceus(1, 'b')],
    });
    expect(verdict.ceus.courses).toBe(6);
    expect(verdict.blockers).toEqual([]);
  });
});

describe('NSCA: CPR/AED and audit', () => {
  it.each([
    ['online with a skills evaluation (hands-on recorded)', { handsOn: true }, true, 'ok'],
    ['online only, no skills evaluation', { handsOn: false }, false, 'online-only-not-accepted'],
    ['without adult CPR', { adultCpr: false }, false, 'no-adult-cpr'],
    ['expired on the day before', { expires: '2026-08-31' }, false, 'expired'],
    ['expiring on the day', { expires: '2026-09-01' }, true, 'ok'],
  ])('a card %s: %s', (_label, overrides, ok, reason) => {
    const verdict = evaluate({
      ruleSet: nsca,
      asOf: '2026-09-01',
      credential: { expires: '2026-12-31' },
      courses: both(),
      cards: [card(overrides)],
    });
    expect(verdict.cprAed).toMatchObject({ ok, reason });
    expect(verdict.blockers.includes('cpr-aed')).toBe(!ok);
  });

  it('says in words why an online-only card is refused', () => {
    const verdict = engineVerdict({
      ruleSet: nsca,
      credential: { expires: '2026-12-31' },
      courses: both(),
      cards: [card({ handsOn: false })],
    });
    expect(explainBlocker('cpr-aed', verdict, nsca).title).toBe(
      'Your CPR/AED card is recorded as online only, with no hands-on skills evaluation, which NSCA-CSCS requires of an online course',
    );
  });

  it('gives 45 days to answer an audit, from the notice', () => {
    expect(at({ credential: { expires: '2026-12-31', auditNoticeReceived: '2027-01-10' } }).deadlines.auditDue).toBe('2027-02-24');
  });
});

// The verdict in words, tones and figures: what every screen shows, decided once in main.
import { describe, expect, it } from 'vitest';
import type { CprAedCard, Credential, Person } from '../../../main/core/domain/records';
import type { CredentialFacts } from '../../../main/core/domain/verdict';
import { formatAmount, formatFee, formatProgress } from '../../../main/core/rules/amounts';
import { cprAedWords, presentEvaluation } from '../../../main/core/rules/present';
import { card, course, engineVerdict, ruleSet, type EvaluateOptions } from '../../helpers/rules';

const person: Person = { id: 'p1', name: 'Dana Rivera', email: null, employeeId: null, active: true };

function stored(facts: Partial<CredentialFacts>): Credential {
  return {
    id: 'c1',
    personId: 'p1',
    ruleSet: 'nasm-cpt',
    number: null,
    expires: '2027-03-31',
    cycleStart: null,
    applicationSubmitted: null,
    applicationAccepted: null,
    auditNoticeReceived: null,
    documentsSent: null,
    ...facts,
    certified: facts.certified ?? null,
  };
}

const storedCard = (over: Partial<CprAedCard> = {}): CprAedCard => ({
  id: 'k1',
  personId: 'p1',
  provider: 'American Red Cross',
  completed: '2025-06-01',
  expires: '2027-06-01',
  adultCpr: true,
  aed: true,
  handsOn: true,
  ...over,
});

function present(options: EvaluateOptions & { cardRecord?: CprAedCard }) {
  const asOf = options.asOf ?? '2026-11-21';
  const verdict = engineVerdict(options);
  return presentEvaluation({
    asOf,
    person,
    credential: stored(options.credential ?? {}),
    verdict,
    ruleSet: options.ruleSet ?? ruleSet('nasm-cpt'),
    cardOf: () => options.cardRecord ?? storedCard(),
    courses: verdict.courses,
  });
}

describe('CPR/AED in words that agree with the card', () => {
  it('an online-only card accepted under the waiver never says hands-on', () => {
    const words = cprAedWords('online-only-waiver', storedCard({ handsOn: false }), '2026-11-21');
    expect(words.text).toBe('Online only, accepted under the COVID-19 waiver; expires 1 Jun 2027');
    expect(words.text).not.toMatch(/hands-on/i);
    expect(words.tone).toBe('warn');
  });

  it('an expired card says when it expired, in the colour of a problem, without jargon', () => {
    const words = cprAedWords('expired', storedCard({ expires: '2026-09-12' }), '2026-11-21');
    expect(words).toEqual({ text: 'Expired 12 Sep 2026', tone: 'bad' });
    expect(words.text).not.toMatch(/reference date/);
  });

  it('every reason reads as a sentence starting with a capital, and only ok is ok', () => {
    for (const reason of [
      'ok',
      'online-only-waiver',
      'expired',
      'expires-too-soon',
      'no-adult-cpr',
      'no-aed',
      'online-only-not-accepted',
      'missing',
    ] as const) {
      const words = cprAedWords(reason, storedCard(), '2026-11-21');
      expect(words.text[0], reason).toMatch(/[A-Z]/);
      expect(words.text).not.toMatch(/reference date|adult cpr/);
      expect(words.tone === 'ok', reason).toBe(reason === 'ok');
    }
    expect(cprAedWords('missing', undefined, '2026-11-21').text).toBe('None on file');
  });

  it('the dashboard evaluation of an online-only card carries the same words and tone', () => {
    const e = present({ cards: [card({ handsOn: false })], cardRecord: storedCard({ handsOn: false }) });
    expect(e.cprAedText).toMatch(/^Online only/);
    expect(e.cprAedTone).toBe('warn');
  });
});

describe('"ready" and what it hides', () => {
  it('says requirements are met, in words that fit an expiration years away', () => {
    const e = present({ credential: { expires: '2028-06-30' }, courses: [course({ completed: '2026-08-01' })], asOf: '2026-11-21' });
    expect(e.verdict.status).toBe('ready');
    expect(e.statusText).toBe('Requirements met — you can apply any time until 30 Jun 2028');
    expect(e.statusText).not.toMatch(/Ready to submit/);
  });

  it('says when to apply for the standard fee when the expiration is near', () => {
    const e = present({ credential: { expires: '2027-01-31' }, asOf: '2026-11-21' });
    expect(e.statusText).toBe('Requirements met — apply by 31 Jan 2027 for the standard fee');
  });

  it('an open audit is a blocker-level finding with its due date, and the status is not shown as all clear', () => {
    const e = present({ credential: { auditNoticeReceived: '2026-11-10' } });
    expect(e.blockers[0]).toMatchObject({ code: 'audit-open', title: 'Audit open: documents due 10 Dec 2026' });
    expect(e.warnings.map((w) => w.code)).not.toContain('audit-open');
    expect(e.statusTone).toBe('warn');
    expect(e.auditDaysLeft).toBe(19);
    expect(e.nextAction).toEqual({ kind: 'export-packet', label: 'Export audit packet' });
  });

  it('missing certificates keep "ready" from looking all clear, and point at attaching them', () => {
    const e = present({ courses: [course({ hasCertificate: false })] });
    expect(e.verdict.status).toBe('ready');
    expect(e.statusTone).toBe('warn');
    expect(e.warnings[0]).toMatchObject({
      code: 'no-certificate',
      rule: null,
      title: 'A counted course has no certificate attached: an audit risk',
    });
    expect(e.nextAction?.kind).toBe('attach-certificates');
  });

  it('many courses without certificates and pending petitions are one line each, counted as English writes numbers', () => {
    const e = present({
      courses: [
        ...Array.from({ length: 1200 }, (_, i) => course({ id: `bare${i}`, title: `Course ${i}`, ceus: 0.1, hasCertificate: false })),
        ...Array.from({ length: 2 }, (_, i) => course({ id: `asked${i}`, approval: 'petition', petitionStatus: 'pending' })),
      ],
      cards: [card({ hasCertificate: false })],
    });
    expect(e.warnings.map((w) => [w.code, w.title, w.about])).toEqual([
      ['no-certificate', '1,200 counted courses have no certificate attached: an audit risk', { first: 'bare0', count: 1200 }],
      ['no-certificate:k1', 'Your CPR/AED card has no certificate attached: an audit risk', { first: 'k1', count: 1 }],
      ['petition-pending', '2 petitions pending: their CEUs count once approved', { first: 'asked0', count: 2 }],
    ]);
    expect(e.verdict).not.toHaveProperty('uncertified');
    expect(e.verdict).not.toHaveProperty('courses');
  });
});

describe('the next useful action', () => {
  it('is adding a course for a trainer with none, never exporting an empty packet', () => {
    const e = present({ courses: [] });
    expect(e.nextAction).toEqual({ kind: 'add-course', label: 'Add a course' });
  });
  it('is adding a card when only the CPR/AED card stands in the way', () => {
    expect(present({ cards: [] }).nextAction?.kind).toBe('add-card');
  });
  it('is recording the application once everything is in place', () => {
    expect(present({}).nextAction).toEqual({ kind: 'record-application', label: 'Record your application' });
  });
});

describe('one number format', () => {
  it('prints tenth-of-an-hour units with a decimal and hour units as whole numbers, with their unit', () => {
    const nasm = ruleSet('nasm-cpt');
    const acsm = ruleSet('acsm-cpt');
    expect(formatProgress(2, 2, nasm)).toBe('2.0 / 2.0 CEUs');
    expect(formatProgress(0.075, 1.9, nasm)).toBe('0.075 / 1.9 CEUs');
    expect(formatProgress(9, 45, acsm)).toBe('9 / 45 CECs');
    expect(formatAmount(1, nasm)).toBe('1.0 CEU');
  });

  it('groups the digits of large figures and fees as English does, keeping exact thousandths', () => {
    const nasm = ruleSet('nasm-cpt');
    const acsm = ruleSet('acsm-cpt');
    expect(formatProgress(7098.05, 1.9, nasm)).toBe('7,098.05 / 1.9 CEUs');
    expect(formatAmount(1234, nasm)).toBe('1,234.0 CEUs');
    expect(formatAmount(1234.125, acsm)).toBe('1,234.125 CECs');
    expect(formatFee(25)).toBe('$25');
    expect(formatFee(250000)).toBe('$250,000');
    const e = present({
      courses: Array.from({ length: 1000 }, (_, i) => course({ id: `p${i}`, approval: 'petition', petitionStatus: 'approved' })),
    });
    expect(e.notes).toContain('Petition fees for this cycle: $25,000.');
  });

  it('the meters and the shortfall finding say the same figures in the same way', () => {
    const acsm = ruleSet('acsm-cpt');
    const e = present({ ruleSet: acsm, credential: { expires: '2027-12-31' }, courses: [course({ hours: 9 })] });
    expect(e.meters[0]?.text).toBe('9 / 45 CECs');
    const shortfall = e.blockers.find((b) => b.code === 'courses-short');
    expect(shortfall?.title).toBe('36 CECs of courses still needed (9 / 45 CECs)');
  });
});

describe('a shortfall is never passed over', () => {
  it('a course whose petition is not filed yet and would cover the shortfall is an action, linked to the course', () => {
    const e = present({
      courses: [course({ ceus: 1.3 }), course({ id: 'unfiled', ceus: 0.8, approval: 'petition', petitionStatus: null })],
    });
    const codes = e.blockers.map((b) => b.code);
    expect(codes.indexOf('petition-to-file')).toBe(codes.indexOf('courses-short') + 1);
    expect(e.blockers.find((b) => b.code === 'petition-to-file')).toMatchObject({
      title: 'Filing the petition of a course not yet petitioned would cover the 0.6 CEUs still needed',
      action: 'Petition NASM, then record the petition as pending on the course: it counts once approved.',
      about: { first: 'unfiled', count: 1 },
    });
  });

  it('petitions that would cover part of it say how much; none is shown when nothing is short', () => {
    const part = present({
      courses: [
        course({ ceus: 1.0 }),
        course({ id: 'u1', ceus: 0.2, approval: 'petition', petitionStatus: null }),
        course({ id: 'u2', ceus: 0.1, approval: 'petition', petitionStatus: null }),
      ],
    });
    expect(part.blockers.find((b) => b.code === 'petition-to-file')).toMatchObject({
      title: 'Filing the petitions of 2 courses not yet petitioned would cover 0.3 CEUs of the 0.9 CEUs still needed',
      about: { first: 'u1', count: 2 },
    });
    const met = present({ courses: [course({ ceus: 1.9 }), course({ ceus: 0.8, approval: 'petition', petitionStatus: null })] });
    expect(met.blockers.map((b) => b.code)).not.toContain('petition-to-file');
    const filed = present({ courses: [course({ ceus: 1.3 }), course({ ceus: 0.8, approval: 'petition', petitionStatus: 'pending' })] });
    expect(filed.blockers.map((b) => b.code)).not.toContain('petition-to-file');
  });

  it('ACE: the petition goes to ACE', () => {
    const e = present({
      ruleSet: ruleSet('ace-cpt'),
      credential: { expires: '2027-12-31' },
      courses: [
        course({ ceus: 1.0, provider: 'ACE', approval: 'approved-provider' }),
        course({ ceus: 1.5, approval: 'petition', petitionStatus: null }),
      ],
    });
    expect(e.blockers.find((b) => b.code === 'petition-to-file')?.action).toMatch(/^Petition ACE,/);
  });

  it('recording an application while short is asked once more, naming the shortfall and the pending petitions', () => {
    const short = present({
      courses: [course({ ceus: 1.3 }), course({ ceus: 0.4, approval: 'petition', petitionStatus: 'pending' })],
    });
    expect(short.applicationShortfallText).toBe(
      'You have 1.4 / 2.0 CEUs: 0.6 CEUs short of what NASM-CPT requires. 1 petition is still pending (0.4 CEUs), not counted until approved. Record the application only if you have sent it as it is.',
    );
    expect(present({ courses: [course({ ceus: 1.9 })] }).applicationShortfallText).toBeNull();
  });
});

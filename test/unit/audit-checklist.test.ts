// The Audit screen's "What the packet will contain": never an all-clear while the packet would show
// a shortfall, a requirement not met or petitions still pending.
import { describe, expect, it } from 'vitest';
import { auditChecklist } from '../../main/core/audit-checklist';
import type { CprAedCard } from '../../main/core/domain/records';
import { card, course, engineVerdict, ruleSet, type EvaluateOptions } from '../helpers/rules';

const cardRecord: CprAedCard = {
  id: 'k1',
  personId: 'p1',
  provider: 'American Red Cross',
  completed: '2025-06-01',
  expires: '2027-06-01',
  adultCpr: true,
  aed: true,
  handsOn: true,
};

function checklist(options: EvaluateOptions) {
  const rules = options.ruleSet ?? ruleSet('nasm-cpt');
  return auditChecklist({
    credentialId: 'c1',
    ruleSet: rules,
    asOf: options.asOf ?? '2026-11-21',
    verdict: engineVerdict({ ...options, ruleSet: rules }),
    documentsSent: null,
    courses: new Map(),
    cards: new Map([['k1', cardRecord]]),
    // Every course and the card have their certificate: only the requirement can be short.
    certificates: () => 1,
  });
}

describe('what the packet will contain', () => {
  it('a complete NASM credential is the only case that reads as an all-clear', () => {
    const c = checklist({ courses: [course({ ceus: 1.9 })] });
    expect(c.summaryText).toBe('Everything an auditor needs is here.');
    expect(c.summaryTone).toBe('ok');
    expect(c.items[1]).toEqual({ label: 'CEUs earned: 2.0 / 2.0 CEUs', state: 'ok', detail: 'The requirement is met.' });
    expect(c.missing).toBe(0);
  });

  it('a credential short of CEUs says the figures and the shortfall the packet will show', () => {
    const c = checklist({ courses: [course({ ceus: 1.3 })] });
    expect(c.summaryText).toBe('1.4 / 2.0 CEUs: the packet will show a shortfall of 0.6 CEUs.');
    expect(c.summaryText).not.toMatch(/Everything an auditor needs/);
    expect(c.summaryTone).toBe('bad');
    expect(c.items[1]).toEqual({
      label: 'CEUs earned: 1.4 / 2.0 CEUs',
      state: 'missing',
      detail: "0.6 CEUs short: the packet's cover lists what is not yet met.",
    });
    expect(c.missing).toBe(1);
  });

  it('pending petitions are said even when the rest is complete, with what they would add', () => {
    const c = checklist({
      courses: [course({ ceus: 1.9 }), course({ ceus: 0.5, approval: 'petition', petitionStatus: 'pending' })],
    });
    expect(c.summaryText).toBe('1 petition is pending: 0.5 CEUs not counted until approved.');
    expect(c.summaryTone).toBe('warn');
  });

  it('short, petitions pending and a missing file: each said once, the shortfall not counted as a missing file', () => {
    const rules = ruleSet('nasm-cpt');
    const c = auditChecklist({
      credentialId: 'c1',
      ruleSet: rules,
      asOf: '2026-11-21',
      verdict: engineVerdict({
        courses: [
          course({ ceus: 1.0 }),
          course({ ceus: 0.4, approval: 'petition', petitionStatus: 'pending' }),
          course({ ceus: 0.2, approval: 'petition', petitionStatus: 'pending' }),
        ],
      }),
      documentsSent: null,
      courses: new Map(),
      cards: new Map([['k1', cardRecord]]),
      certificates: () => 0,
    });
    expect(c.summaryText).toBe(
      '1.1 / 2.0 CEUs: the packet will show a shortfall of 0.9 CEUs. 2 petitions are pending: 0.6 CEUs not counted until approved. 1 item is missing.',
    );
  });

  it('an NSCA credential with its CEUs from one category only is not an all-clear either', () => {
    const c = checklist({
      ruleSet: ruleSet('nsca-cscs'),
      asOf: '2026-06-01',
      credential: { expires: '2026-12-31', certified: '2015-05-01' },
      courses: [course({ ceus: 3.0, category: 'a', provider: 'NSCA' }), course({ ceus: 3.0, category: 'a', provider: 'NSCA' })],
      cards: [card()],
    });
    expect(c.summaryText).toBe(
      '5.5 / 6.0 CEUs: the packet will show a shortfall of 0.5 CEUs. The packet will show as not yet met: CEUs must come from at least 2 categories; counted so far: Category A only.',
    );
    expect(c.summaryTone).toBe('bad');
    expect(c.items[1]?.state).toBe('missing');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CredentialEvaluation, RuleSetDetails } from '../../preload/contract';
import { freshContext } from '../helpers/context';
import { seed, type Seeded } from '../helpers/seed';
import { valueNow as value } from '../helpers/results';

let context: ReturnType<typeof freshContext>;
let seeded: Seeded;
beforeEach(() => {
  context = freshContext();
  seeded = seed(context);
});
afterEach(() => context.dispose());

describe('evaluation over the contract', () => {
  it('a short credential names its shortfall before an application, and a petition not filed yet is an action', () => {
    value(
      context.dispatch('updateCourse', {
        id: seeded.courseId,
        title: 'Corrective Exercise Specialist',
        provider: 'NASM',
        approval: 'nasm',
        completed: '2026-02-01',
        ceus: 1.3,
        credentialIds: [seeded.credentialId],
      }),
    );
    const unfiled = value<{ id: string }>(
      context.dispatch('createCourse', {
        personId: seeded.personId,
        title: 'Kettlebell Workshop',
        provider: 'Local Gym',
        approval: 'petition',
        completed: '2026-05-01',
        ceus: 0.8,
        credentialIds: [seeded.credentialId],
      }),
    );
    for (const evaluation of [
      value<CredentialEvaluation>(context.dispatch('evaluateCredential', { credentialId: seeded.credentialId, asOf: '2026-11-21' })),
      ...value<CredentialEvaluation[]>(context.dispatch('evaluateEveryone', { asOf: '2026-11-21' })),
    ]) {
      expect(evaluation.blockers.find((b) => b.code === 'petition-to-file')).toMatchObject({
        title: 'Filing the petition of a course not yet petitioned would cover the 0.6 CEUs still needed',
        about: { first: unfiled.id, count: 1 },
      });
      expect(evaluation.applicationShortfallText).toMatch(/^You have 1\.4 \/ 2\.0 CEUs: 0\.6 CEUs short/);
    }
  });

  it('evaluates one stored credential, with plain words and rule ids for the screens', () => {
    const evaluation = value<CredentialEvaluation>(
      context.dispatch('evaluateCredential', { credentialId: seeded.credentialId, asOf: '2026-11-21' }),
    );
    expect(evaluation.person.name).toBe('Dana Rivera');
    expect(evaluation.ruleSet).toMatchObject({ id: 'nasm-cpt', credential: 'NASM-CPT', unit: { plural: 'CEUs' } });
    expect(evaluation.verdict).toMatchObject({
      status: 'ready',
      canSubmit: true,
      feeTier: 'standard',
      ceus: { courses: 1.9, cprAed: 0.1, total: 2 },
    });
    // Met, with the expiration months away: no call to act now, the last standard-fee day instead.
    expect(evaluation.statusText).toBe('Requirements met — you can apply any time until 31 Mar 2027');
    expect(evaluation.statusTone).toBe('warn');
    expect(evaluation.cprAedText).toBe('Current until 1 Jun 2027: Adult CPR and AED, hands-on');
    expect(evaluation.meters.map((m) => m.text)).toEqual(['1.9 / 1.9 CEUs', '0.1 / 0.1 CEUs', '2.0 / 2.0 CEUs']);
    // The course has a certificate (seeded), the card does not.
    expect(evaluation.warnings.map((w) => w.code)).toEqual([`no-certificate:${seeded.cardId}`]);
    // Evidence is no counting rule: no rule id is pinned on a missing certificate.
    expect(evaluation.warnings[0]).toMatchObject({ rule: null, action: 'Attach the certificate (PDF or photo).' });
  });

  it('follows the data folder: a rule-set override and a removed certificate change the verdict', () => {
    context.store.ruleSetOverrides.set('nasm-cpt', { cprAedWaiver: { from: '2020-03-01', until: '2021-08-31' } });
    void context.dispatch('updateCprAedCard', {
      id: seeded.cardId,
      provider: 'Online Co',
      completed: '2025-06-01',
      expires: '2027-06-01',
      adultCpr: true,
      aed: true,
      handsOn: false,
    });
    void context.dispatch('removeAttachment', { id: seeded.attachmentId });
    const evaluation = value<CredentialEvaluation>(
      context.dispatch('evaluateCredential', { credentialId: seeded.credentialId, asOf: '2026-11-21' }),
    );
    expect(evaluation.verdict.blockers).toEqual(['cpr-aed']);
    expect(evaluation.blockers[0]?.title).toBe('An online-only CPR/AED course is not accepted without a hands-on skills check');
    expect(evaluation.warnings).toContainEqual(
      expect.objectContaining({ code: 'no-certificate', about: { first: seeded.courseId, count: 1 } }),
    );
  });

  it('groups the same finding about many courses into one line about them all', async () => {
    const ids: string[] = [seeded.courseId];
    for (const title of ['Course B', 'Course C']) {
      const created = value<{ id: string }>(
        context.dispatch('createCourse', {
          personId: seeded.personId,
          title,
          provider: 'NASM',
          approval: 'nasm',
          completed: '2026-03-01',
          ceus: 0.1,
          credentialIds: [seeded.credentialId],
        }),
      );
      ids.push(created.id);
    }
    context.dispatch('removeAttachment', { id: seeded.attachmentId });
    const evaluation = value<CredentialEvaluation>(
      context.dispatch('evaluateCredential', { credentialId: seeded.credentialId, asOf: '2026-11-21' }),
    );
    const courses = evaluation.warnings.find((w) => w.code === 'no-certificate');
    expect(courses).toMatchObject({ title: '3 counted courses have no certificate attached: an audit risk', rule: null });
    // The first course in record order, and all three counted.
    expect(courses?.about).toEqual({ first: seeded.courseId, count: 3 });
    expect(evaluation.warnings.find((w) => w.code === `no-certificate:${seeded.cardId}`)).toMatchObject({
      about: { first: seeded.cardId, count: 1 },
    });
  });

  it('evaluates everyone at once for the staff view, active people only unless asked', () => {
    const other = value<{ id: string }>(context.dispatch('createPerson', { name: 'Sam Lee' }));
    void context.dispatch('createCredential', { personId: other.id, ruleSet: 'ace-cpt', expires: '2026-06-30' });
    const all = value<CredentialEvaluation[]>(context.dispatch('evaluateEveryone', { asOf: '2026-11-21' }));
    expect(all.map((e) => [e.person.name, e.ruleSet.id, e.verdict.status])).toEqual([
      ['Dana Rivera', 'nasm-cpt', 'ready'],
      ['Sam Lee', 'ace-cpt', 'expired-late'],
    ]);
    void context.dispatch('updatePerson', { id: other.id, name: 'Sam Lee', active: false });
    expect(value<CredentialEvaluation[]>(context.dispatch('evaluateEveryone', { asOf: '2026-11-21' }))).toHaveLength(1);
    expect(value<CredentialEvaluation[]>(context.dispatch('evaluateEveryone', { asOf: '2026-11-21', includeInactive: true }))).toHaveLength(
      2,
    );
  });

  it("serves a rule set with its sources, including the data folder's override", () => {
    context.store.ruleSetOverrides.set('nasm-cpt', { cprAedWaiver: { from: '2020-03-01', until: '2022-06-30' } });
    const ruleSet = value<RuleSetDetails>(context.dispatch('getRuleSet', { id: 'nasm-cpt' }));
    expect(ruleSet.cprAedWaiver).toEqual({ from: '2020-03-01', until: '2022-06-30' });
    const audit = ruleSet.figures.find((f) => f.key === 'audit.responseDays');
    expect(audit).toMatchObject({
      rule: 'R10',
      label: 'Days to send documents after an audit notice',
      value: '30',
      source: { title: 'NASM — Certified Personal Trainer Recertification Process', url: 'https://www.nasm.org/recertification/cpt' },
    });
    // What a person reads cites sources they can open, never a file of this repository.
    expect(JSON.stringify(ruleSet)).not.toMatch(/shared\/|RULES\.md|FORMAT\.md/);
  });
});

describe('caches that notice other writers', () => {
  it('a write by another connection to the same data folder (the CLI, a second window) is seen at once', async () => {
    const { openAppContext } = await import('../../main/app-context');
    const { resourcesDir } = await import('../helpers/context');
    const other = openAppContext({ dataDir: context.dataDir, resourcesDir, logError: () => undefined });
    try {
      const evaluate = () =>
        value<CredentialEvaluation>(context.dispatch('evaluateCredential', { credentialId: seeded.credentialId, asOf: '2026-11-21' }));
      const page = () => value<{ total: number }>(context.dispatch('queryCourseLog', { personId: seeded.personId, offset: 0, limit: 10 }));
      expect(evaluate().verdict.ceus.courses).toBe(1.9);
      expect(page().total).toBe(1);
      value(
        other.dispatch('createCourse', {
          personId: seeded.personId,
          title: 'Imported elsewhere',
          provider: 'NASM',
          approval: 'nasm',
          completed: '2026-03-01',
          ceus: 0.5,
          credentialIds: [seeded.credentialId],
        }),
      );
      // No write went through this context: only SQLite's data_version tells it the data changed.
      expect(evaluate().verdict.ceus.courses).toBe(2.4);
      expect(page().total).toBe(2);
    } finally {
      other.close();
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditChecklist, CourseLogPage, Credential, CredentialEvaluation } from '../../preload/contract';
import { freshContext } from '../helpers/context';
import { seed, tinyPdf, type Seeded } from '../helpers/seed';
import { value } from '../helpers/results';

let context: ReturnType<typeof freshContext>;
let s: Seeded;
beforeEach(() => {
  context = freshContext();
  s = seed(context);
});
afterEach(() => context.dispose());

async function addCourse(title: string, completed: string, extra: Record<string, unknown> = {}) {
  return value<{ id: string }>(
    context.dispatch('createCourse', {
      personId: s.personId,
      title,
      provider: 'Acme',
      approval: 'approved-provider',
      completed,
      ceus: 0.2,
      credentialIds: [s.credentialId],
      ...extra,
    }),
  );
}

describe('the course log', () => {
  it('sorts by date either way, courses of the same day in the order they were added', async () => {
    for (const title of ['Second day A', 'Second day B', 'Second day C']) await addCourse(title, '2026-05-02');
    await addCourse('First day', '2026-05-01');
    await addCourse('Third day', '2026-05-03');
    const titles = async (direction: 'asc' | 'desc') =>
      (
        await value<CourseLogPage>(
          context.dispatch('queryCourseLog', {
            personId: s.personId,
            offset: 0,
            limit: 10,
            asOf: '2026-11-21',
            search: 'day',
            sort: { key: 'completed', direction },
          }),
        )
      ).rows.map((r) => r.title);
    expect(await titles('desc')).toEqual(['Third day', 'Second day A', 'Second day B', 'Second day C', 'First day']);
    expect(await titles('asc')).toEqual(['First day', 'Second day A', 'Second day B', 'Second day C', 'Third day']);
  });

  it("pages, sorts, filters and searches, with each row's verdict and certificate count", async () => {
    await addCourse('Balance training', '2026-05-01');
    await addCourse('Old course', '2024-02-01');
    await addCourse('Petitioned workshop', '2026-06-01', { approval: 'petition', petition: { status: 'pending', filed: '2026-06-02' } });
    const query = (extra: Record<string, unknown>) =>
      value<CourseLogPage>(
        context.dispatch('queryCourseLog', { personId: s.personId, offset: 0, limit: 10, asOf: '2026-11-21', ...extra }),
      );

    const byDate = await query({ sort: { key: 'completed', direction: 'desc' } });
    expect(byDate.total).toBe(4);
    expect(byDate.rows.map((r) => r.title)).toEqual([
      'Petitioned workshop',
      'Balance training',
      'Corrective Exercise Specialist',
      'Old course',
    ]);
    const ces = byDate.rows[2];
    expect(ces?.certificates).toBe(1);
    expect(ces?.verdicts).toEqual([
      {
        credentialId: s.credentialId,
        credential: 'NASM-CPT',
        counted: true,
        reason: 'counted',
        reasonText: 'Counted',
        amount: 1.9,
        text: 'Counted: 1.9 CEUs',
      },
    ]);
    expect(ces?.amountText).toBe('1.9 CEUs');
    expect(byDate.rows[0]?.verdicts[0]).toMatchObject({ counted: false, reason: 'petition-pending', reasonText: 'Petition pending' });
    expect(byDate.rows[3]?.verdicts[0]).toMatchObject({ reason: 'before-cycle' });

    expect((await query({ cycle: 'current' })).rows.map((r) => r.title)).not.toContain('Old course');
    const petitions = await query({ approval: 'petition' });
    expect(petitions.rows.map((r) => r.title)).toEqual(['Petitioned workshop']);
    expect([byDate.countText, petitions.countText]).toEqual(['4 of 4 courses', '1 of 4 courses']);
    expect((await query({ search: 'BALANCE' })).rows.map((r) => r.title)).toEqual(['Balance training']);
    expect((await query({ sort: { key: 'amount', direction: 'desc' } })).rows[0]?.title).toBe('Corrective Exercise Specialist');
    expect((await query({ sort: { key: 'status', direction: 'asc' } })).rows[0]?.verdicts[0]?.counted).toBe(true);
    const page = await value<CourseLogPage>(
      context.dispatch('queryCourseLog', { personId: s.personId, offset: 2, limit: 1, sort: { key: 'title', direction: 'asc' } }),
    );
    expect(page).toMatchObject({ total: 4, all: 4, offset: 2 });
    expect(page.rows.map((r) => r.title)).toEqual(['Old course']);
  });

  it('shows a change at once (the cache follows every write)', async () => {
    const before = await value<CourseLogPage>(context.dispatch('queryCourseLog', { personId: s.personId, offset: 0, limit: 10 }));
    expect(before).toMatchObject({ total: 1, countText: '1 of 1 course' });
    await addCourse('New course', '2026-07-01');
    const after = await value<CourseLogPage>(context.dispatch('queryCourseLog', { personId: s.personId, offset: 0, limit: 10 }));
    expect(after.total).toBe(2);
  });
});

describe('audit mode', () => {
  it('lists what the packet will hold and what is missing, with days left until the due date', async () => {
    const { personId: _personId, ...credential } = await value<Credential>(context.dispatch('getCredential', { id: s.credentialId }));
    await value(context.dispatch('updateCredential', { ...credential, auditNoticeReceived: '2026-11-10' }));
    const checklist = await value<AuditChecklist>(
      context.dispatch('getAuditChecklist', { credentialId: s.credentialId, asOf: '2026-11-21' }),
    );
    expect(checklist).toMatchObject({ auditDue: '2026-12-10', daysLeft: 19, documentsSent: null, missing: 1 });
    expect(checklist.items.find((i) => i.label.startsWith('Corrective Exercise Specialist'))).toMatchObject({ state: 'ok' });
    expect(checklist.items.find((i) => i.label.startsWith('CPR/AED card'))).toMatchObject({
      state: 'missing',
      detail: 'Attach a photo of the front and back of the card.',
    });
    await value(
      context.dispatch('addAttachment', {
        owner: { kind: 'cpr-aed-card', id: s.cardId },
        fileName: 'card.pdf',
        contentBase64: tinyPdf.toString('base64'),
      }),
    );
    expect(
      (await value<AuditChecklist>(context.dispatch('getAuditChecklist', { credentialId: s.credentialId, asOf: '2026-11-21' }))).missing,
    ).toBe(0);
    const evaluation = await value<CredentialEvaluation>(
      context.dispatch('evaluateCredential', { credentialId: s.credentialId, asOf: '2026-11-21' }),
    );
    expect(evaluation.auditDaysLeft).toBe(19);
  });
});

describe('rule-set overrides from Settings', () => {
  it('setting the waiver end makes an online-only card unacceptable; clearing it restores the default', async () => {
    await value(
      context.dispatch('updateCprAedCard', {
        id: s.cardId,
        provider: 'Online Co',
        completed: '2025-06-01',
        expires: '2027-06-01',
        adultCpr: true,
        aed: true,
        handsOn: false,
      }),
    );
    const evaluate = async () =>
      (await value<CredentialEvaluation>(context.dispatch('evaluateCredential', { credentialId: s.credentialId, asOf: '2026-11-21' })))
        .verdict.cprAed.reason;
    expect(await evaluate()).toBe('online-only-waiver');
    const updated = await value<{ cprAedWaiver: unknown }>(
      context.dispatch('updateRuleSetOverride', { ruleSet: 'nasm-cpt', cprAedWaiver: { from: '2020-03-01', until: '2021-08-31' } }),
    );
    expect(updated.cprAedWaiver).toEqual({ from: '2020-03-01', until: '2021-08-31' });
    expect(await evaluate()).toBe('online-only-not-accepted');
    await value(context.dispatch('updateRuleSetOverride', { ruleSet: 'nasm-cpt', cprAedWaiver: null }));
    expect(await evaluate()).toBe('online-only-waiver');
    expect(
      await context.dispatch('updateRuleSetOverride', { ruleSet: 'nasm-cpt', cprAedWaiver: { from: '2021-01-01', until: '2020-01-01' } }),
    ).toMatchObject({
      ok: false,
      error: { field: 'cprAedWaiver.until' },
    });
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays } from '../../main/core/dates';
import { effectiveRuleSets, evaluatePerson, type StoredVerdict } from '../../main/core/evaluation';
import { evaluateWindowed, type Standing } from '../../main/core/standing/windowed';
import { standingReads } from '../../main/core/store/evaluation-reads';
import type { CourseVerdicts, VerdictSummary } from '../../main/core/domain/verdict';
import { freshContext } from '../helpers/context';
import { generatedTrainer } from '../helpers/generated-trainer';
import { valueNow } from '../helpers/results';

// The dashboard reads only the courses of the counting windows (and counts the petitions outside in
// SQL); everything else reads all of a person's courses. On generated records with credentials of
// different cycles, both must give the same verdicts, less the courses outside the windows.

let context: ReturnType<typeof freshContext>;
let personId = '';
const asOfDates = Array.from({ length: 25 }, (_, i) => addDays('2023-01-15', i * 73));

let reads: ReturnType<typeof standingReads>;
beforeAll(() => {
  context = freshContext();
  reads = standingReads(context.store.db);
  personId = generatedTrainer(context, 300, asOfDates);
});
afterAll(() => context.dispose());

/** Equal verdicts but for the courses left unread; each course read has its verdict of the whole. */
function expectSameVerdicts(cycles: Standing, full: StoredVerdict[]) {
  const withoutCourses = ({ courses: _courses, ...rest }: VerdictSummary & { courses?: unknown }) => rest;
  expect(cycles.verdicts.map(({ verdict, ...stored }) => ({ ...stored, verdict: withoutCourses(verdict) }))).toEqual(
    full.map(({ verdict, ...stored }) => ({ ...stored, verdict: withoutCourses(verdict) })),
  );
  for (const { credential, verdict } of full) {
    const listed = cycles.listed.get(credential.id);
    expect(listed).toBeDefined();
    const at = new Map(verdict.courses.ids.map((id, i) => [id, i]));
    listed?.ids.forEach((id, k) => {
      const i = at.get(id) ?? -1;
      expect([id, listed.reasons[k], listed.units[k]]).toEqual([id, verdict.courses.reasons[i], verdict.courses.units[i]]);
    });
  }
}

describe('the windowed evaluation', () => {
  it.each(asOfDates)('as of %s, gives the verdicts of evaluating every course', (asOf) => {
    const rules = effectiveRuleSets(context.ruleSets, context.store);
    const full = evaluatePerson(context.store, rules, personId, asOf).verdicts;
    const cycles = evaluateWindowed(context.store, reads, rules, personId, asOf);
    expect(cycles.verdicts).toHaveLength(3);
    expectSameVerdicts(cycles, full);
  });

  it('reads fewer courses than there are, and still counts the fees of the petitions it did not read', () => {
    const rules = effectiveRuleSets(context.ruleSets, context.store);
    const asOf = '2026-11-24';
    const full = evaluatePerson(context.store, rules, personId, asOf).verdicts;
    const cycles = evaluateWindowed(context.store, reads, rules, personId, asOf).verdicts;
    const read = (cycles[0]?.verdict as { courses?: CourseVerdicts }).courses?.ids.length ?? 0;
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(full[0]?.verdict.courses.ids.length ?? 0);
    // Petitions of earlier years are in every credential's fees, read or not.
    expect(full.some((v) => (v.verdict.petitionFees ?? 0) > 0)).toBe(true);
    expect(cycles.map((v) => v.verdict.petitionFees)).toEqual(full.map((v) => v.verdict.petitionFees));
  });

  it('for a trainer whose every course counts toward all their credentials, agrees with the plain evaluation', () => {
    const call = <T>(method: Parameters<typeof context.dispatch>[0], input: unknown) =>
      valueNow<T>(context.dispatch(method, input as never) as never);
    const person = call<{ id: string }>('createPerson', { name: 'One Card Trainer' });
    const credentials = [
      call<{ id: string }>('createCredential', { personId: person.id, ruleSet: 'nasm-cpt', number: 'N-2', expires: '2027-03-31' }).id,
      call<{ id: string }>('createCredential', { personId: person.id, ruleSet: 'ace-cpt', number: 'A-2', expires: '2026-06-30' }).id,
    ];
    for (let i = 0; i < 120; i++) {
      call('createCourse', {
        personId: person.id,
        title: `Course ${i % 40}`,
        provider: 'Iron Guild',
        approval: i % 4 === 0 ? 'petition' : 'approved-provider',
        ...(i % 4 === 0 ? { petition: { status: (['pending', 'approved', 'denied'] as const)[i % 3] } } : {}),
        completed: addDays('2019-01-01', i * 23),
        ceus: 0.5,
        credentialIds: credentials,
      });
    }
    const rules = effectiveRuleSets(context.ruleSets, context.store);
    for (const asOf of asOfDates) {
      const full = evaluatePerson(context.store, rules, person.id, asOf).verdicts;
      const cycles = evaluateWindowed(context.store, reads, rules, person.id, asOf);
      expectSameVerdicts(cycles, full);
    }
  });

  it('for a trainer whose rule sets do not compare titles (NASM, ACSM), reads none and agrees all the same', () => {
    const trainer = generatedTrainer(context, 300, asOfDates, [
      { personId: '', ruleSet: 'nasm-cpt', number: 'NASM-3', expires: '2027-03-31' },
      { personId: '', ruleSet: 'acsm-cpt', number: 'ACSM-3', expires: '2025-12-31', applicationSubmitted: '2025-11-02' },
    ]);
    const rules = effectiveRuleSets(context.ruleSets, context.store);
    const read = vi.spyOn(reads, 'personCourseFactsBetween');
    try {
      for (const asOf of asOfDates) {
        const full = evaluatePerson(context.store, rules, trainer, asOf).verdicts;
        expectSameVerdicts(evaluateWindowed(context.store, reads, rules, trainer, asOf), full);
      }
      expect(read.mock.calls.length).toBeGreaterThan(0);
      expect(read.mock.calls.every(([, , , options]) => !options.withTitles)).toBe(true);
    } finally {
      read.mockRestore();
    }
    // And the trainer with an ACE credential had theirs read.
    const aceRead = vi.spyOn(reads, 'personCourseFactsBetween');
    try {
      evaluateWindowed(context.store, reads, rules, personId, '2026-11-24');
      expect(aceRead.mock.calls.map(([, , , options]) => options.withTitles)).toEqual([true]);
    } finally {
      aceRead.mockRestore();
    }
  });

  it('a person without credentials has no verdicts and reads no course', () => {
    const other = valueNow<{ id: string }>(context.dispatch('createPerson', { name: 'No Credentials' }) as never);
    const rules = effectiveRuleSets(context.ruleSets, context.store);
    expect(evaluateWindowed(context.store, reads, rules, other.id, '2026-11-24').verdicts).toEqual([]);
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf, MethodName } from '../../preload/contract';
import { addDays } from '../../main/core/dates';
import { credentialFacts, effectiveRuleSets, evaluatePerson, evaluatePersonCycles } from '../../main/core/evaluation';
import { countingWindow } from '../../main/core/rules/engine';
import { freshContext } from '../helpers/context';
import { valueNow } from '../helpers/results';
import { tinyPdf } from '../helpers/seed';

// The dashboard reads only the courses of the counting windows (and counts the petitions outside in
// SQL); everything else reads all of a person's courses. On generated records with credentials of
// different cycles, both must give the same verdicts, less the per-course entries.

let context: ReturnType<typeof freshContext>;
const asOfDates = Array.from({ length: 25 }, (_, i) => addDays('2023-01-15', i * 73));
let personId = '';

beforeAll(() => {
  context = freshContext();
  const call = <M extends MethodName>(method: M, input: InputOf<M>) => {
    const result = context.dispatch(method, input);
    if (result instanceof Promise) throw new Error(`${method} is asynchronous`);
    return valueNow<{ id: string }>(result);
  };
  personId = call('createPerson', { name: 'Generated Trainer' }).id;
  const credentials = [
    call('createCredential', { personId, ruleSet: 'nasm-cpt', number: 'NASM-1', expires: '2027-03-31' }).id,
    // An application recorded: its date, not the as-of date, ends the window.
    call('createCredential', { personId, ruleSet: 'ace-cpt', number: 'ACE-1', expires: '2026-06-30', applicationSubmitted: '2026-05-02' })
      .id,
    call('createCredential', { personId, ruleSet: 'acsm-cpt', number: 'ACSM-1', expires: '2025-12-31' }).id,
  ];
  call('createCprAedCard', {
    personId,
    provider: 'Red Cross',
    completed: '2025-06-01',
    expires: '2027-06-01',
    adultCpr: true,
    aed: true,
    handsOn: true,
  });
  const courses = fc.sample(
    fc.record({
      title: fc.constantFrom<string>('Core Strength', 'core strength!', 'Mobility', 'Nutrition Basics'),
      provider: fc.constantFrom('NASM', 'Iron Guild'),
      approval: fc.constantFrom('nasm', 'approved-provider', 'petition'),
      petition: fc.constantFrom(undefined, 'pending', 'approved', 'denied'),
      completed: fc.integer({ min: 0, max: 10 * 365 }).map((d) => addDays('2018-01-01', d)),
      ceus: fc.integer({ min: 1, max: 20 }).map((n) => n / 10),
      links: fc.subarray(credentials),
      certificate: fc.boolean(),
    }),
    { numRuns: 300, seed: 20261124 },
  );
  // And a petitioned course on each side of every window's edges, as of every date tested.
  const rules = effectiveRuleSets(context.ruleSets, context.store);
  const edges = new Set<string>();
  for (const credential of context.store.credentials.listByPerson(personId)) {
    const ruleSet = rules.get(credential.ruleSet);
    if (!ruleSet) throw new Error(`no rule set ${credential.ruleSet}`);
    for (const asOf of asOfDates) {
      const { from, to } = countingWindow(ruleSet, { asOf, credential: credentialFacts(credential) });
      for (const date of [addDays(from, -1), from, to, addDays(to, 1)]) edges.add(date);
    }
  }
  for (const completed of edges) {
    courses.push({
      title: `Edge ${completed}`,
      provider: 'Iron Guild',
      approval: 'petition',
      petition: 'approved',
      completed,
      ceus: 0.5,
      links: credentials,
      certificate: false,
    });
  }
  for (const c of courses) {
    const id = call('createActivity', {
      personId,
      title: c.title,
      provider: c.provider,
      approval: c.approval as 'nasm',
      completed: c.completed,
      ceus: c.ceus,
      credentialIds: c.links,
      ...(c.approval === 'petition' && c.petition ? { petition: { status: c.petition as 'pending' } } : {}),
    }).id;
    if (c.certificate) {
      call('addAttachment', { owner: { kind: 'activity', id }, fileName: 'c.pdf', contentBase64: tinyPdf.toString('base64') });
    }
  }
});
afterAll(() => context.dispose());

describe('evaluatePersonCycles', () => {
  it.each(asOfDates)('as of %s, gives the verdicts of evaluating every course', (asOf) => {
    const rules = effectiveRuleSets(context.ruleSets, context.store);
    const full = evaluatePerson(context.store, rules, personId, asOf).verdicts;
    const cycles = evaluatePersonCycles(context.store, rules, personId, asOf);
    expect(cycles.verdicts).toHaveLength(3);
    expect(cycles.verdicts.map(({ verdict, ...stored }) => ({ ...stored, verdict: { ...verdict, activities: [] } }))).toEqual(
      full.map(({ verdict, ...stored }) => ({ ...stored, verdict: { ...verdict, activities: [] } })),
    );
  });

  it('reads fewer courses than there are, and still counts the fees of the petitions it did not read', () => {
    const rules = effectiveRuleSets(context.ruleSets, context.store);
    const asOf = '2026-11-24';
    const full = evaluatePerson(context.store, rules, personId, asOf).verdicts;
    const cycles = evaluatePersonCycles(context.store, rules, personId, asOf).verdicts;
    const read = (cycles[0]?.verdict as { activities?: unknown[] }).activities?.length ?? 0;
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(full[0]?.verdict.activities.length ?? 0);
    // Petitions of earlier years are in every credential's fees, read or not.
    expect(full.some((v) => v.verdict.petitionFees > 0)).toBe(true);
    expect(cycles.map((v) => v.verdict.petitionFees)).toEqual(full.map((v) => v.verdict.petitionFees));
  });

  it('a person without credentials has no verdicts and reads no course', () => {
    const other = valueNow<{ id: string }>(context.dispatch('createPerson', { name: 'No Credentials' }) as never);
    const rules = effectiveRuleSets(context.ruleSets, context.store);
    expect(evaluatePersonCycles(context.store, rules, other.id, '2026-11-24').verdicts).toEqual([]);
  });
});

import fc from 'fast-check';
import type { InputOf, MethodName } from '../../preload/contract';
import type { AppContext } from '../../main/app-context';
import { addDays } from '../../main/core/dates';
import { credentialFacts, effectiveRuleSets } from '../../main/core/evaluation';
import { countingWindow } from '../../main/core/rules/engine';
import { valueNow } from './results';
import { tinyPdf } from './seed';

/** NASM, ACE (its application recorded: its date, not the as-of date, ends the window) and ACSM. */
const THREE_CYCLES: InputOf<'createCredential'>[] = [
  { personId: '', ruleSet: 'nasm-cpt', number: 'NASM-1', expires: '2027-03-31' },
  { personId: '', ruleSet: 'ace-cpt', number: 'ACE-1', expires: '2026-06-30', applicationSubmitted: '2026-05-02' },
  { personId: '', ruleSet: 'acsm-cpt', number: 'ACSM-1', expires: '2025-12-31' },
];

/**
 * A trainer with (by default) three credentials of different cycles (one with its application recorded), a card,
 * and `count` generated courses over ten years: few titles (repeated courses are common), random
 * approvals, petitions, links and certificates. Then a petitioned course on each side of every
 * counting window's edges as of each of `asOfDates`, so that an off-by-one edge shows.
 */
export function generatedTrainer(
  context: AppContext,
  count: number,
  asOfDates: readonly string[],
  credentialsOf: readonly InputOf<'createCredential'>[] = THREE_CYCLES,
): string {
  const call = <M extends MethodName>(method: M, input: InputOf<M>) => {
    const result = context.dispatch(method, input);
    if (result instanceof Promise) throw new Error(`${method} is asynchronous`);
    return valueNow<{ id: string }>(result);
  };
  const personId = call('createPerson', { name: 'Generated Trainer' }).id;
  const credentials = credentialsOf.map((c) => call('createCredential', { ...c, personId }).id);
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
    { numRuns: count, seed: 20261124 },
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
    const id = call('createCourse', {
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
      call('addAttachment', { owner: { kind: 'course', id }, fileName: 'c.pdf', contentBase64: tinyPdf.toString('base64') });
    }
  }
  return personId;
}

import type { CalendarDate } from '../dates';
import { evaluateCredential } from '../rules/engine';
import type { RuleSet, RuleSetOverride } from '../rules/ruleset-schema';
import { withOverride } from '../rules/rulesets';
import type { Verdict } from '../rules/types';
import { activitiesOf, activityFacts, cardFacts, credentialFacts } from './facts';
import type { RecordsFile } from './schema';

export interface EvaluationReport {
  asOf: CalendarDate;
  results: ({ person: string } & Verdict)[];
}

/** `recert evaluate`: every credential in file order (people, then their credentials). */
export function evaluateRecords(
  file: RecordsFile,
  ruleSets: readonly RuleSet[],
  overrides: Record<string, RuleSetOverride>,
  asOf: CalendarDate,
): EvaluationReport {
  const byId = new Map(ruleSets.map((r) => [r.id, withOverride(r, overrides[r.id])]));
  const results = file.people.flatMap((person) => {
    const cards = person.cprAed.map(cardFacts);
    return person.credentials.map((credential) => {
      const ruleSet = byId.get(credential.ruleSet);
      if (!ruleSet) throw new Error(`unknown rule set ${credential.ruleSet}`); // parse already refused this
      const verdict = evaluateCredential(ruleSet, {
        asOf,
        credential: credentialFacts(credential),
        activities: activitiesOf(person, credential.id).map(activityFacts),
        cards,
      });
      return { person: person.id, ...verdict };
    });
  });
  return { asOf, results };
}

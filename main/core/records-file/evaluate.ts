import type { CalendarDate } from '../dates';
import { evaluateLoaded } from '../evaluation';
import type { RuleSet, RuleSetOverride } from '../rules/ruleset-schema';
import { withOverride } from '../rules/rulesets';
import type { FileVerdict } from '../domain/verdict';
import { fileVerdict } from '../rules/verdict-format';
import { courseFromRecord, cardFromRecord, certificateCounts, credentialFromRecord } from './to-domain';
import type { RecordsFile } from './schema';

export interface EvaluationReport {
  asOf: CalendarDate;
  results: ({ person: string } & FileVerdict)[];
}

/** `recert evaluate`: every credential in file order (people, then their credentials). */
export function evaluateRecords(
  file: RecordsFile,
  ruleSets: readonly RuleSet[],
  overrides: Record<string, RuleSetOverride>,
  asOf: CalendarDate,
): EvaluationReport {
  const byId = new Map(ruleSets.map((r) => [r.id, withOverride(r, overrides[r.id])]));
  // The same path as stored records: the file's records as the app's, then the engine.
  const results = file.people.flatMap((person) =>
    evaluateLoaded(
      byId,
      {
        credentials: person.credentials.map((c) => credentialFromRecord(c, person.id)),
        courses: person.courses.map((a) => courseFromRecord(a, person)),
        cards: person.cprAed.map((k) => cardFromRecord(k, person.id)),
        certificates: certificateCounts(person),
      },
      asOf,
    ).map((stored) => ({ person: person.id, ...fileVerdict(stored.verdict) })),
  );
  return { asOf, results };
}

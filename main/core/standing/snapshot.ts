// A person's snapshot: every record of theirs, evaluated by the plain evaluation. What the course
// log's filters and sorts, the audit checklist and the packet read, and the reference every faster
// read of the model must agree with.
import type { CalendarDate } from '../dates';
import { evaluatePerson, type PersonRecords, type StoredVerdict } from '../evaluation';
import type { RuleSet } from '../rules/ruleset-schema';
import type { Repositories } from '../store';

export interface PersonSnapshot extends PersonRecords {
  verdicts: StoredVerdict[];
  ruleSets: Map<string, RuleSet>;
}

export function plainSnapshot(store: Repositories, ruleSets: Map<string, RuleSet>, personId: string, asOf: CalendarDate): PersonSnapshot {
  return { ...evaluatePerson(store, ruleSets, personId, asOf), ruleSets };
}

// Everyone's standing as of a date: every credential of every person evaluated, what the Team
// screen, the reports, the calendar and the reminders are built from. A chain's first evaluation
// reads every course in the store; after that, a write made by this process (a course added, a
// card renewed, a person renamed) is followed by evaluating only the people whose records it
// changed (the store notes them, see store/touched-people.ts), each with the plain evaluation of one
// person. Anything else moves the key and evaluates everyone again: another day, another process's
// write (SQLite's data_version), a table the store cannot tie to one person (the rule-set
// overrides). test/unit/everyone.property.test.ts holds the kept answer to a fresh one.
import type { CalendarDate } from '../dates';
import { evaluateEveryone, evaluatePerson, type StoredVerdict } from '../evaluation';
import { pushTo } from '../group-by';
import type { RuleSet } from '../rules/ruleset-schema';
import type { Repositories } from '../store';

/** More people changed than this are evaluated in bulk: each person's own reads cost more than their share of it. */
const MOST_EVALUATED_ONE_BY_ONE = 500;

export interface EveryoneDeps {
  store: Repositories;
  rules: () => Map<string, RuleSet>;
  /** True while a marked write runs: nothing read then is kept, it may be half done. */
  writing: () => boolean;
}

interface Kept {
  asOf: CalendarDate;
  /** SQLite's data_version when read: it moves when another connection commits. */
  external: number;
  /** Each credential's verdict (none when its rule set is not installed), by credential id. */
  byCredential: Map<string, StoredVerdict[]>;
}

export function everyoneReadModel({ store, rules, writing }: EveryoneDeps) {
  let kept: Kept | null = null;
  const external = () => Number(store.db.pragma('data_version', { simple: true }));

  function evaluateAll(asOf: CalendarDate): StoredVerdict[] {
    // Noting starts before the read, so that whatever is written after it is noted.
    store.touched.follow();
    const verdicts = evaluateEveryone(store, rules(), asOf);
    const byCredential = new Map<string, StoredVerdict[]>(store.credentials.listAll().map((c) => [c.id, []]));
    for (const stored of verdicts) byCredential.get(stored.credential.id)?.push(stored);
    kept = { asOf, external: external(), byCredential };
    return verdicts;
  }

  /** The kept verdicts with the noted people evaluated again; null when the kept ones cannot be used. */
  function brought(asOf: CalendarDate): StoredVerdict[] | null {
    if (!kept || kept.asOf !== asOf || kept.external !== external()) return null;
    const touched = store.touched.take();
    // An import or a roster that changed many people is read in bulk, which is quicker for them.
    if (touched.everyone || touched.people.length > MOST_EVALUATED_ONE_BY_ONE) return null;
    const ruleSets = rules();
    const noted = new Set(touched.people);
    const again = new Map<string, StoredVerdict[]>();
    for (const personId of noted)
      for (const stored of evaluatePerson(store, ruleSets, personId, asOf).verdicts) pushTo(again, stored.credential.id, stored);
    const byCredential = new Map<string, StoredVerdict[]>();
    const verdicts: StoredVerdict[] = [];
    // In the bulk read's order (credentials by rowid), so that the answer is the same list.
    for (const credential of store.credentials.listAll()) {
      // A noted person's credential without a verdict has a rule set that is not installed.
      const these = noted.has(credential.personId) ? (again.get(credential.id) ?? []) : kept.byCredential.get(credential.id);
      // A credential neither kept nor noted: the notes missed a write. Evaluate everyone.
      if (these === undefined) return null;
      byCredential.set(credential.id, these);
      verdicts.push(...these);
    }
    kept = { asOf, external: kept.external, byCredential };
    return verdicts;
  }

  return {
    /** Every credential's verdict as of the date, in credential order (each person's, by rowid). */
    verdicts(asOf: CalendarDate): StoredVerdict[] {
      if (writing()) {
        kept = null;
        return evaluateEveryone(store, rules(), asOf);
      }
      return brought(asOf) ?? evaluateAll(asOf);
    },
  };
}

export type EveryoneReadModel = ReturnType<typeof everyoneReadModel>;

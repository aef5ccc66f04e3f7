// The read model of a person's standing: the one place the service asks "this person's standing as
// of D", a page of their course log, or their whole snapshot. Everything is kept behind one cache
// key, the data version and the as-of date, holding an entry per person: a write anywhere (this
// process or another) or a new day drops it all at once, so an app left open past midnight does
// not keep yesterday's verdicts. How each answer is read fast (the counting windows, the paged
// course log, the store's private queries) is this folder's own business; eslint.config.js keeps
// its files and the store's window reads private to it, and test/unit/read-model.property.test.ts
// holds every answer to the plain evaluation of every record.
import type { CalendarDate } from '../dates';
import type { CourseLogPage, CourseLogQuery } from '../domain/views';
import { effectiveRuleSets } from '../evaluation';
import type { RuleSet } from '../rules/ruleset-schema';
import type { Repositories } from '../store';
import { standingReads } from '../store/evaluation-reads';
import { dateLogPage, isDefaultView, snapshotLogPage, type DateLog, type SnapshotLog } from './course-log';
import { plainSnapshot, type PersonSnapshot } from './snapshot';
import { evaluateWindowed, type Standing } from './windowed';

export { courseAmountText } from './course-log';
export { everyoneReadModel, type EveryoneReadModel } from './everyone';
export type { PersonSnapshot } from './snapshot';
export type { Standing } from './windowed';

export interface StandingReadModel {
  /** Every credential's verdict as of the date, read from the courses of the counting windows. */
  of(personId: string, asOf: CalendarDate): Standing;
  /** One page of the course log, in any view. */
  courseLog(query: CourseLogQuery & { asOf: CalendarDate }): CourseLogPage;
  /** Every record of the person evaluated: for the audit checklist and the packet. */
  snapshot(personId: string, asOf: CalendarDate): PersonSnapshot;
}

/** What is kept of one person under the current key; each part is read when first asked for. */
interface PersonEntry {
  standing?: Standing;
  snapshot?: PersonSnapshot;
  snapshotLog: SnapshotLog;
  dateLog: DateLog;
}

/**
 * People kept under one key: the screens move between a few (the dashboard, a packet for someone
 * else); a snapshot of a trainer with ten years of courses is large, so not everyone is kept.
 */
const PEOPLE_KEPT = 4;

export function standingReadModel(deps: {
  store: Repositories;
  ruleSets: readonly RuleSet[];
  /** Moves with every write, of this process or another (see service/context.ts). */
  dataVersion: () => string;
}): StandingReadModel {
  const { store, ruleSets, dataVersion } = deps;
  const reads = standingReads(store.db);
  let cache: { key: string; rules: Map<string, RuleSet>; people: Map<string, PersonEntry> } | null = null;

  function entryOf(personId: string, asOf: CalendarDate): { entry: PersonEntry; rules: Map<string, RuleSet> } {
    const key = `${dataVersion()}|${asOf}`;
    if (cache?.key !== key) cache = { key, rules: effectiveRuleSets(ruleSets, store), people: new Map() };
    const { people, rules } = cache;
    let entry = people.get(personId);
    if (entry) {
      // The most recently asked-for last, so that the one dropped is the one asked for longest ago.
      people.delete(personId);
    } else {
      entry = { snapshotLog: {}, dateLog: { rowids: {} } };
      if (people.size >= PEOPLE_KEPT) people.delete(people.keys().next().value ?? '');
    }
    people.set(personId, entry);
    return { entry, rules };
  }

  function standingOf(entry: PersonEntry, rules: Map<string, RuleSet>, personId: string, asOf: CalendarDate): Standing {
    return (entry.standing ??= evaluateWindowed(store, reads, rules, personId, asOf));
  }
  function snapshotOf(entry: PersonEntry, rules: Map<string, RuleSet>, personId: string, asOf: CalendarDate): PersonSnapshot {
    return (entry.snapshot ??= plainSnapshot(store, rules, personId, asOf));
  }

  return {
    of(personId, asOf) {
      const { entry, rules } = entryOf(personId, asOf);
      return standingOf(entry, rules, personId, asOf);
    },
    courseLog(query) {
      const { personId, asOf } = query;
      const { entry, rules } = entryOf(personId, asOf);
      // The default view (every course by date, what the log opens on) pages from the store with the
      // standing's verdicts; any filter, search or other sort needs every course, so the snapshot.
      if (isDefaultView(query)) return dateLogPage(store, standingOf(entry, rules, personId, asOf), entry.dateLog, query);
      return snapshotLogPage(snapshotOf(entry, rules, personId, asOf), entry.snapshotLog, query);
    },
    snapshot(personId, asOf) {
      const { entry, rules } = entryOf(personId, asOf);
      return snapshotOf(entry, rules, personId, asOf);
    },
  };
}

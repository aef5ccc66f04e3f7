// Evaluates credentials stored in the database: store rows → engine facts → verdicts.
import type { Activity, Credential, CprAedCard } from './domain/records';
import { toHundredths, toThousandths } from './store/amounts';
import type { CalendarDate } from './dates';
import { groupBy, pushTo } from './group-by';
import { comparesTitles } from './rules/activities';
import { countingWindow, evaluateCredential } from './rules/engine';
import type { RuleSet, RuleSetOverride } from './rules/ruleset-schema';
import { withOverride } from './rules/rulesets';
import type {
  ActivityFacts,
  CourseEntry,
  CourseVerdicts,
  CprAedCardFacts,
  CredentialFacts,
  Verdict,
  VerdictSummary,
} from './domain/verdict';
import { courseEntry } from './rules/verdict-format';
import type { Repositories } from './store';

export function credentialFacts(c: Credential): CredentialFacts {
  return {
    id: c.id,
    expires: c.expires,
    cycleStart: c.cycleStart,
    certified: c.certified,
    applicationSubmitted: c.applicationSubmitted,
    applicationAccepted: c.applicationAccepted,
    auditNoticeReceived: c.auditNoticeReceived,
    documentsSent: c.documentsSent,
  };
}

export function cardFacts(k: CprAedCard, evidenced: ReadonlySet<string>): CprAedCardFacts {
  return {
    id: k.id,
    completed: k.completed,
    expires: k.expires,
    adultCpr: k.adultCpr,
    aed: k.aed,
    handsOn: k.handsOn,
    hasCertificate: evidenced.has(k.id),
  };
}

/** The shipped rule sets with this data folder's overrides applied, by id. */
export function effectiveRuleSets(ruleSets: readonly RuleSet[], store: Repositories): Map<string, RuleSet> {
  const overrides = store.ruleSetOverrides.all() as Record<string, RuleSetOverride>;
  return new Map(ruleSets.map((r) => [r.id, withOverride(r, overrides[r.id])]));
}

export interface StoredVerdict {
  personId: string;
  credential: Credential;
  verdict: Verdict;
}

/** The engine's view of a stored course. */
export function activityFacts(a: Activity, certificates: ReadonlyMap<string, number>): ActivityFacts {
  return {
    id: a.id,
    title: a.title,
    provider: a.provider,
    approval: a.approval,
    approvalCode: a.approvalCode,
    completed: a.completed,
    ceuThousandths: a.ceus === null ? null : toThousandths(a.ceus),
    contactHourHundredths: a.contactHours === null ? null : toHundredths(a.contactHours),
    petitionStatus: a.petition?.status ?? null,
    category: a.category,
    hasCertificate: (certificates.get(a.id) ?? 0) > 0,
  };
}

/** What is read of one person to evaluate them; the screens keep it as their snapshot. */
export interface PersonRecords {
  credentials: Credential[];
  activities: Activity[];
  cards: CprAedCard[];
  /** Certificate files per course and card (absent: none). */
  certificates: ReadonlyMap<string, number>;
}

/** One person's credentials evaluated over records already read, in credential order. */
export function evaluateLoaded(ruleSets: Map<string, RuleSet>, records: PersonRecords, asOf: CalendarDate): StoredVerdict[] {
  const { credentials, activities, cards, certificates } = records;
  const byCredential = new Map<string, ActivityFacts[]>();
  for (const activity of activities) {
    if (activity.credentialIds.length === 0) continue;
    const facts = activityFacts(activity, certificates);
    for (const id of activity.credentialIds) pushTo(byCredential, id, facts);
  }
  const evidencedCards = new Set(cards.filter((k) => (certificates.get(k.id) ?? 0) > 0).map((k) => k.id));
  const cardFactsList = cards.map((k) => cardFacts(k, evidencedCards));
  return credentials.flatMap((credential) => evaluateStored(ruleSets, credential, byCredential, cardFactsList, asOf));
}

/** Reads one person's records (one indexed query per table) and evaluates every credential. */
export function evaluatePerson(
  store: Repositories,
  ruleSets: Map<string, RuleSet>,
  personId: string,
  asOf: CalendarDate,
): PersonRecords & { verdicts: StoredVerdict[] } {
  const records: PersonRecords = {
    credentials: store.credentials.listByPerson(personId),
    activities: store.activities.listByPerson(personId),
    cards: store.cprAedCards.listByPerson(personId),
    certificates: store.attachments.countsOfPerson(personId),
  };
  return { ...records, verdicts: evaluateLoaded(ruleSets, records, asOf) };
}

function evaluateStored(
  ruleSets: Map<string, RuleSet>,
  credential: Credential,
  activities: Map<string, ActivityFacts[]>,
  cards: CprAedCardFacts[],
  asOf: CalendarDate,
  unlistedPetitions = 0,
): StoredVerdict[] {
  const ruleSet = ruleSets.get(credential.ruleSet);
  if (!ruleSet) return [];
  const input = {
    asOf,
    credential: credentialFacts(credential),
    activities: activities.get(credential.id) ?? [],
    cards,
    unlistedPetitions,
  };
  return [{ personId: credential.personId, credential, verdict: evaluateCredential(ruleSet, input) }];
}

/**
 * One person's credentials evaluated over the courses of their counting windows only, with the
 * petitions outside counted in SQL (see `countingWindow`): the same verdicts as `evaluatePerson`,
 * except that each verdict's `courses` lists only the courses read. What the dashboard, the
 * upcoming deadlines and the calendar need; a trainer with ten years of courses reads one cycle's.
 */
export interface CycleEvaluation {
  credentials: Credential[];
  cards: CprAedCard[];
  /** Typed without `courses`, so that no screen can take the window's courses for all of them. */
  verdicts: (Omit<StoredVerdict, 'verdict'> & { verdict: VerdictSummary })[];
  /** Per credential, the engine's verdicts of the courses read: those inside the counting windows only. */
  listed: Map<string, CourseVerdicts>;
  ruleSets: Map<string, RuleSet>;
}

export function evaluatePersonCycles(
  store: Repositories,
  ruleSets: Map<string, RuleSet>,
  personId: string,
  asOf: CalendarDate,
): CycleEvaluation {
  const credentials = store.credentials.listByPerson(personId);
  const cards = store.cprAedCards.listByPerson(personId);
  // One read covering every credential's window: from the earliest start to the latest end. Courses
  // between two windows are evaluated too, which changes nothing (a wider window is still exact).
  let from: CalendarDate | null = null;
  let to: CalendarDate | null = null;
  for (const credential of credentials) {
    const ruleSet = ruleSets.get(credential.ruleSet);
    if (!ruleSet) continue;
    const window = countingWindow(ruleSet, { asOf, credential: credentialFacts(credential) });
    if (from === null || window.from < from) from = window.from;
    if (to === null || window.to > to) to = window.to;
  }
  const evidencedCards = store.attachments.cardsWithCertificates();
  const cardFactsList = cards.map((k) => cardFacts(k, evidencedCards));
  if (from === null || to === null) return { credentials, cards, verdicts: [], listed: new Map(), ruleSets };
  const withTitles = credentials.some((c) => {
    const ruleSet = ruleSets.get(c.ruleSet);
    return ruleSet !== undefined && comparesTitles(ruleSet);
  });
  const activities = store.evaluation.personActivityFactsBetween(personId, from, to, { withTitles });
  const petitions = store.evaluation.petitionsOutside(personId, from, to);
  const verdicts = credentials.flatMap((credential) =>
    evaluateStored(ruleSets, credential, activities, cardFactsList, asOf, petitions.get(credential.id) ?? 0),
  );
  return { credentials, cards, verdicts, listed: new Map(verdicts.map((v) => [v.credential.id, v.verdict.courses])), ruleSets };
}

/** Where each listed course's verdict sits, by course id, made once per cycle evaluation (the course log asks page after page). */
const listedById = new WeakMap<CycleEvaluation, Map<string, Map<string, number>>>();
function listedIndex(cycles: CycleEvaluation, credentialId: string): Map<string, number> {
  let byCredential = listedById.get(cycles);
  if (!byCredential) listedById.set(cycles, (byCredential = new Map()));
  let index = byCredential.get(credentialId);
  if (!index) {
    index = new Map((cycles.listed.get(credentialId)?.ids ?? []).map((id, i) => [id, i]));
    byCredential.set(credentialId, index);
  }
  return index;
}

/**
 * The engine's entry for each of these courses under each credential it counts toward, by credential
 * then course: from the cycle evaluation for the courses it read, and for the others (outside every
 * counting window, so their reasons follow from their dates) from evaluating them on their own.
 * What one page of the course log shows, without reading the person's other courses.
 */
export function courseVerdicts(
  cycles: CycleEvaluation,
  courses: readonly Activity[],
  certificates: ReadonlyMap<string, number>,
  asOf: CalendarDate,
): Map<string, Map<string, CourseEntry>> {
  const result = new Map<string, Map<string, CourseEntry>>();
  for (const { credential } of cycles.verdicts) {
    const linked = courses.filter((c) => c.credentialIds.includes(credential.id));
    const listed = cycles.listed.get(credential.id);
    const read = listedIndex(cycles, credential.id);
    const entries = new Map<string, CourseEntry>();
    const outside = linked.filter((c) => {
      const at = read.get(c.id);
      if (listed && at !== undefined) entries.set(c.id, courseEntry(listed, at));
      return at === undefined;
    });
    const ruleSet = cycles.ruleSets.get(credential.ruleSet);
    if (ruleSet && outside.length > 0) {
      const alone = evaluateCredential(ruleSet, {
        asOf,
        credential: credentialFacts(credential),
        activities: outside.map((c) => activityFacts(c, certificates)),
        cards: [],
      });
      alone.courses.ids.forEach((id, i) => entries.set(id, courseEntry(alone.courses, i)));
    }
    result.set(credential.id, entries);
  }
  return result;
}

/** Everyone at once (the staff view): four bulk reads, grouped in memory. */
export function evaluateEveryone(store: Repositories, ruleSets: Map<string, RuleSet>, asOf: CalendarDate): StoredVerdict[] {
  const evidenced = store.attachments.cardsWithCertificates();
  const activities = store.evaluation.activityFactsByCredential();
  const cardsByPerson = groupBy(
    store.cprAedCards.listAll().map((k) => ({ personId: k.personId, facts: cardFacts(k, evidenced) })),
    (k) => k.personId,
  );
  return store.credentials.listAll().flatMap((credential) => {
    const cards = (cardsByPerson.get(credential.personId) ?? []).map((k) => k.facts);
    return evaluateStored(ruleSets, credential, activities, cards, asOf);
  });
}

// Evaluates credentials stored in the database: store rows → engine facts → verdicts.
import type { Course, Credential, CprAedCard } from './domain/records';
import { toHundredths, toThousandths } from './store/amounts';
import type { CalendarDate } from './dates';
import { groupBy, pushTo } from './group-by';
import { evaluateCredential } from './rules/engine';
import type { RuleSet, RuleSetOverride } from './rules/ruleset-schema';
import { withOverride } from './rules/rulesets';
import type { CourseFacts, CprAedCardFacts, CredentialFacts, Verdict } from './domain/verdict';
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
export function courseFacts(a: Course, certificates: ReadonlyMap<string, number>): CourseFacts {
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
  courses: Course[];
  cards: CprAedCard[];
  /** Certificate files per course and card (absent: none). */
  certificates: ReadonlyMap<string, number>;
}

/** One person's credentials evaluated over records already read, in credential order. */
export function evaluateLoaded(ruleSets: Map<string, RuleSet>, records: PersonRecords, asOf: CalendarDate): StoredVerdict[] {
  const { credentials, courses, cards, certificates } = records;
  const byCredential = new Map<string, CourseFacts[]>();
  for (const course of courses) {
    if (course.credentialIds.length === 0) continue;
    const facts = courseFacts(course, certificates);
    for (const id of course.credentialIds) pushTo(byCredential, id, facts);
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
    courses: store.courses.listByPerson(personId),
    cards: store.cprAedCards.listByPerson(personId),
    certificates: store.attachments.countsOfPerson(personId),
  };
  return { ...records, verdicts: evaluateLoaded(ruleSets, records, asOf) };
}

/** One credential evaluated over facts already grouped by credential; none when its rule set is not installed. */
export function evaluateStored(
  ruleSets: Map<string, RuleSet>,
  credential: Credential,
  byCredential: Map<string, CourseFacts[]>,
  cards: CprAedCardFacts[],
  asOf: CalendarDate,
  unlistedPetitions = 0,
): StoredVerdict[] {
  const ruleSet = ruleSets.get(credential.ruleSet);
  if (!ruleSet) return [];
  const input = {
    asOf,
    credential: credentialFacts(credential),
    courses: byCredential.get(credential.id) ?? [],
    cards,
    unlistedPetitions,
  };
  return [{ personId: credential.personId, credential, verdict: evaluateCredential(ruleSet, input) }];
}

/** Everyone at once (the staff view): four bulk reads, grouped in memory. */
export function evaluateEveryone(store: Repositories, ruleSets: Map<string, RuleSet>, asOf: CalendarDate): StoredVerdict[] {
  const evidenced = store.attachments.cardsWithCertificates();
  const courses = store.evaluation.courseFactsByCredential();
  const cardsByPerson = groupBy(
    store.cprAedCards.listAll().map((k) => ({ personId: k.personId, facts: cardFacts(k, evidenced) })),
    (k) => k.personId,
  );
  return store.credentials.listAll().flatMap((credential) => {
    const cards = (cardsByPerson.get(credential.personId) ?? []).map((k) => k.facts);
    return evaluateStored(ruleSets, credential, courses, cards, asOf);
  });
}

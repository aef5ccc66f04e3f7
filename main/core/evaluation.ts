// Evaluates credentials stored in the database: store rows → engine facts → verdicts.
import type { Credential, CprAedCard } from '../../preload/contract';
import type { CalendarDate } from './dates';
import { groupBy } from './group-by';
import { evaluateCredential } from './rules/engine';
import type { RuleSet, RuleSetOverride } from './rules/ruleset-schema';
import { withOverride } from './rules/rulesets';
import type { ActivityFacts, CprAedCardFacts, CredentialFacts, Verdict } from './rules/types';
import type { Repositories } from './store';

export function credentialFacts(c: Credential): CredentialFacts {
  return {
    id: c.id,
    expires: c.expires,
    cycleStart: c.cycleStart,
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

/** One person's credentials (or one of them), evaluated with a handful of indexed queries. */
export function evaluatePerson(
  store: Repositories,
  ruleSets: Map<string, RuleSet>,
  personId: string,
  asOf: CalendarDate,
  onlyCredential?: string,
): StoredVerdict[] {
  const evidenced = store.attachments.cardsWithCertificates(personId);
  const activities = store.evaluation.activityFactsByCredential(personId);
  const cards = store.cprAedCards.listByPerson(personId).map((k) => cardFacts(k, evidenced));
  return store.credentials
    .listByPerson(personId)
    .filter((c) => !onlyCredential || c.id === onlyCredential)
    .flatMap((credential) => evaluateStored(ruleSets, credential, activities, cards, asOf));
}

function evaluateStored(
  ruleSets: Map<string, RuleSet>,
  credential: Credential,
  activities: Map<string, ActivityFacts[]>,
  cards: CprAedCardFacts[],
  asOf: CalendarDate,
): StoredVerdict[] {
  const ruleSet = ruleSets.get(credential.ruleSet);
  if (!ruleSet) return [];
  const input = { asOf, credential: credentialFacts(credential), activities: activities.get(credential.id) ?? [], cards };
  return [{ personId: credential.personId, credential, verdict: evaluateCredential(ruleSet, input) }];
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

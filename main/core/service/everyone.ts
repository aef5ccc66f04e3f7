import type { CprAedCard, Person } from '../domain/records';
import type { TeamEntry } from '../team/report';
import type { ServiceContext } from './context';

/**
 * Every credential of every active person (or of one person), evaluated once with the card it relies
 * on: what the Team screen, the reports, the calendar and the reminders are all built from. With
 * them the people and every card read for them, which the Team screen shows too (a chain's cards are
 * read once, not again for the screen).
 */
export interface EvaluatedEntries {
  entries: TeamEntry[];
  people: Person[];
  cards: CprAedCard[];
}

export function evaluatedEntries(ctx: ServiceContext, asOf: string, personId?: string): EvaluatedEntries {
  const { store } = ctx;
  if (personId !== undefined) return personEntries(ctx, asOf, personId);
  const rules = ctx.rules();
  const people = store.people.list(false);
  const active = new Map(people.map((p) => [p.id, p]));
  const allCards = store.cprAedCards.listAll();
  const cards = new Map(allCards.map((k) => [k.id, k]));
  const entries = ctx.everyone.verdicts(asOf).flatMap((stored): TeamEntry[] => {
    const person = active.get(stored.personId);
    const ruleSet = rules.get(stored.credential.ruleSet);
    if (!person || !ruleSet) return [];
    const card = stored.verdict.cprAed.id ? cards.get(stored.verdict.cprAed.id) : undefined;
    return [{ person, credential: stored.credential, verdict: stored.verdict, ruleSet, card }];
  });
  return { entries, people, cards: allCards };
}

/**
 * One person's entries from the dashboard's cached evaluation (the courses of the counting windows):
 * evaluating everyone to keep one person's credentials would be slow for a trainer with 100,000 courses.
 */
function personEntries(ctx: ServiceContext, asOf: string, personId: string): EvaluatedEntries {
  const person = ctx.store.people.get(personId);
  if (!person || !person.active) return { entries: [], people: [], cards: [] };
  const evaluation = ctx.standing.of(personId, asOf);
  const cards = new Map(evaluation.cards.map((k) => [k.id, k]));
  const entries = evaluation.verdicts.flatMap((stored): TeamEntry[] => {
    const ruleSet = evaluation.ruleSets.get(stored.credential.ruleSet);
    if (!ruleSet) return [];
    const card = stored.verdict.cprAed.id ? cards.get(stored.verdict.cprAed.id) : undefined;
    return [{ person, credential: stored.credential, verdict: stored.verdict, ruleSet, card }];
  });
  return { entries, people: [person], cards: evaluation.cards };
}

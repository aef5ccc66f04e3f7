import { addDays, type CalendarDate } from '../dates';
import type { RuleId, RuleSet } from './ruleset-schema';
import type { CprAedCardFacts, CprAedReason } from '../domain/verdict';

export interface CprAedVerdict {
  card: CprAedCardFacts | null;
  ok: boolean;
  reason: CprAedReason;
  rule: RuleId;
  /** Accepted online-only under a waiver whose end is not set. */
  waiverEndUnknown: boolean;
}

function insideWaiver(ruleSet: RuleSet, completed: CalendarDate): { inside: boolean; endUnknown: boolean } {
  const waiver = ruleSet.cprAed.waiver?.value;
  if (!waiver) return { inside: false, endUnknown: false };
  const inside = completed >= waiver.from && (waiver.until === null || completed <= waiver.until);
  return { inside, endUnknown: inside && waiver.until === null };
}

/** Why a card that was completed by the reference date does not serve, or null when it does. */
function problemWith(card: CprAedCardFacts, ruleSet: RuleSet, reference: CalendarDate): CprAedReason | null {
  const rules = ruleSet.cprAed;
  if (card.expires < reference) return 'expired';
  const mustLastUntil = rules.validDaysAfterReference ? addDays(reference, rules.validDaysAfterReference.value) : reference;
  if (card.expires < mustLastUntil) return 'expires-too-soon';
  if (rules.adultCprRequired.value && !card.adultCpr) return 'no-adult-cpr';
  if (rules.aedRequired.value && !card.aed) return 'no-aed';
  if (rules.handsOnRequired.value && !card.handsOn && !insideWaiver(ruleSet, card.completed).inside) return 'online-only-not-accepted';
  return null;
}

/**
 * Latest expiry wins; on a tie the one with its certificate attached, then the latest completed,
 * then the lowest id: a choice that never depends on the order the cards were recorded in.
 */
function better(card: CprAedCardFacts, than: CprAedCardFacts): boolean {
  if (card.expires !== than.expires) return card.expires > than.expires;
  if (card.hasCertificate !== than.hasCertificate) return card.hasCertificate;
  if (card.completed !== than.completed) return card.completed > than.completed;
  return card.id < than.id;
}

function latestExpiry(cards: readonly CprAedCardFacts[]): CprAedCardFacts | null {
  let best: CprAedCardFacts | null = null;
  for (const card of cards) if (!best || better(card, best)) best = card;
  return best;
}

/**
 * R6 / R7: the card that satisfies the requirement on the reference date, preferring hands-on
 * cards, then the latest expiry; or, when none does, the most relevant card and why it fails.
 */
export function cprAedVerdict(ruleSet: RuleSet, cards: readonly CprAedCardFacts[], reference: CalendarDate): CprAedVerdict {
  const completedByReference = cards.filter((card) => card.completed <= reference);
  const valid = completedByReference.filter((card) => problemWith(card, ruleSet, reference) === null);
  if (valid.length > 0) {
    const handsOn = valid.filter((card) => card.handsOn);
    const card = latestExpiry(handsOn.length > 0 ? handsOn : valid);
    if (card && !card.handsOn && ruleSet.cprAed.handsOnRequired.value) {
      return {
        card,
        ok: true,
        reason: 'online-only-waiver',
        rule: 'R7',
        waiverEndUnknown: insideWaiver(ruleSet, card.completed).endUnknown,
      };
    }
    return { card, ok: true, reason: 'ok', rule: 'R6', waiverEndUnknown: false };
  }
  const card = latestExpiry(completedByReference);
  if (!card) return { card: null, ok: false, reason: 'missing', rule: 'R6', waiverEndUnknown: false };
  const reason = problemWith(card, ruleSet, reference) ?? 'expired';
  return { card, ok: false, reason, rule: reason === 'online-only-not-accepted' ? 'R7' : 'R6', waiverEndUnknown: false };
}

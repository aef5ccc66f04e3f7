import type { RuleSetDetails } from '../../../preload/contract';
import { load } from '../api';

// A rule set's details change only through Settings (which forgets the copy): "Why?" on every
// finding shares one copy per session.
const full = new Map<string, Promise<RuleSetDetails>>();

export function ruleSet(id: string): Promise<RuleSetDetails> {
  let found = full.get(id);
  if (!found) {
    found = load('getRuleSet', { id });
    found.catch(() => full.delete(id));
    full.set(id, found);
  }
  return found;
}

/** After Settings changed a rule set's parameters. */
export function forgetRuleSet(id: string): void {
  full.delete(id);
}

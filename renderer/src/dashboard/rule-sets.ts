import type { RuleSet, RuleSetSummary } from '../../../preload/contract';
import { load } from '../api';

// Rule sets change only through Settings; screens share one copy per session.
const full = new Map<string, Promise<RuleSet>>();
let summaries: Promise<RuleSetSummary[]> | null = null;

export function ruleSet(id: string): Promise<RuleSet> {
  let found = full.get(id);
  if (!found) {
    found = load('getRuleSet', { id });
    found.catch(() => full.delete(id));
    full.set(id, found);
  }
  return found;
}

export function ruleSetSummaries(): Promise<RuleSetSummary[]> {
  summaries ??= load('listRuleSets', {});
  return summaries;
}

/** After Settings changed a rule set's parameters. */
export function forgetRuleSet(id: string): void {
  full.delete(id);
}

export interface SourcedFigure {
  path: string;
  value: unknown;
  source: string;
  rule: string;
  verifiedOn: string;
  quote?: string;
  decision?: string;
  unverified?: boolean;
  note?: string;
}

/** Every figure of the rule set that cites `rule` (or all of them), with its JSON path. */
export function figuresOf(ruleSetJson: unknown, rule?: string, path = ''): SourcedFigure[] {
  if (Array.isArray(ruleSetJson)) return ruleSetJson.flatMap((item, i) => figuresOf(item, rule, `${path}[${i}]`));
  if (!ruleSetJson || typeof ruleSetJson !== 'object') return [];
  const record = ruleSetJson as Record<string, unknown>;
  const own: SourcedFigure[] =
    'source' in record && 'verifiedOn' in record && 'value' in record && (!rule || record.rule === rule)
      ? [{ ...(record as unknown as SourcedFigure), path }]
      : [];
  return [
    ...own,
    ...Object.entries(record).flatMap(([key, child]) => (key === 'value' ? [] : figuresOf(child, rule, path ? `${path}.${key}` : key))),
  ];
}

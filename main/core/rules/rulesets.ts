import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issuePath } from '../domain/fields';
import { addDays } from '../dates';
import { applyOffset } from './offsets';
import { ruleSetSchema, type RuleSet, type RuleSetOverride } from './ruleset-schema';

/** Every sourced figure in a rule set, with its JSON path: for validation and for the Settings screen. */
export function sourcedFigures(value: unknown, path = ''): { path: string; figure: { source: string; rule: string } }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => sourcedFigures(item, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const here =
    'value' in record && 'source' in record && 'verifiedOn' in record ? [{ path, figure: record as { source: string; rule: string } }] : [];
  return [...here, ...Object.entries(record).flatMap(([key, child]) => sourcedFigures(child, path ? `${path}.${key}` : key))];
}

/** Checks a parsed rule set beyond its shape: sources and rules it cites exist, windows follow each other. */
function consistencyProblems(ruleSet: RuleSet): string[] {
  const problems: string[] = [];
  const ruleIds = new Set(ruleSet.rules.map((r) => r.id));
  for (const { path, figure } of sourcedFigures(ruleSet)) {
    if (!(figure.source in ruleSet.sources)) problems.push(`${path}.source: "${figure.source}" is not listed in sources`);
    if (!ruleIds.has(figure.rule as RuleSet['rules'][number]['id']))
      problems.push(`${path}.rule: ${figure.rule} is not described in rules`);
  }
  // Windows must start the day after E (or the previous window) so that every late date has a tier.
  const sample = '2027-03-31';
  let expected = addDays(sample, 1);
  ruleSet.applicationWindows.value.forEach((window, i) => {
    const from = applyOffset(sample, window.from);
    if (from !== expected) problems.push(`applicationWindows.value[${i}].from: must start the day after the previous window`);
    expected = addDays(applyOffset(sample, window.until), 1);
  });
  return problems;
}

export function parseRuleSet(json: unknown, fileName: string): RuleSet {
  // Without zod's compiled fast path: each rule set is parsed once per start, and compiling the
  // schema's checker cost more than it saved on a few small documents (the CLI pays it every run).
  const parsed = ruleSetSchema.safeParse(json, { jitless: true });
  if (!parsed.success) {
    const list = parsed.error.issues.map((issue) => `${issuePath(issue.path)}: ${issue.message}`);
    throw new Error(`resources/rulesets/${fileName} is not a valid rule set:\n  ${list.join('\n  ')}`);
  }
  const problems = consistencyProblems(parsed.data);
  if (problems.length > 0) throw new Error(`resources/rulesets/${fileName} is not a valid rule set:\n  ${problems.join('\n  ')}`);
  return parsed.data;
}

/** Reads and validates every rule set shipped in resources/rulesets; a broken file stops start-up with its path. */
export function loadRuleSets(folder: string): RuleSet[] {
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const ruleSets = files.map((file) => parseRuleSet(JSON.parse(readFileSync(join(folder, file), 'utf8')) as unknown, file));
  const ids = new Set<string>();
  for (const ruleSet of ruleSets) {
    if (ids.has(ruleSet.id)) throw new Error(`resources/rulesets: two rule sets share the id "${ruleSet.id}"`);
    ids.add(ruleSet.id);
  }
  return ruleSets;
}

/** The rule set with the user's (or the records file's) parameter changes applied. */
export function withOverride(ruleSet: RuleSet, override: RuleSetOverride | undefined): RuleSet {
  if (!override?.cprAedWaiver || !ruleSet.cprAed.waiver) return ruleSet;
  return {
    ...ruleSet,
    cprAed: {
      ...ruleSet.cprAed,
      waiver: {
        ...ruleSet.cprAed.waiver,
        value: override.cprAedWaiver,
        note: 'Changed from the shipped default in Settings or the records file.',
      },
    },
  };
}

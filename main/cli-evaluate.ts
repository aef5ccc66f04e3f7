// `recert evaluate`: where every credential in a records file or bundle stands. Loads only the
// records file, the rules and the engine (no database, PDF or OCR code).
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resourcesDir, UsageError } from './cli-common';
import { formatDate, isCalendarDate, localToday } from './core/dates';
import { openRecordsFile } from './cli-passphrase';
import { evaluateRecords, type EvaluationReport } from './core/records-file/evaluate';
import { petitionFeesText } from './core/rules/amounts';
import { explainBlocker, explainWarning, statusText } from './core/rules/describe';
import { loadRuleSets } from './core/rules/rulesets';
import type { RuleSet } from './core/rules/ruleset-schema';

export function ruleSets(): RuleSet[] {
  return loadRuleSets(join(resourcesDir, 'rulesets'));
}

function summary(report: EvaluationReport, names: Map<string, string>, byId: Map<string, RuleSet>): string {
  const lines = [`As of ${formatDate(report.asOf)}`];
  for (const r of report.results) {
    const ruleSet = byId.get(r.ruleSet);
    if (!ruleSet) continue;
    const unit = ruleSet.unit.plural;
    lines.push('');
    lines.push(
      `${names.get(r.person) ?? r.person} — ${ruleSet.credential} (${r.credential}), cycle ${formatDate(r.cycle.start)} – ${formatDate(r.cycle.end)}`,
    );
    lines.push(`  ${statusText(r, ruleSet, null, report.asOf)}${r.canSubmit ? `; can submit now (${r.feeTier} fee)` : ''}`);
    lines.push(
      `  ${unit}: courses ${r.ceus.courses} / ${r.ceus.coursesRequired}, CPR/AED ${r.ceus.cprAed} / ${r.ceus.cprAedRequired}, total ${r.ceus.total} / ${r.ceus.required}` +
        (r.ceus.pending > 0 ? `, ${r.ceus.pending} pending petition` : ''),
    );
    lines.push(
      `  Deadlines: expires ${formatDate(r.deadlines.expiration)}, courses by ${formatDate(r.deadlines.coursesBy)}, last application ${formatDate(r.deadlines.finalApplication)}` +
        (r.deadlines.auditDue ? `, audit documents due ${formatDate(r.deadlines.auditDue)}` : ''),
    );
    const fees = petitionFeesText(r.petitionFees, ruleSet);
    if (fees) lines.push(`  Petition fees: ${fees}`);
    for (const code of r.blockers) {
      const e = explainBlocker(code, r, ruleSet);
      lines.push(`  Blocker (${e.rule}): ${e.title}. ${e.action}`);
    }
    for (const code of r.warnings) {
      const e = explainWarning(code, r, ruleSet);
      lines.push(`  Warning (${e.rule}): ${e.title}${code.includes(':') ? ` [${code}]` : ''}. ${e.action}`);
    }
  }
  return lines.join('\n');
}

export async function evaluate(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'as-of': { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('evaluate needs exactly one records FILE');
  const asOf = values['as-of'] ?? localToday();
  if (!isCalendarDate(asOf)) throw new UsageError(`--as-of: "${asOf}" is not a calendar date (YYYY-MM-DD)`);
  const sets = ruleSets();
  const opened = await openRecordsFile(resolve(file), new Set(sets.map((r) => r.id)));
  opened.dispose();
  const { parsed } = opened;
  const report = evaluateRecords(parsed.file, sets, parsed.overrides, asOf);
  if (values.json) {
    // One line: a document for programs (indenting would make a gym's report much larger and slower).
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const names = new Map(parsed.file.people.map((p) => [p.id, p.name]));
  process.stdout.write(`${summary(report, names, new Map(sets.map((r) => [r.id, r])))}\n`);
}

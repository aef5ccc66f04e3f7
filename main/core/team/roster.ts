// A staff roster from a spreadsheet: name, e-mail, employee ID, credential type, certification
// number and expiration date, one row per credential. Planned in full before anything is written:
// every problem is named by line and column, and a roster with any problem writes nothing.
import { parseSheetDate, SHEET_DATE_FORMS } from '../csv/dates';
import { CsvError, findColumns, readCsv, type CsvRow } from '../csv/table';
import { emailSchema, optionalText, requiredText } from '../domain/fields';
import { count } from '../domain/plural';
import type { Credential, Person } from '../domain/records';
import type { RosterPreview } from '../domain/views';
import type { RuleSet } from '../rules/ruleset-schema';

const COLUMNS = {
  name: ['name', 'full name', 'trainer', 'employee name', 'staff name'],
  email: ['email', 'e-mail', 'email address', 'e-mail address'],
  employeeId: ['employee id', 'employee number', 'staff id', 'employee'],
  credential: ['credential', 'credential type', 'certification', 'certification type', 'rule set'],
  number: ['certification number', 'credential number', 'cert number', 'number', 'certificate number'],
  expires: ['expiration', 'expiration date', 'expires', 'expiry', 'expiry date', 'expires on'],
} as const;

/** The header names each column goes by, for the message about a missing column. */
const COLUMN_WORDS: Record<keyof typeof COLUMNS, string> = {
  name: 'name',
  email: 'e-mail',
  employeeId: 'employee ID',
  credential: 'credential type',
  number: 'certification number',
  expires: 'expiration date',
};

export interface RosterPlanRow {
  line: number;
  name: string;
  email: string | null;
  employeeId: string | null;
  ruleSet: string;
  credentialLabel: string;
  number: string | null;
  expires: string;
  /** A stored person this row belongs to, or null for a new person (rows of one new person share a key). */
  existingPersonId: string | null;
  personKey: string;
  /** The same credential is already recorded: nothing to add. */
  alreadyRecorded: boolean;
}

export interface RosterPlan {
  rows: RosterPlanRow[];
  problems: string[];
}

export interface RosterStore {
  people: readonly Person[];
  credentialsOf(personId: string): readonly Credential[];
}

/** "nasm-cpt", "NASM-CPT", "nasm cpt": a rule set by its id or its credential's short name. */
function ruleSetFinder(ruleSets: readonly RuleSet[]): (text: string) => RuleSet | undefined {
  const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const byKey = new Map<string, RuleSet>();
  for (const r of ruleSets) {
    byKey.set(key(r.id), r);
    byKey.set(key(r.credential), r);
  }
  return (text) => byKey.get(key(text));
}

function cellOf(row: CsvRow, index: number): string {
  return index >= 0 ? (row.cells[index] ?? '').trim() : '';
}

export function planRoster(csvText: string, ruleSets: readonly RuleSet[], store: RosterStore): RosterPlan {
  const table = readCsv(csvText);
  const columns = findColumns(table.header, COLUMNS);
  // Without these columns the file is not a roster at all: refuse it as a whole.
  const missing = (['name', 'credential', 'expires'] as const).filter((c) => columns[c] < 0).map((c) => `"${COLUMN_WORDS[c]}"`);
  if (missing.length > 0) {
    throw new CsvError(
      `line 1: the roster has no ${missing.join(', ')} column; its first row must name the columns (${Object.values(COLUMN_WORDS).join(', ')})`,
    );
  }
  if (table.rows.length === 0) throw new CsvError('The roster has a header but no rows: add one row per trainer and credential.');
  const problems: string[] = [];

  const findRuleSet = ruleSetFinder(ruleSets);
  const byEmployeeId = new Map(store.people.filter((p) => p.employeeId).map((p) => [p.employeeId as string, p]));
  const byEmail = new Map(store.people.filter((p) => p.email).map((p) => [(p.email as string).toLowerCase(), p]));
  const seenIds = new Map<string, { line: number; name: string }>();
  const rows: RosterPlanRow[] = [];

  for (const row of table.rows) {
    const problem = (column: keyof typeof COLUMNS, message: string) =>
      problems.push(`line ${row.line}, ${COLUMN_WORDS[column]}: ${message}`);
    const field = <T>(
      column: keyof typeof COLUMNS,
      schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } },
    ): T | undefined => {
      const parsed = schema.safeParse(cellOf(row, columns[column]));
      if (parsed.success) return parsed.data;
      problem(column, parsed.error.issues[0]?.message ?? 'is not valid');
      return undefined;
    };
    const name = field('name', requiredText());
    const email = field('email', emailSchema) ?? null;
    const employeeId = field('employeeId', optionalText(64)) ?? null;
    const number = field('number', optionalText(64)) ?? null;
    const credentialText = cellOf(row, columns.credential);
    const ruleSet = findRuleSet(credentialText);
    if (!credentialText) problem('credential', 'is required (for example NASM-CPT)');
    else if (!ruleSet)
      problem(
        'credential',
        `"${credentialText}" is not a credential Recert knows; use one of ${ruleSets.map((r) => r.credential).join(', ')}`,
      );
    const expiresText = cellOf(row, columns.expires);
    const expires = parseSheetDate(expiresText);
    if (!expiresText) problem('expires', `is required (${SHEET_DATE_FORMS})`);
    else if (!expires) problem('expires', `"${expiresText}" is not a calendar date (${SHEET_DATE_FORMS})`);
    // Checked on every row, even one with other problems, so that each duplicate is named.
    if (employeeId) {
      const earlier = seenIds.get(employeeId);
      if (name !== undefined && earlier && earlier.name.toLowerCase() !== name.toLowerCase()) {
        problem('employeeId', `"${employeeId}" is also on line ${earlier.line}, for ${earlier.name}: an employee ID belongs to one person`);
        continue;
      }
      if (name !== undefined) seenIds.set(employeeId, earlier ?? { line: row.line, name });
    }
    if (name === undefined || !ruleSet || !expires) continue;
    let existing = employeeId ? byEmployeeId.get(employeeId) : undefined;
    if (existing && existing.name.toLowerCase() !== name.toLowerCase()) {
      problem('employeeId', `"${employeeId}" already belongs to ${existing.name} in Recert; this row names ${name}`);
      continue;
    }
    existing ??= email ? byEmail.get(email.toLowerCase()) : undefined;
    const personKey =
      existing?.id ?? (employeeId ? `id:${employeeId}` : email ? `email:${email.toLowerCase()}` : `name:${name.toLowerCase()}`);
    const alreadyRecorded =
      !!existing && store.credentialsOf(existing.id).some((c) => c.ruleSet === ruleSet.id && c.number === number && c.expires === expires);
    rows.push({
      line: row.line,
      name,
      email,
      employeeId,
      ruleSet: ruleSet.id,
      credentialLabel: ruleSet.credential,
      number,
      expires,
      existingPersonId: existing?.id ?? null,
      personKey,
      alreadyRecorded,
    });
  }
  return { rows, problems };
}

/** What the app shows before Import: each row and what it will do, and the totals. */
export function rosterPreview(plan: RosterPlan): RosterPreview {
  const newPeople = new Set(plan.rows.filter((r) => !r.existingPersonId).map((r) => r.personKey));
  const newCredentials = plan.rows.filter((r) => !r.alreadyRecorded).length;
  return {
    summaryText: `${count(newPeople.size, 'new person', 'new people')} and ${count(newCredentials, 'credential', 'credentials')}.`,
    rows: plan.rows.map((r) => ({
      line: r.line,
      name: r.name,
      employeeId: r.employeeId,
      credential: `${r.credentialLabel}${r.number ? ` · ${r.number}` : ''}`,
      expires: r.expires,
      action: r.alreadyRecorded
        ? 'Already in Recert'
        : r.existingPersonId
          ? 'Add credential to existing person'
          : 'Add person and credential',
    })),
    problems: plan.problems,
    newPeople: newPeople.size,
    newCredentials,
  };
}

// A staff roster from a spreadsheet: name, e-mail, employee ID, credential type, certification
// number and expiration date, one row per credential, and optionally the CPR/AED card. Planned in
// full before anything is written: every problem is named by line, column and person. A row for a
// credential already stored (the same type and number, or the person's only one of that type)
// renews it rather than adding a second; a row without any credential brings the person alone.
import { parseSheetDate, SHEET_DATE_FORMS } from '../csv/dates';
import { CsvError, findColumns, readCsv, type CsvRow } from '../csv/table';
import { formatDate, type CalendarDate } from '../dates';
import { emailSchema, optionalText, requiredText } from '../domain/fields';
import { count, listInWords } from '../domain/plural';
import type { CprAedCard, Credential, Person } from '../domain/records';
import type { RosterPreview } from '../domain/views';
import { resolveCycle } from '../rules/cycle';
import type { RuleSet } from '../rules/ruleset-schema';

const COLUMNS = {
  name: ['name', 'full name', 'trainer', 'employee name', 'staff name'],
  email: ['email', 'e-mail', 'email address', 'e-mail address'],
  employeeId: ['employee id', 'employee number', 'staff id', 'employee'],
  credential: ['credential', 'credential type', 'certification', 'certification type', 'rule set'],
  number: ['certification number', 'credential number', 'cert number', 'number', 'certificate number'],
  expires: ['expiration', 'expiration date', 'expires', 'expiry', 'expiry date', 'expires on'],
  cprProvider: ['cpr provider', 'cpr/aed provider', 'cpr/aed card provider', 'cpr organization', 'cpr/aed organization'],
  cprCompleted: ['cpr completed', 'cpr/aed completed', 'cpr completion date', 'cpr/aed completion date', 'cpr date', 'cpr/aed date'],
  cprExpires: ['cpr expiration', 'cpr/aed expiration', 'cpr expires', 'cpr/aed expires', 'cpr expiration date', 'cpr/aed expiration date'],
  cprHandsOn: ['hands-on', 'cpr hands-on', 'cpr/aed hands-on', 'hands-on skills', 'skills check', 'cpr/aed skills check'],
} as const;
type Column = keyof typeof COLUMNS;

/** The header names each column goes by, for the messages. */
const COLUMN_WORDS: Record<Column, string> = {
  name: 'name',
  email: 'e-mail',
  employeeId: 'employee ID',
  credential: 'credential type',
  number: 'certification number',
  expires: 'expiration date',
  cprProvider: 'CPR/AED provider',
  cprCompleted: 'CPR/AED completed',
  cprExpires: 'CPR/AED expiration',
  cprHandsOn: 'hands-on',
};
const CREDENTIAL_COLUMNS: Column[] = ['name', 'email', 'employeeId', 'credential', 'number', 'expires'];
const CARD_COLUMNS = ['cprProvider', 'cprCompleted', 'cprExpires', 'cprHandsOn'] as const;

/** What a row does to a credential: nothing new, a renewal of a stored one, or a new one. */
export type CredentialEffect =
  | { kind: 'already'; id: string }
  | { kind: 'update'; id: string; from: Credential; expires: CalendarDate; number: string | null; clearsApplication: boolean }
  | { kind: 'add' };

export interface RosterCredential {
  ruleSet: string;
  label: string;
  number: string | null;
  expires: CalendarDate;
  effect: CredentialEffect;
}

export interface RosterCard {
  provider: string;
  completed: CalendarDate;
  expires: CalendarDate;
  handsOn: boolean;
  /** The person already has this card (same completion and expiration), or an earlier row brings it. */
  alreadyRecorded: boolean;
}

export interface RosterPlanRow {
  line: number;
  name: string;
  email: string | null;
  employeeId: string | null;
  /** Null: the row names no credential (a person without one on file). */
  credential: RosterCredential | null;
  card: RosterCard | null;
  /** A stored person this row belongs to, or null for a new person (rows of one new person share a key). */
  existingPersonId: string | null;
  personKey: string;
}

export interface RosterPlan {
  /** The rows that can be imported. */
  rows: RosterPlanRow[];
  /** "line 4, Dana Rivera, expiration date: is required (…)", in line order. */
  problems: string[];
  /** The lines with a problem, each once: what skipping them leaves out. */
  badLines: number[];
}

export interface RosterStore {
  people: readonly Person[];
  credentialsOf(personId: string): readonly Credential[];
  cardsOf(personId: string): readonly CprAedCard[];
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

const YES = new Set(['yes', 'y', 'true', '1', 'hands-on', 'hands on', 'in person', 'blended']);
const NO = new Set(['no', 'n', 'false', '0', 'online', 'online only', 'online-only']);

/**
 * The stored credential a row names: the same type and number, or else the person's only one of
 * that type (a renewal keeps the credential; its courses stay with it).
 */
function storedMatch(stored: readonly Credential[], ruleSet: string, number: string | null): Credential | undefined {
  const sameType = stored.filter((c) => c.ruleSet === ruleSet);
  return (number ? sameType.find((c) => c.number === number) : undefined) ?? (sameType.length === 1 ? sameType[0] : undefined);
}

/** The expiration the credential runs to now: past an accepted application, the next cycle's (R11). */
function currentExpiration(credential: Credential, ruleSet: RuleSet): CalendarDate {
  return credential.applicationSubmitted && credential.applicationAccepted ? resolveCycle(ruleSet, credential).end : credential.expires;
}

type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } };

export function planRoster(csvText: string, ruleSets: readonly RuleSet[], store: RosterStore): RosterPlan {
  const table = readCsv(csvText);
  const columns = findColumns(table.header, COLUMNS);
  // Without these columns the file is not a roster at all: refuse it as a whole.
  const missing = (['name', 'credential', 'expires'] as const).filter((c) => columns[c] < 0).map((c) => `"${COLUMN_WORDS[c]}"`);
  if (missing.length > 0) {
    throw new CsvError(
      `line 1: the roster has no ${missing.join(', ')} column; its first row must name the columns (${CREDENTIAL_COLUMNS.map((c) => COLUMN_WORDS[c]).join(', ')})`,
    );
  }
  if (table.rows.length === 0) throw new CsvError('The roster has a header but no rows: add one row per trainer and credential.');
  const problems: string[] = [];
  const badLines = new Set<number>();

  const findRuleSet = ruleSetFinder(ruleSets);
  const ruleSetsById = new Map(ruleSets.map((r) => [r.id, r]));
  const byEmployeeId = new Map(store.people.filter((p) => p.employeeId).map((p) => [p.employeeId as string, p]));
  const byEmail = new Map(store.people.filter((p) => p.email).map((p) => [(p.email as string).toLowerCase(), p]));
  const byName = new Map<string, Person[]>();
  for (const p of store.people) byName.set(p.name.toLowerCase(), [...(byName.get(p.name.toLowerCase()) ?? []), p]);
  const seenIds = new Map<string, { line: number; name: string }>();
  /** Per person and credential type, the line that already names it: one credential of a type per person. */
  const seenCredentials = new Map<string, number>();
  const seenCards = new Set<string>();
  const rows: RosterPlanRow[] = [];

  for (const row of table.rows) {
    const who = cellOf(row, columns.name) || 'no name';
    const problem = (column: Column, message: string) => {
      problems.push(`line ${row.line}, ${who}, ${COLUMN_WORDS[column]}: ${message}`);
      badLines.add(row.line);
    };
    const field = <T>(column: Column, schema: Schema<T>): T | undefined => {
      const parsed = schema.safeParse(cellOf(row, columns[column]));
      if (parsed.success) return parsed.data;
      problem(column, parsed.error.issues[0]?.message ?? 'is not valid');
      return undefined;
    };
    const date = (column: Column): CalendarDate | undefined => {
      const text = cellOf(row, columns[column]);
      const parsed = parseSheetDate(text);
      if (!text) problem(column, `is required (${SHEET_DATE_FORMS})`);
      else if (!parsed) problem(column, `"${text}" is not a calendar date (${SHEET_DATE_FORMS})`);
      return parsed ?? undefined;
    };
    const name = field('name', requiredText());
    const email = field('email', emailSchema) ?? null;
    const employeeId = field('employeeId', optionalText(64)) ?? null;
    const number = field('number', optionalText(64)) ?? null;

    // A row that leaves the credential's cells empty is a person with no credential on file.
    const credentialText = cellOf(row, columns.credential);
    const noCredential = !credentialText && !cellOf(row, columns.expires) && !cellOf(row, columns.number);
    let ruleSet: RuleSet | undefined;
    let expires: CalendarDate | undefined;
    if (!noCredential) {
      ruleSet = findRuleSet(credentialText);
      if (!credentialText) problem('credential', 'is required with a certification number or expiration (for example NASM-CPT)');
      else if (!ruleSet)
        problem(
          'credential',
          `"${credentialText}" is not a credential Recert knows; use one of ${ruleSets.map((r) => r.credential).join(', ')}`,
        );
      expires = date('expires');
    }

    const card = readCard(row, columns, problem, date);

    // Checked on every row, even one with other problems, so that each duplicate is named.
    if (employeeId) {
      const earlier = seenIds.get(employeeId);
      if (name !== undefined && earlier && earlier.name.toLowerCase() !== name.toLowerCase()) {
        problem('employeeId', `"${employeeId}" is also on line ${earlier.line}, for ${earlier.name}: an employee ID belongs to one person`);
        continue;
      }
      if (name !== undefined) seenIds.set(employeeId, earlier ?? { line: row.line, name });
    }
    if (name === undefined || badLines.has(row.line)) continue;
    let existing = employeeId ? byEmployeeId.get(employeeId) : undefined;
    if (existing && existing.name.toLowerCase() !== name.toLowerCase()) {
      problem('employeeId', `"${employeeId}" already belongs to ${existing.name} in Recert; this row names ${name}`);
      continue;
    }
    existing ??= email ? byEmail.get(email.toLowerCase()) : undefined;
    // Without an employee ID or e-mail, the one stored person of that name (a roster of names alone).
    if (!existing && !employeeId && !email) {
      const named = byName.get(name.toLowerCase()) ?? [];
      if (named.length === 1) existing = named[0];
    }
    const personKey =
      existing?.id ?? (employeeId ? `id:${employeeId}` : email ? `email:${email.toLowerCase()}` : `name:${name.toLowerCase()}`);

    let credential: RosterCredential | null = null;
    if (ruleSet && expires) {
      const typeKey = `${personKey}|${ruleSet.id}`;
      const earlierLine = seenCredentials.get(typeKey);
      if (earlierLine !== undefined) {
        problem('credential', `${name}'s ${ruleSet.credential} is also on line ${earlierLine}: one row per credential`);
        continue;
      }
      const match = existing ? storedMatch(store.credentialsOf(existing.id), ruleSet.id, number) : undefined;
      const effect = match
        ? credentialEffect(match, ruleSetsById.get(match.ruleSet) ?? ruleSet, expires, number)
        : { kind: 'add' as const };
      if (typeof effect === 'string') {
        problem('expires', effect);
        continue;
      }
      seenCredentials.set(typeKey, row.line);
      credential = { ruleSet: ruleSet.id, label: ruleSet.credential, number, expires, effect };
    }
    let rosterCard: RosterCard | null = null;
    if (card) {
      const cardKey = `${personKey}|${card.completed}|${card.expires}`;
      const stored = existing ? store.cardsOf(existing.id) : [];
      const alreadyRecorded = seenCards.has(cardKey) || stored.some((k) => k.completed === card.completed && k.expires === card.expires);
      seenCards.add(cardKey);
      rosterCard = { ...card, alreadyRecorded };
    }
    rows.push({ line: row.line, name, email, employeeId, credential, card: rosterCard, existingPersonId: existing?.id ?? null, personKey });
  }
  return { rows, problems, badLines: [...badLines].sort((a, b) => a - b) };
}

/** What the row does to the stored credential it names, or why it cannot (an older roster). */
function credentialEffect(match: Credential, ruleSet: RuleSet, expires: CalendarDate, number: string | null): CredentialEffect | string {
  const current = currentExpiration(match, ruleSet);
  const newNumber = number ?? match.number;
  if (expires === current && newNumber === match.number) return { kind: 'already', id: match.id };
  if (expires < current) {
    return `Recert already records this ${ruleSet.credential} as expiring ${formatDate(current)}, later than ${formatDate(expires)}: correct the roster, or change the credential on the trainer's dashboard`;
  }
  // A later expiration is a renewal: the application recorded for the old cycle has done its work.
  const clearsApplication = expires !== current && match.applicationSubmitted !== null;
  return { kind: 'update', id: match.id, from: match, expires, number: newNumber, clearsApplication };
}

/** The optional CPR/AED card columns of a row: all empty is no card; otherwise each is needed. */
function readCard(
  row: CsvRow,
  columns: Record<Column, number>,
  problem: (column: Column, message: string) => void,
  date: (column: Column) => CalendarDate | undefined,
): Omit<RosterCard, 'alreadyRecorded'> | null {
  if (CARD_COLUMNS.every((c) => !cellOf(row, columns[c]))) return null;
  const provider = cellOf(row, columns.cprProvider);
  if (!provider) problem('cprProvider', 'is required with a CPR/AED card (for example American Red Cross)');
  else if (provider.length > 200) problem('cprProvider', 'is too long (at most 200 characters)');
  const completed = date('cprCompleted');
  const expires = date('cprExpires');
  if (completed && expires && expires < completed) problem('cprExpires', 'must not be before the CPR/AED completion date');
  const handsOnText = cellOf(row, columns.cprHandsOn).toLowerCase();
  const handsOn = YES.has(handsOnText) ? true : NO.has(handsOnText) ? false : undefined;
  if (handsOn === undefined) {
    problem(
      'cprHandsOn',
      handsOnText
        ? `"${cellOf(row, columns.cprHandsOn)}" is not yes or no (yes: the card included a hands-on skills check)`
        : 'is required with a CPR/AED card: yes when it included a hands-on skills check, no for online only',
    );
  }
  if (!provider || provider.length > 200 || !completed || !expires || expires < completed || handsOn === undefined) return null;
  return { provider, completed, expires, handsOn };
}

/** What one row will do, in words. */
function actionOf(row: RosterPlanRow): string {
  const parts: string[] = [];
  const c = row.credential;
  if (!row.existingPersonId) parts.push(c && c.effect.kind === 'add' ? 'Add person and credential' : 'Add person');
  else if (c?.effect.kind === 'add') parts.push('Add credential to existing person');
  if (c?.effect.kind === 'update') {
    const { from, expires, number } = c.effect;
    if (expires !== from.expires) parts.push(`update expiration ${formatDate(from.expires)} → ${formatDate(expires)}`);
    if (number !== from.number) parts.push(from.number ? `update number ${from.number} → ${number}` : `add number ${number}`);
    if (c.effect.clearsApplication) parts.push(`close the application recorded on ${formatDate(from.applicationSubmitted ?? '')}`);
  }
  if (row.card && !row.card.alreadyRecorded) parts.push('add CPR/AED card');
  if (!row.existingPersonId && !c) parts.push('no credential on file');
  if (parts.length === 0) return 'Already in Recert';
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What the app shows before Import: each row and what it will do, the totals, and what skipping leaves out. */
export function rosterPreview(plan: RosterPlan): RosterPreview {
  const newPeople = new Set(plan.rows.filter((r) => !r.existingPersonId).map((r) => r.personKey));
  const people = new Set(plan.rows.map((r) => r.personKey));
  const newCredentials = plan.rows.filter((r) => r.credential?.effect.kind === 'add').length;
  const updatedCredentials = plan.rows.filter((r) => r.credential?.effect.kind === 'update').length;
  const newCards = plan.rows.filter((r) => r.card && !r.card.alreadyRecorded).length;
  const changes = [
    newPeople.size > 0 ? count(newPeople.size, 'new person', 'new people') : null,
    newCredentials > 0 ? count(newCredentials, 'new credential', 'new credentials') : null,
    updatedCredentials > 0 ? count(updatedCredentials, 'credential updated', 'credentials updated') : null,
    newCards > 0 ? count(newCards, 'CPR/AED card', 'CPR/AED cards') : null,
  ].filter((part): part is string => part !== null);
  const skipped = plan.badLines.length;
  return {
    summaryText: changes.length > 0 ? `${listInWords(changes)}.` : 'Nothing new: every row is already in Recert.',
    rows: plan.rows.map((r) => ({
      line: r.line,
      name: r.name,
      employeeId: r.employeeId,
      credential: r.credential ? `${r.credential.label}${r.credential.number ? ` · ${r.credential.number}` : ''}` : 'No credential on file',
      expires: r.credential?.expires ?? null,
      cprAed: r.card ? `${r.card.provider} · expires ${formatDate(r.card.expires)}${r.card.handsOn ? '' : ' · online only'}` : null,
      action: actionOf(r),
    })),
    problems: plan.problems,
    problemsHeading:
      skipped === 0
        ? null
        : plan.rows.length === 0
          ? `Nothing can be imported until ${skipped === 1 ? 'this row is' : 'these rows are'} fixed in the file:`
          : `${count(skipped, 'row has a problem', 'rows have problems')}: fix ${skipped === 1 ? 'it' : 'them'} in the file, or import the other rows and skip ${skipped === 1 ? 'it' : 'them'}:`,
    skippedLines: plan.badLines,
    skippedText:
      skipped === 0
        ? null
        : `Skipped ${count(skipped, 'row', 'rows')} with problems: ${skipped === 1 ? 'line' : 'lines'} ${listInWords(plan.badLines.map(String))}.`,
    importText:
      plan.rows.length === 0
        ? null
        : skipped > 0
          ? `Import ${count(people.size, 'person', 'people')}; skip ${count(skipped, 'row', 'rows')}`
          : `Import ${count(people.size, 'person', 'people')}`,
    newPeople: newPeople.size,
    newCredentials,
    updatedCredentials,
    newCards,
  };
}

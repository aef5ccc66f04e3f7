// The manager's report from everyone's verdicts: rows most urgent first, and the summary counts.
// Pure: the verdicts come in, the report goes out; the same function serves the Team screen, the CSV
// and PDF reports and `recert team`.
import { daysBetween, type CalendarDate } from '../dates';
import type { CprAedCard, Credential, Person } from '../domain/records';
import type { DeadlineKind, PersonWithoutCredential, TeamFilter, TeamReport, TeamRow, TeamSummary } from '../domain/team';
import { missingCertificates, type VerdictSummary } from '../domain/verdict';
import type { RuleSet } from '../rules/ruleset-schema';

/** One credential of an active person, evaluated. */
export interface TeamEntry {
  person: Person;
  credential: Credential;
  verdict: VerdictSummary;
  ruleSet: RuleSet;
  /** The CPR/AED card the verdict names, if any. */
  card: CprAedCard | undefined;
}

const EXPIRING_WINDOWS = [30, 60, 90] as const;

function auditOpen(credential: Credential): boolean {
  return credential.auditNoticeReceived !== null && credential.documentsSent === null;
}

/**
 * The first deadline on or after the as-of date that still applies to this credential. The CPR/AED
 * card's expiry always does: a gym requires a current card of all its staff, lapsed or not.
 */
function nextDeadline(entry: TeamEntry, asOf: CalendarDate): TeamRow['nextDeadline'] {
  const d = entry.verdict.deadlines;
  // A lapsed credential, or one whose application is recorded, has no renewal deadline left to meet.
  const open = entry.credential.applicationSubmitted === null && entry.verdict.status !== 'lapsed';
  const candidates: [DeadlineKind, string | null][] = [
    ['audit-due', auditOpen(entry.credential) ? d.auditDue : null],
    ...(open
      ? ([
          ['expiration', d.expiration],
          ['courses-by', d.coursesBy],
          ['late-fee-from', d.lateFeeFrom],
          ['additional-fee-from', d.additionalFeeFrom],
          ['final-application', d.finalApplication],
        ] as [DeadlineKind, string | null][])
      : []),
    ['cpr-aed-expires', entry.card ? entry.card.expires : null],
  ];
  let next: TeamRow['nextDeadline'] = null;
  for (const [kind, date] of candidates) {
    if (date === null || date < asOf) continue;
    if (!next || date < next.date) next = { kind, date };
  }
  return next;
}

const CURRENT_STATUSES: ReadonlySet<string> = new Set(['in-progress', 'ready', 'submitted']);

export function teamRow(entry: TeamEntry, asOf: CalendarDate): TeamRow {
  const { person, credential, verdict, ruleSet, card } = entry;
  const required = ruleSet.cprAed.required.value;
  const cardCurrent = card !== undefined && card.expires >= asOf;
  // A card that satisfies the body, or one that does but runs out too soon to apply with (ISSA): current today.
  const cardAccepted = verdict.cprAed.ok || verdict.cprAed.reason === 'expires-too-soon';
  const auditDue = auditOpen(credential) ? verdict.deadlines.auditDue : null;
  const requirementsMet = (verdict.status === 'ready' || verdict.status === 'submitted') && verdict.blockers.length === 0;
  return {
    person: person.id,
    name: person.name,
    employeeId: person.employeeId,
    credential: credential.id,
    ruleSet: credential.ruleSet,
    number: credential.number,
    status: verdict.status,
    // A manager's "compliant": what the gym can count on today, not whether the renewal is ready.
    compliant:
      CURRENT_STATUSES.has(verdict.status) && (!required || (cardCurrent && cardAccepted)) && !(auditDue !== null && auditDue < asOf),
    requirementsMet,
    expiration: verdict.deadlines.expiration,
    daysToExpiration: daysBetween(asOf, verdict.deadlines.expiration),
    remaining: verdict.ceus.remaining,
    unit: ruleSet.unit.plural,
    cprAed: { ok: verdict.cprAed.ok, reason: verdict.cprAed.reason, expires: card?.expires ?? null, required, current: cardCurrent },
    auditDue,
    missingCertificates: missingCertificates(verdict),
    nextDeadline: nextDeadline(entry, asOf),
  };
}

/**
 * A credential a manager must act on now: expired or lapsed, its holder's CPR/AED not current, or
 * its audit documents overdue. The one definition behind the Team screen's "Out of compliance".
 */
export function outOfCompliance(row: TeamRow, asOf: CalendarDate): boolean {
  if (row.status === 'expired-late' || row.status === 'expired-additional-fee' || row.status === 'lapsed') return true;
  if (!row.cprAed.ok || cprAedCardExpired(row)) return true;
  return row.auditDue !== null && row.auditDue < asOf;
}

/** Which summary counts a row belongs to: one definition for the counts and the screen's filters. */
export function filtersOf(row: TeamRow, entry: Pick<TeamEntry, 'credential'>, asOf: CalendarDate): TeamFilter[] {
  const filters: TeamFilter[] = [];
  if (row.compliant) filters.push('compliant');
  if (row.requirementsMet) filters.push('requirements-met');
  const expiring = entry.credential.applicationSubmitted === null && (row.status === 'in-progress' || row.status === 'ready');
  for (const days of EXPIRING_WINDOWS) {
    if (expiring && row.daysToExpiration >= 0 && row.daysToExpiration <= days) filters.push(`expiring-${days}`);
  }
  if (row.status === 'expired-late' || row.status === 'expired-additional-fee') filters.push('expired');
  if (row.status === 'lapsed') filters.push('lapsed');
  if (!row.cprAed.ok || cprAedCardExpired(row)) filters.push('cpr-aed-not-ok');
  if (entry.credential.auditNoticeReceived !== null && entry.credential.documentsSent === null) filters.push('audit-open');
  if (outOfCompliance(row, asOf)) filters.push('out-of-compliance');
  return filters;
}

/** The body requires a card and the one on file has expired: the credential cannot be counted on. */
export function cprAedCardExpired(row: TeamRow): boolean {
  return row.cprAed.required && row.cprAed.expires !== null && !row.cprAed.current;
}

/**
 * Most urgent first: no longer current (lapsed, then expired, the longest overdue first), then a
 * required CPR/AED card that expired, then open audits by their due date, then by days to
 * expiration; applications already submitted come last.
 */
function urgencyGroup(row: TeamRow): number {
  if (row.status === 'lapsed') return 0;
  if (row.status === 'expired-additional-fee' || row.status === 'expired-late') return 1;
  if (cprAedCardExpired(row)) return 2;
  if (row.auditDue !== null) return 3;
  if (row.status === 'submitted') return 5;
  return 4;
}

export function compareUrgency(a: TeamRow, b: TeamRow): number {
  const group = urgencyGroup(a) - urgencyGroup(b);
  if (group !== 0) return group;
  if (a.auditDue !== null && b.auditDue !== null && a.auditDue !== b.auditDue) return a.auditDue < b.auditDue ? -1 : 1;
  return a.daysToExpiration - b.daysToExpiration || a.name.localeCompare(b.name) || a.credential.localeCompare(b.credential);
}

export interface RankedRow {
  row: TeamRow;
  entry: TeamEntry;
  filters: TeamFilter[];
}

/** Rows in urgency order with the filters each belongs to, and the summary counted from those filters. */
export function rankTeam(
  entries: readonly TeamEntry[],
  people: readonly Person[],
  asOf: CalendarDate,
): { ranked: RankedRow[]; summary: TeamSummary; withoutCredential: PersonWithoutCredential[] } {
  const ranked = entries.map((entry) => {
    const row = teamRow(entry, asOf);
    return { row, entry, filters: filtersOf(row, entry, asOf) };
  });
  ranked.sort((a, b) => compareUrgency(a.row, b.row));
  const holders = new Set(entries.map((e) => e.person.id));
  const withoutCredential = people
    .filter((p) => !holders.has(p.id))
    .map((p) => ({ person: p.id, name: p.name, employeeId: p.employeeId }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const summary: TeamSummary = {
    people: people.length,
    credentials: ranked.length,
    compliant: 0,
    requirementsMet: 0,
    expiringWithin: { '30': 0, '60': 0, '90': 0 },
    expired: 0,
    lapsed: 0,
    cprAedNotOk: 0,
    auditsOpen: 0,
    withoutCredential: withoutCredential.length,
  };
  // null: a filter the screen offers that is not one of the summary's counts.
  const counters: Record<TeamFilter, (() => void) | null> = {
    compliant: () => (summary.compliant += 1),
    'requirements-met': () => (summary.requirementsMet += 1),
    'expiring-30': () => (summary.expiringWithin['30'] += 1),
    'expiring-60': () => (summary.expiringWithin['60'] += 1),
    'expiring-90': () => (summary.expiringWithin['90'] += 1),
    expired: () => (summary.expired += 1),
    lapsed: () => (summary.lapsed += 1),
    'cpr-aed-not-ok': () => (summary.cprAedNotOk += 1),
    'audit-open': () => (summary.auditsOpen += 1),
    'out-of-compliance': null,
  };
  for (const { filters } of ranked) for (const filter of filters) counters[filter]?.();
  return { ranked, summary, withoutCredential };
}

/** The report of the active people given and their entries. */
export function buildTeamReport(entries: readonly TeamEntry[], people: readonly Person[], asOf: CalendarDate): TeamReport {
  const { ranked, summary, withoutCredential } = rankTeam(entries, people, asOf);
  return { asOf, summary, rows: ranked.map((r) => r.row), withoutCredential };
}

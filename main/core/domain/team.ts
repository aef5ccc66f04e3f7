// The gym manager's report: one row per credential of every active person, most urgent first, and
// the counts a manager reads first. The field names are those `recert team --json` prints
// (docs/cli.md); the screen's view adds the words and tones to show them.
import type { CprAedReason, Status } from './verdict';
import type { Tone } from './views';

export type DeadlineKind =
  'audit-due' | 'expiration' | 'courses-by' | 'late-fee-from' | 'additional-fee-from' | 'final-application' | 'cpr-aed-expires';

export interface TeamSummary {
  /** Active people. */
  people: number;
  /** Rows: credentials of active people. */
  credentials: number;
  /**
   * Rows a manager can count on today: the credential is current (not expired or lapsed), its CPR/AED
   * card is current where the body requires one, and no audit is overdue.
   */
  compliant: number;
  /** Rows ready to renew: status ready or submitted and no blockers. */
  requirementsMet: number;
  /** Rows with no application, status in-progress or ready, expiring 0…N days after the as-of date (cumulative). */
  expiringWithin: { '30': number; '60': number; '90': number };
  /** Status expired-late or expired-additional-fee. */
  expired: number;
  lapsed: number;
  cprAedNotOk: number;
  /** Audit notice recorded, documents not sent. */
  auditsOpen: number;
  /** Active people with no credential on file (they have no rows). */
  withoutCredential: number;
}

export interface TeamRow {
  person: string;
  name: string;
  employeeId: string | null;
  credential: string;
  ruleSet: string;
  number: string | null;
  status: Status;
  /** Current, CPR/AED current where required, no audit overdue (see TeamSummary.compliant). */
  compliant: boolean;
  /** Ready to renew: status ready or submitted and no blockers. */
  requirementsMet: boolean;
  expiration: string;
  /** Negative once passed. */
  daysToExpiration: number;
  /** What remains, in the body's unit. */
  remaining: number;
  unit: string;
  /**
   * ok and reason as in evaluate (on the application date once one is recorded); required: the body
   * requires a card; current: the card named has not expired on the as-of date.
   */
  cprAed: { ok: boolean; reason: CprAedReason; expires: string | null; required: boolean; current: boolean };
  /** The audit documents' due date while the audit is open, else null. */
  auditDue: string | null;
  /** Counted courses and the relied-on card without a certificate file. */
  missingCertificates: number;
  nextDeadline: { kind: DeadlineKind; date: string } | null;
}

/** An active person with no credential on file: in the report, but in no count but people. */
export interface PersonWithoutCredential {
  person: string;
  name: string;
  employeeId: string | null;
}

export interface TeamReport {
  asOf: string;
  summary: TeamSummary;
  rows: TeamRow[];
  withoutCredential: PersonWithoutCredential[];
}

/** The summary counts a screen can filter by; each row carries the ones it belongs to. */
export const teamFilters = [
  'compliant',
  'requirements-met',
  'expiring-30',
  'expiring-60',
  'expiring-90',
  'expired',
  'lapsed',
  'cpr-aed-not-ok',
  'audit-open',
  // Not a summary count: the Status control's "Out of compliance" (see outOfCompliance in team/report).
  'out-of-compliance',
] as const;
export type TeamFilter = (typeof teamFilters)[number];

/** A row as the Team screen shows it: the report's fields, their words and tones, and its filters. */
export interface TeamViewRow extends TeamRow {
  /** Position in the urgency order (0 = most urgent), for sorting back to it. */
  urgency: number;
  /** "NASM-CPT · NASM-123456"; credentialType alone, "NASM-CPT". */
  credentialName: string;
  credentialType: string;
  /** The status in a word or two ("Expired (late fee)"); statusDetail is the full sentence. */
  statusText: string;
  statusDetail: string;
  statusTone: Tone;
  /** "31 Mar 2027 · in 128 days", "12 Sep 2026 · 72 days ago". */
  expirationText: string;
  expirationTone: Tone;
  remainingText: string;
  cprAedText: string;
  cprAedTone: Tone;
  auditText: string | null;
  auditTone: Tone;
  nextDeadlineText: string | null;
  filters: TeamFilter[];
}

export interface TeamMatrix {
  /** One column per credential type held by anyone on the team. */
  columns: { ruleSet: string; label: string }[];
  rows: {
    person: string;
    name: string;
    employeeId: string | null;
    /**
     * One cell per column, in column order; text "—" where the person holds no such credential.
     * needed: what the credential still needs, in the body's unit; null when nothing remains.
     */
    cells: { text: string; tone: Tone; credential: string | null; needed: string | null }[];
    cprAed: { text: string; tone: Tone };
  }[];
}

export interface TeamView {
  asOf: string;
  summary: TeamSummary;
  /** The summary as the screen's filter buttons: label, count (and as shown: "15,000"), and the filter each applies. */
  counts: { filter: TeamFilter | null; label: string; count: number; figure: string; tone: Tone; definition: string | null }[];
  /** What "Compliant" and "Requirements met" mean, as the screen and the report define them. */
  definitions: { term: string; text: string }[];
  rows: TeamViewRow[];
  /** Active people with no credential on file, with their CPR/AED card in words. */
  withoutCredential: (PersonWithoutCredential & { text: string; cprAedText: string; cprAedTone: Tone })[];
  matrix: TeamMatrix;
  /** Choices for the screen's filters, with their words. */
  options: {
    ruleSets: { value: string; label: string }[];
    statuses: { value: string; label: string }[];
    /** The summary's filters and "Out of compliance", as the Status control offers them. */
    filters: { value: TeamFilter; label: string }[];
  };
}

/** The columns the Team screen's table sorts by ('urgency': most urgent first, the report's order). */
export const teamSortColumns = [
  'urgency',
  'name',
  'credential',
  'status',
  'expiration',
  'remaining',
  'cprAed',
  'audit',
  'missing',
] as const;
export type TeamSortColumn = (typeof teamSortColumns)[number];

/** Which credentials the Team screen shows: every field narrows, an absent one does not. */
export interface TeamQuery {
  filter?: TeamFilter | undefined;
  ruleSet?: string | undefined;
  status?: Status | undefined;
  cprAed?: 'ok' | 'not-ok' | undefined;
  audit?: 'open' | 'none' | undefined;
  /** Part of a name or employee ID, without regard to case or accents. */
  search?: string | undefined;
}

export interface TeamPageQuery extends TeamQuery {
  sort?: TeamSortColumn | undefined;
  descending?: boolean | undefined;
  offset: number;
  limit: number;
}

/** One page of the Team screen's rows, sorted and filtered in main. */
export interface TeamPage {
  asOf: string;
  offset: number;
  /** Rows matching the query. */
  total: number;
  /** Every row (credentials of active people). */
  all: number;
  /** "26 credentials", "1 of 26 credentials". */
  countText: string;
  rows: TeamViewRow[];
}

/** The Team screen without its rows and matrix, which it reads a page (or a selection) at a time. */
export type TeamOverview = Omit<TeamView, 'rows' | 'matrix'>;

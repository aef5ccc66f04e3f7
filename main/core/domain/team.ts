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
  /** Rows with status ready or submitted and no blockers. */
  compliant: number;
  /** Rows with no application, status in-progress or ready, expiring 0…N days after the as-of date (cumulative). */
  expiringWithin: { '30': number; '60': number; '90': number };
  /** Status expired-late or expired-additional-fee. */
  expired: number;
  lapsed: number;
  cprAedNotOk: number;
  /** Audit notice recorded, documents not sent. */
  auditsOpen: number;
}

export interface TeamRow {
  person: string;
  name: string;
  employeeId: string | null;
  credential: string;
  ruleSet: string;
  number: string | null;
  status: Status;
  compliant: boolean;
  expiration: string;
  /** Negative once passed. */
  daysToExpiration: number;
  /** What remains, in the body's unit. */
  remaining: number;
  unit: string;
  cprAed: { ok: boolean; reason: CprAedReason; expires: string | null };
  /** The audit documents' due date while the audit is open, else null. */
  auditDue: string | null;
  /** Counted courses and the relied-on card without a certificate file. */
  missingCertificates: number;
  nextDeadline: { kind: DeadlineKind; date: string } | null;
}

export interface TeamReport {
  asOf: string;
  summary: TeamSummary;
  rows: TeamRow[];
}

/** The summary counts a screen can filter by; each row carries the ones it belongs to. */
export const teamFilters = [
  'compliant',
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
  credentialName: string;
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
    /** One cell per column, in column order; text "—" where the person holds no such credential. */
    cells: { text: string; tone: Tone; credential: string | null }[];
    cprAed: { text: string; tone: Tone };
  }[];
}

export interface TeamView {
  asOf: string;
  summary: TeamSummary;
  /** The summary as the screen's filter buttons: label, count, and the filter each applies. */
  counts: { filter: TeamFilter | null; label: string; count: number; tone: Tone }[];
  rows: TeamViewRow[];
  matrix: TeamMatrix;
  /** Choices for the screen's filters, with their words. */
  options: {
    ruleSets: { value: string; label: string }[];
    statuses: { value: string; label: string }[];
    /** The summary's filters and "Out of compliance", as the Status control offers them. */
    filters: { value: TeamFilter; label: string }[];
  };
}

// A stack of certificates taken in at once (`recert intake`, the app's inbox): what each file is
// proposed to become, and how it stands. Pure TypeScript: the renderer's type-check includes it.
import type { AttachmentMediaType } from './records';
import type { ScannedDocument, ScannedFields, ScanResult } from './scan';

export const intakeStatuses = [
  'proposed',
  'applied',
  'already-attached',
  'possible-duplicate',
  'unmatched',
  'unreadable',
  'skipped',
] as const;
export type IntakeStatus = (typeof intakeStatuses)[number];

export type MatchedBy = 'name' | 'employee-id' | 'certification-number';

export interface IntakeRecord {
  kind: 'course' | 'cpr-aed-card';
  /** The stored record's id once filed; null while it is only proposed. */
  id: string | null;
  fields: ScannedFields;
}

/** One file of `recert intake --json` (docs/cli.md). */
export interface IntakeFileReport {
  file: string;
  sha256: string | null;
  document: ScannedDocument;
  status: IntakeStatus;
  /** Words, for every status but applied and proposed. */
  reason: string | null;
  person: string | null;
  match: { by: MatchedBy; confidence: number } | null;
  credentials: string[];
  records: IntakeRecord[];
  duplicateOf: string | null;
  /** Not filed, but kept in the app's certificate inbox to be reviewed there (`recert intake`). */
  inInbox: boolean;
}

export interface IntakeSummary {
  files: number;
  applied: number;
  proposed: number;
  alreadyAttached: number;
  possibleDuplicates: number;
  unmatched: number;
  unreadable: number;
  skipped: number;
  inInbox: number;
}

export interface IntakeReport {
  files: IntakeFileReport[];
  summary: IntakeSummary;
}

/** Corrections a person makes to one proposal before filing it: each replaces what was read. */
export interface IntakeCorrection {
  personId?: string | null | undefined;
  credentialIds?: string[] | undefined;
  title?: string | undefined;
  provider?: string | undefined;
  completed?: string | undefined;
  ceus?: number | null | undefined;
  contactHours?: number | null | undefined;
  expires?: string | undefined;
}

/** One file of the app's inbox, in words. */
export interface InboxItem {
  id: string;
  fileName: string;
  status: IntakeStatus;
  /** "Course certificate", "CPR/AED card", "Transcript of 3 courses", "Not a certificate". */
  documentText: string;
  /** "Ready to file", "Check before filing", "Possible duplicate", … */
  statusText: string;
  /** Why it is not ready (the reason, or each field to check). */
  notes: string[];
  person: { id: string; name: string } | null;
  /** "Matched by name (92 % sure)" or null. */
  matchText: string | null;
  credentialIds: string[];
  /** Each record it would create, in a line: "Corrective Exercise Specialist, NASM, 1 Feb 2026, 1.9 CEUs". */
  recordLines: string[];
  /** For the fix form: the single record's current fields (a transcript is fixed course by course after filing). */
  editable: {
    kind: 'course' | 'cpr-aed-card';
    title: string;
    provider: string;
    completed: string;
    ceus: number | null;
    contactHours: number | null;
    expires: string;
  } | null;
  /** True when it can be filed as it stands (a person and every field needed). */
  canFile: boolean;
  /** Sure enough to be filed with "File all ready". */
  sure: boolean;
  duplicateOf: { id: string; kind: 'course' | 'cpr-aed-card'; text: string } | null;
}

export interface InboxView {
  items: InboxItem[];
  /** "12 files: 9 ready to file, 2 to check, 1 not a certificate." */
  summaryText: string;
  /** The people a file may be given to (active people, by name). */
  people: { id: string; name: string; credentials: { id: string; label: string }[] }[];
}

export interface InboxFiled {
  view: InboxView;
  /** "Filed 9 certificates: 8 courses and 1 CPR/AED card." */
  text: string;
}

/** A file as the intake found it: read, refused with a reason, or not a certificate type. */
export type IntakeRead =
  | { kind: 'read'; file: string; sha256: string; mediaType: AttachmentMediaType; size: number; result: ScanResult; text: string[] }
  | { kind: 'stored'; file: string; sha256: string }
  | { kind: 'unreadable'; file: string; sha256: string | null; reason: string }
  | { kind: 'skipped'; file: string; sha256: string | null; reason: string };

// What the service returns for the screens to show: records with their verdicts already in words,
// colours as tones, dates and amounts already formatted where a screen would otherwise have to
// decide. The renderer displays these as they are.
import type { Course, ApprovalKind, Credential, Person, StoredAttachment, Theme } from './records';
import type { RuleId, VerdictHead } from './verdict';

/** How a verdict should look: the renderer maps a tone to a colour, never a verdict to a tone. */
export type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

/** A finding in plain words: what is wrong or worth knowing, and what to do about it. */
export interface Explained {
  /** The engine's code; for a group of the same finding, the shared part (e.g. "no-certificate"). */
  code: string;
  /**
   * What a finding is about, when it names records (courses, a card) or categories: the first of
   * them and how many, which is what a screen links to. Not the whole list: a busy trainer's
   * "15,414 counted courses have no certificate" would otherwise send every id to the screen.
   */
  about?: { first: string; count: number };
  /** What is wrong or worth knowing. */
  title: string;
  /** What the user can do about it. */
  action: string;
  /** The rule behind the finding; null when it comes from no counting rule (e.g. a missing file). */
  rule: RuleId | null;
}

export interface Attachment extends StoredAttachment {
  /** Where the app can show the file (HEIC photos converted): the attachment: scheme, or browser mode's route. */
  previewUrl: string;
}

export interface Settings {
  /** Where the database and certificate files live (read-only here: set RECERT_DATA_DIR to move it). */
  dataDir: string;
  theme: Theme;
}

export interface RuleSetSummary {
  id: string;
  name: string;
  credential: string;
  body: string;
  unit: { singular: string; plural: string };
  /** $ per petitioned course, when the body states one. */
  petitionFee: number | null;
  /** Days to send documents after an audit notice, when the body states it. */
  auditResponseDays: number | null;
  /** Course categories the rule set counts separately (NSCA A–D, NCSF ethics…); usually none. */
  categories: { id: string; name: string }[];
}

/** One sourced figure of a rule set, in words: "Days to send documents after an audit notice: 30". */
export interface RuleFigure {
  /** Stable key of the figure (its place in the rule set). */
  key: string;
  rule: RuleId;
  label: string;
  value: string;
  source: { title: string; url: string | null };
  verifiedOn: string;
  quote: string | null;
  decision: string | null;
  note: string | null;
  unverified: boolean;
}

/** A rule set as a person reads it: its rules, their decisions, and every figure with its source. */
export interface RuleSetDetails extends RuleSetSummary {
  version: string;
  rules: { id: RuleId; title: string; text: string; decision: string | null }[];
  figures: RuleFigure[];
  /** The CPR/AED waiver window the user may set (NASM's COVID-19 waiver); null when the rule set has none. */
  cprAedWaiver: { from: string; until: string | null } | null;
}

/** A verdict with everything a screen needs to show it: names, plain words, tones, actions, rule ids. */
export interface CredentialEvaluation {
  asOf: string;
  person: Person;
  credential: Credential;
  ruleSet: RuleSetSummary;
  /**
   * The engine's verdict without its per-course parts: each course's verdict comes with the course
   * log (queryCourseLog), and the warnings, grouped and in words, in `warnings` below.
   */
  verdict: Omit<VerdictHead, 'explain'>;
  /** e.g. "Expired — late fee applies until 29 Jun 2027". */
  statusText: string;
  statusTone: Tone;
  /** The CPR/AED verdict in words, e.g. "Current until 1 Jun 2027: Adult CPR and AED, hands-on". */
  cprAedText: string;
  cprAedTone: Tone;
  blockers: Explained[];
  warnings: Explained[];
  /** Days from the as-of date to the audit due date (negative once overdue); null without an open audit. */
  auditDaysLeft: number | null;
  /** What the recertification panel says about applying, e.g. "You can apply now: standard fee." */
  applicationText: string;
  /**
   * Said once more before an application is recorded while the requirement is not met: "You have
   * 1.4 / 2.0 CEUs: 0.6 CEUs short of what NASM-CPT requires. …"; null when nothing is short or pending.
   */
  applicationShortfallText: string | null;
  /** Progress bars in the body's unit, with their figures already in words: "1.5 / 1.9 CEUs". */
  meters: { label: string; value: number; required: number; text: string; met: boolean }[];
  /** Notes under the meters: pending petitions, petition fees, a CPR/AED card that earns no units. */
  notes: string[];
  /** The one thing most worth doing next, shown as the card's main button; null when nothing is due. */
  nextAction: NextAction | null;
}

export type NextActionKind = 'export-packet' | 'add-course' | 'add-card' | 'attach-certificates' | 'record-application';
export interface NextAction {
  kind: NextActionKind;
  label: string;
}

export const courseLogSortKeys = ['completed', 'title', 'provider', 'amount', 'approval', 'status'] as const;
export type CourseLogSortKey = (typeof courseLogSortKeys)[number];

export interface CourseLogQuery {
  personId: string;
  credentialId?: string | undefined;
  approval?: ApprovalKind | undefined;
  cycle?: 'current' | 'all' | undefined;
  /** Only counted courses without a certificate file (what an audit would miss). */
  missingCertificates?: boolean | undefined;
  search?: string | undefined;
  sort?: { key: CourseLogSortKey; direction: 'asc' | 'desc' } | undefined;
  offset: number;
  limit: number;
}

export interface CourseLogRow extends Course {
  /** The amount as printed on the certificate, with its unit: "1.9 CEUs", "19 h". */
  amountText: string;
  certificates: number;
  /** The engine's verdict for each credential the course counts toward; `text` is it in words, in the body's unit. */
  verdicts: {
    credentialId: string;
    credential: string;
    counted: boolean;
    reason: string;
    reasonText: string;
    amount: number;
    text: string;
  }[];
}

export interface CourseLogPage {
  /** Rows matching the filters, and rows in all. */
  total: number;
  all: number;
  /** Both in words: "15,414 of 100,000 courses", "1 of 1 course". */
  countText: string;
  offset: number;
  rows: CourseLogRow[];
}

export interface AuditChecklist {
  credentialId: string;
  auditDue: string | null;
  daysLeft: number | null;
  documentsSent: string | null;
  /** The countdown in words: "12 days left: documents due 23 Dec 2026.", "Documents sent on …". */
  countdownText: string | null;
  countdownTone: Tone;
  items: { label: string; state: 'ok' | 'missing' | 'todo'; detail: string }[];
  missing: number;
  /**
   * "Everything an auditor needs is here." only when nothing is short, pending or missing; otherwise
   * each of those in words: "1.4 / 2.0 CEUs: the packet will show a shortfall of 0.6 CEUs. 2 items are missing."
   */
  summaryText: string;
  summaryTone: Tone;
}

/** What petitioning a course would cost under the credentials it counts toward, in words. */
export interface PetitionFeeNotice {
  fee: number | null;
  text: string | null;
}

/** An audit packet being written: started by startPacketExport (null when the save dialog was dismissed). */
export interface PacketExportStatus {
  jobId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  message: string;
  fileName: string;
  /** Where the packet was saved (desktop app), once done. */
  savedTo: string | null;
  /** Browser mode: a same-origin link that downloads the finished packet. */
  downloadPath: string | null;
  /** The desktop app can reveal the saved file in the system's file manager. */
  canShowInFolder: boolean;
  error: string | null;
}

/** A file made for the user (a report): saved where they chose (desktop) or ready to download (browser mode). */
export interface FileDelivery {
  fileName: string;
  /** Desktop: where the file was saved. */
  savedTo: string | null;
  /** Browser mode: a same-origin link that downloads the file. */
  downloadPath: string | null;
}

/** A staff roster read from CSV, before anything is written: each good row's effect, and every problem. */
export interface RosterPreview {
  rows: {
    line: number;
    name: string;
    employeeId: string | null;
    /** "NASM-CPT · NASM-1", or "No credential on file". */
    credential: string;
    expires: string | null;
    /** The CPR/AED card the row brings, in words, or null. */
    cprAed: string | null;
    /** "Add person and credential", "Update expiration 31 Dec 2026 → 31 Dec 2028", "Already in Recert". */
    action: string;
  }[];
  /** "line 4, Dana Rivera, expiration date: …": the rows Import leaves out (all of them unless asked to skip). */
  problems: string[];
  /** What to say above the problems, or null when there are none. */
  problemsHeading: string | null;
  skippedLines: number[];
  /** "Skipped 2 rows with problems: lines 4 and 9.", or null when none is skipped. */
  skippedText: string | null;
  /** "Import 29 people; skip 2 rows", "Import 30 people"; null when no row can be imported. */
  importText: string | null;
  newPeople: number;
  newCredentials: number;
  updatedCredentials: number;
  newCards: number;
  /** "2 new people, 3 new credentials and 1 credential updated." */
  summaryText: string;
}

/** One backup in Settings' list: in the data folder ("here") or in the second place. */
export interface BackupListItem {
  place: 'here' | 'second';
  name: string;
  sizeText: string;
  madeText: string;
  /** "This computer", or the second place's name ("your drive “BACKUP”"). */
  whereText: string;
  encrypted: boolean;
}

/** The backups Settings shows: both places' newest first, when the last was made, the second place's state, the drill. */
export interface BackupsView {
  folder: string;
  /** "Last backup: 23 Nov 2026, 09:14 (automatic)", or that there is none yet. */
  lastText: string;
  /** The data folder's backups, newest first. */
  backups: BackupListItem[];
  /** What Recert found when it opened the folder and did (an interrupted restore finished or undone), or null. */
  notice: string | null;
  secondPlace: {
    folder: string | null;
    /** "your drive “BACKUP”", or null when none is set. */
    placeText: string | null;
    /** "The last copy reached your drive “BACKUP” on 3 Dec 2026, 09:14 (encrypted)." */
    statusText: string;
    /** "Your backups have not reached your drive “BACKUP” for 9 days: …", or null when all is well. */
    warning: string | null;
    backups: BackupListItem[];
    /** The desktop app can show a folder chooser; browser mode takes a typed path. */
    canChoose: boolean;
  };
  passphrase: {
    set: boolean;
    /** Whether the copies are encrypted, and what that means. */
    text: string;
    /** Where the app keeps it ("in this computer's keychain"). */
    howKeptText: string;
  };
  drill: {
    /** "Last test: 3 Dec 2026, 09:14: both backups restored and checked." or that there was none yet. */
    lastText: string;
    ok: boolean | null;
    /** One line per backup tested, each problem named. */
    lines: string[];
  };
}

/** The recovery sheet to print when the passphrase is set: words from main, the passphrase among them. */
export interface RecoverySheet {
  title: string;
  passphrase: string;
  lines: string[];
}

/** "Check my data": every problem in words, and the files no record uses. */
export interface DataCheckView {
  ok: boolean;
  summary: string;
  problems: string[];
  unusedFiles: string[];
}

/** The kinds of record an import counts, in the order it reports them. */
export type ImportKind = 'people' | 'credentials' | 'courses' | 'cprAedCards';
export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
  /** Stored records the file does not mention: never deleted. */
  kept: number;
}

/** What an import will do (a dry run or the app's preview) or did. */
export interface ImportPreview {
  counts: Record<ImportKind, ImportCounts>;
  certificateFiles: number;
  /** "\"Dana Rivera\" matched by employee ID to the stored \"Dana Rivera\"". */
  matches: string[];
  /** Each record added, updated or kept (unchanged ones are only counted). */
  rows: ImportPreviewRow[];
  /**
   * Stored people whose id the file uses for someone who shares neither their name, e-mail nor
   * employee ID: applied only once the person confirms each one is the same person.
   */
  conflicts: PersonConflict[];
}
export interface PersonConflict {
  /** The stored person's id (also the file's). */
  personId: string;
  storedName: string;
  fileName: string;
  /** "people[0]: \"Sam Okafor\" in the file has the id of the stored \"Dana Rivera\" (p-1), but …". */
  text: string;
  /** What confirming says: "\"Sam Okafor\" in the file is the stored \"Dana Rivera\": update her records…". */
  confirmText: string;
  confirmed: boolean;
}
export interface ImportPreviewRow {
  kind: ImportKind;
  action: 'added' | 'updated' | 'kept';
  person: string;
  label: string;
}

/** The app's "Import records…": the plan in words, or why the file cannot be imported. */
export interface RecordsImportView {
  fileName: string;
  /** True once Apply has written it. */
  applied: boolean;
  /** "People: 1 updated, 24 kept", one line per kind, then certificate files and matches. */
  lines: string[];
  rows: (ImportPreviewRow & { kindText: string; actionText: string })[];
  /** People the file would update though nothing of their identity matches: Apply needs each confirmed. */
  conflicts: PersonConflict[];
  /** Every reason the file is refused (then nothing can be applied). */
  problems: string[];
}

/** The fields a course CSV column can hold, in the order the app's column choice lists them. */
export type CourseCsvField = 'title' | 'provider' | 'completed' | 'ceus' | 'contactHours' | 'approvalCode' | 'approval';

/** The app's course CSV import: the columns as found (or chosen), each row read, or every problem. */
export interface CourseCsvView {
  /** The file's own column names. */
  header: string[];
  /** Which column holds each field (-1: none), with the field's name in words. */
  columns: { field: CourseCsvField; label: string; index: number; required: boolean }[];
  rows: { line: number; title: string; provider: string; completedText: string; amountText: string; approvalText: string }[];
  /** "line 4, date completed: …": when any, Import is refused and nothing is written. */
  problems: string[];
  /** "12 courses for Dana Rivera", or what was imported. */
  summaryText: string;
  applied: boolean;
}

/** What an in-app restore did. */
export interface RestoreView {
  text: string;
}

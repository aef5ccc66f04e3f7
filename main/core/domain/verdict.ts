// The engine's inputs and verdicts: pure types that the rules, the service, the contract and the
// renderer all share. No Node, DOM or Electron import may appear here.
import type { CalendarDate } from '../dates';
import type { ApprovalKind, PetitionStatus } from './records';

/** Rule ids the engine cites; each rule set describes the ones it uses in `rules`. */
export const ruleIds = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11', 'R12', 'R13', 'R14', 'R15'] as const;
export type RuleId = (typeof ruleIds)[number];

/** What the engine needs of a credential: no ids of people, no storage details. */
export interface CredentialFacts {
  id: string;
  expires: CalendarDate;
  /** The first day courses count from, where recorded; NSCA's older records put the certification date here. */
  cycleStart: CalendarDate | null;
  /** The original certification date, where recorded (NSCA prorates its requirement by it). */
  certified: CalendarDate | null;
  applicationSubmitted: CalendarDate | null;
  applicationAccepted: CalendarDate | null;
  auditNoticeReceived: CalendarDate | null;
  documentsSent: CalendarDate | null;
}

export interface CourseFacts {
  id: string;
  title: string;
  provider: string;
  approval: ApprovalKind;
  /** The provider's course or approval number (ACE's CEP code), where recorded. */
  approvalCode: string | null;
  completed: CalendarDate;
  /** Exactly one is set. CEUs follow the 1 CEU = 10 contact hours convention. */
  ceuThousandths: number | null;
  contactHourHundredths: number | null;
  petitionStatus: PetitionStatus | null;
  category: string | null;
  hasCertificate: boolean;
}

export interface CprAedCardFacts {
  id: string;
  completed: CalendarDate;
  expires: CalendarDate;
  adultCpr: boolean;
  aed: boolean;
  handsOn: boolean;
  hasCertificate: boolean;
}

export interface EvaluationInput {
  asOf: CalendarDate;
  credential: CredentialFacts;
  /** The courses assigned to this credential, in record order. */
  courses: readonly CourseFacts[];
  /** The person's CPR/AED cards, in record order. */
  cards: readonly CprAedCardFacts[];
  /**
   * Petitioned courses (a petition recorded) of this credential that are not in `courses`
   * because the caller read only the courses of the counting window (see `countingWindow`): their
   * reasons follow from their dates alone, but each still owes its petition fee (R5). Default 0.
   */
  unlistedPetitions?: number;
}

export type Status = 'in-progress' | 'ready' | 'expired-late' | 'expired-additional-fee' | 'lapsed' | 'submitted';
export type FeeTier = 'standard' | 'late' | 'late-additional';

export type CourseReason =
  | 'not-yet-completed'
  | 'before-cycle'
  | 'after-course-deadline'
  | 'petition-required'
  | 'petition-pending'
  | 'petition-denied'
  | 'repeated-course'
  | 'counted';

export type CprAedReason =
  'ok' | 'online-only-waiver' | 'expired' | 'expires-too-soon' | 'no-adult-cpr' | 'no-aed' | 'online-only-not-accepted' | 'missing';

/** One course's verdict as `recert evaluate` writes it (docs/records-file.md), plus its rule. */
export interface CourseEntry {
  id: string;
  ceus: number;
  counted: boolean;
  reason: CourseReason;
  rule: RuleId;
}

/**
 * Each course's verdict, index for index with the courses the engine was given: three arrays rather
 * than an object per course. A gym has 75,000 course–credential pairs, and the dashboard, the team
 * view and the reminders need none of them as objects; `courseEntries` (rules/verdict-format.ts)
 * makes the objects where a course's verdict is shown or written out.
 */
export interface CourseVerdicts {
  ids: string[];
  reasons: CourseReason[];
  /** In thousandths of the rule set's unit (CEUs), before category caps. */
  units: number[];
}

/**
 * The verdict for one credential: what `recert evaluate` gives (docs/records-file.md), plus rule
 * ids, with the per-course parts kept as lists: `courses` for each course's verdict, and the
 * per-course warnings as the ids they name (`uncertified`, `pendingPetitions`) rather than one code
 * per course. `fileVerdict` (rules/verdict-format.ts) writes it in the file's shape.
 */
export interface Verdict {
  credential: string;
  ruleSet: string;
  cycle: { start: CalendarDate; end: CalendarDate };
  status: Status;
  canSubmit: boolean;
  feeTier: FeeTier | null;
  ceus: {
    required: number;
    coursesRequired: number;
    cprAedRequired: number;
    courses: number;
    cprAed: number;
    total: number;
    pending: number;
    remaining: number;
  };
  courses: CourseVerdicts;
  cprAed: { id: string | null; ok: boolean; reason: CprAedReason; rule: RuleId };
  deadlines: {
    expiration: CalendarDate;
    coursesBy: CalendarDate;
    lateFeeFrom: CalendarDate | null;
    additionalFeeFrom: CalendarDate | null;
    finalApplication: CalendarDate;
    auditDue: CalendarDate | null;
  };
  /** $ owed for the petitions recorded; null when the body charges a fee it quotes no amount for (ACE). */
  petitionFees: number | null;
  blockers: string[];
  /** Every warning that is not about one course, as its code (the CPR/AED card's "no-certificate:k1" included). */
  warnings: string[];
  /** Counted courses without a certificate, in record order: "no-certificate:<id>" in the file. */
  uncertified: string[];
  /** Courses whose petition is pending, in record order: "petition-pending:<id>" in the file. */
  pendingPetitions: string[];
  /** Which rule produced each part of the verdict, so the UI can answer "why?". */
  explain: {
    cycle: RuleId;
    status: RuleId;
    feeTier: RuleId;
    blockers: Record<string, RuleId>;
    /**
     * By the warning's kind, the part of its code before ":" ("no-certificate" for
     * "no-certificate:a1"): the rule depends only on the kind, and a credential with thousands of
     * courses would otherwise carry thousands of entries. The per-course kinds are here too.
     */
    warnings: Record<string, RuleId>;
  };
}

/**
 * A verdict without its per-course entries: all a screen's words and figures are made from this, so
 * a verdict read from the counting window only (see `countingWindow`) can be shown as any other.
 */
export type VerdictSummary = Omit<Verdict, 'courses'>;

/** What every form of a verdict has, the file's included: all but its course and warning lists. */
export type VerdictHead = Omit<Verdict, 'courses' | 'warnings' | 'uncertified' | 'pendingPetitions'>;

/** The verdict as `recert evaluate --json` writes it (docs/records-file.md). */
export type FileVerdict = VerdictHead & { activities: CourseEntry[]; warnings: string[] };

/** Certificates an audit would ask for and that are not attached: the counted courses' and the card's. */
export function missingCertificates(verdict: Pick<Verdict, 'warnings' | 'uncertified'>): number {
  let card = 0;
  for (const code of verdict.warnings) if (code.startsWith('no-certificate:')) card += 1;
  return verdict.uncertified.length + card;
}

/** "no-certificate:a1" → "no-certificate": the key of a warning in `explain.warnings`. */
export function warningKind(code: string): string {
  const colon = code.indexOf(':');
  return colon < 0 ? code : code.slice(0, colon);
}

// The objects a verdict is made of, built by constructors rather than object literals. V8 moves an
// object literal's allocations straight to the old generation once it has seen them survive (verdicts
// kept by a cache or by `recert evaluate`), and each such verdict then holds its young parts (dates,
// amounts, lists) alive through the next collection. Constructed objects are not moved early.
//
// Each constructor takes its fields by name, so that two amounts or two dates cannot trade places
// unseen, and assigns them in the order declared here, so that every verdict has the same shape
// whatever the order its caller wrote them in. A verdict's parts are these classes, not look-alike
// literals: each carries a type-only mark that a literal lacks.
import type { CalendarDate } from '../dates';
import type { CourseReason, CprAedReason, CourseVerdicts, FeeTier, RuleId, Status, Verdict } from '../domain/verdict';

/** A part of the verdict, named so that a class can implement it. */
type Part<K extends keyof Verdict> = Verdict[K];

export class CourseVerdictLists implements CourseVerdicts {
  declare private readonly constructed: never;
  ids: string[];
  reasons: CourseReason[];
  units: number[];
  constructor(lists: CourseVerdicts) {
    this.ids = lists.ids;
    this.reasons = lists.reasons;
    this.units = lists.units;
  }
}

export class CycleDates implements Part<'cycle'> {
  declare private readonly constructed: never;
  start: CalendarDate;
  end: CalendarDate;
  constructor(dates: Part<'cycle'>) {
    this.start = dates.start;
    this.end = dates.end;
  }
}

export class CeuFigures implements Part<'ceus'> {
  declare private readonly constructed: never;
  required: number;
  coursesRequired: number;
  cprAedRequired: number;
  courses: number;
  cprAed: number;
  total: number;
  pending: number;
  remaining: number;
  constructor(figures: Part<'ceus'>) {
    this.required = figures.required;
    this.coursesRequired = figures.coursesRequired;
    this.cprAedRequired = figures.cprAedRequired;
    this.courses = figures.courses;
    this.cprAed = figures.cprAed;
    this.total = figures.total;
    this.pending = figures.pending;
    this.remaining = figures.remaining;
  }
}

export class CprAedChoice implements Part<'cprAed'> {
  declare private readonly constructed: never;
  id: string | null;
  ok: boolean;
  reason: CprAedReason;
  rule: RuleId;
  constructor(choice: Part<'cprAed'>) {
    this.id = choice.id;
    this.ok = choice.ok;
    this.reason = choice.reason;
    this.rule = choice.rule;
  }
}

export class Deadlines implements Part<'deadlines'> {
  declare private readonly constructed: never;
  expiration: CalendarDate;
  coursesBy: CalendarDate;
  lateFeeFrom: CalendarDate | null;
  additionalFeeFrom: CalendarDate | null;
  finalApplication: CalendarDate;
  auditDue: CalendarDate | null;
  constructor(dates: Part<'deadlines'>) {
    this.expiration = dates.expiration;
    this.coursesBy = dates.coursesBy;
    this.lateFeeFrom = dates.lateFeeFrom;
    this.additionalFeeFrom = dates.additionalFeeFrom;
    this.finalApplication = dates.finalApplication;
    this.auditDue = dates.auditDue;
  }
}

export class Explanation implements Part<'explain'> {
  declare private readonly constructed: never;
  cycle: RuleId;
  status: RuleId;
  feeTier: RuleId;
  blockers: Record<string, RuleId>;
  warnings: Record<string, RuleId>;
  constructor(rules: Part<'explain'>) {
    this.cycle = rules.cycle;
    this.status = rules.status;
    this.feeTier = rules.feeTier;
    this.blockers = rules.blockers;
    this.warnings = rules.warnings;
  }
}

/** A verdict's fields, its parts being the classes above. */
export interface VerdictFields extends Verdict {
  cycle: CycleDates;
  ceus: CeuFigures;
  courses: CourseVerdictLists;
  cprAed: CprAedChoice;
  deadlines: Deadlines;
  explain: Explanation;
}

export class CredentialVerdict implements VerdictFields {
  declare private readonly constructed: never;
  credential: string;
  ruleSet: string;
  cycle: CycleDates;
  status: Status;
  canSubmit: boolean;
  feeTier: FeeTier | null;
  ceus: CeuFigures;
  courses: CourseVerdictLists;
  cprAed: CprAedChoice;
  deadlines: Deadlines;
  petitionFees: number | null;
  blockers: string[];
  warnings: string[];
  uncertified: string[];
  pendingPetitions: string[];
  explain: Explanation;
  constructor(verdict: VerdictFields) {
    this.credential = verdict.credential;
    this.ruleSet = verdict.ruleSet;
    this.cycle = verdict.cycle;
    this.status = verdict.status;
    this.canSubmit = verdict.canSubmit;
    this.feeTier = verdict.feeTier;
    this.ceus = verdict.ceus;
    this.courses = verdict.courses;
    this.cprAed = verdict.cprAed;
    this.deadlines = verdict.deadlines;
    this.petitionFees = verdict.petitionFees;
    this.blockers = verdict.blockers;
    this.warnings = verdict.warnings;
    this.uncertified = verdict.uncertified;
    this.pendingPetitions = verdict.pendingPetitions;
    this.explain = verdict.explain;
  }
}

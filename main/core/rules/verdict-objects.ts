// The objects a verdict is made of, built by constructors rather than object literals. V8 moves an
// object literal's allocations straight to the old generation once it has seen them survive (verdicts
// kept by a cache or by `recert evaluate`), and each such verdict then holds its young parts (dates,
// amounts, lists) alive through the next collection. Constructed objects are not moved early: the
// engine over 1,500 credentials went from 21–22 to 18–20 ms whether or not its verdicts were kept.
import type { CalendarDate } from '../dates';
import type { ActivityReason, CprAedReason, CourseVerdicts, FeeTier, RuleId, Status, Verdict } from '../domain/verdict';

/** A part of the verdict, named so that a class can implement it. */
type Part<K extends keyof Verdict> = Verdict[K];

export class CourseVerdictLists implements CourseVerdicts {
  constructor(
    public ids: string[],
    public reasons: ActivityReason[],
    public units: number[],
  ) {}
}

export class CycleDates implements Part<'cycle'> {
  constructor(
    public start: CalendarDate,
    public end: CalendarDate,
  ) {}
}

export class CeuFigures implements Part<'ceus'> {
  constructor(
    public required: number,
    public coursesRequired: number,
    public cprAedRequired: number,
    public courses: number,
    public cprAed: number,
    public total: number,
    public pending: number,
    public remaining: number,
  ) {}
}

export class CprAedChoice implements Part<'cprAed'> {
  constructor(
    public id: string | null,
    public ok: boolean,
    public reason: CprAedReason,
    public rule: RuleId,
  ) {}
}

export class Deadlines implements Part<'deadlines'> {
  constructor(
    public expiration: CalendarDate,
    public coursesBy: CalendarDate,
    public lateFeeFrom: CalendarDate | null,
    public additionalFeeFrom: CalendarDate | null,
    public finalApplication: CalendarDate,
    public auditDue: CalendarDate | null,
  ) {}
}

export class Explanation implements Part<'explain'> {
  constructor(
    public cycle: RuleId,
    public status: RuleId,
    public feeTier: RuleId,
    public blockers: Record<string, RuleId>,
    public warnings: Record<string, RuleId>,
  ) {}
}

export class CredentialVerdict implements Verdict {
  constructor(
    public credential: string,
    public ruleSet: string,
    public cycle: CycleDates,
    public status: Status,
    public canSubmit: boolean,
    public feeTier: FeeTier | null,
    public ceus: CeuFigures,
    public courses: CourseVerdicts,
    public cprAed: CprAedChoice,
    public deadlines: Deadlines,
    public petitionFees: number | null,
    public blockers: string[],
    public warnings: string[],
    public uncertified: string[],
    public pendingPetitions: string[],
    public explain: Explanation,
  ) {}
}

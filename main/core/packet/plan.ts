// What goes into an audit packet, decided before any PDF is drawn: the trainer, the credential, the
// engine's verdict, the summary rows in order and one exhibit per certificate file. Plain data, so
// that it can cross to a worker thread.
import { APPROVAL_TEXT, type AttachmentMediaType } from '../domain/records';
import { formatDate, type CalendarDate } from '../dates';
import { courseReasonText, cprAedReasonText, type Explained } from '../rules/describe';
import { courseEntries } from '../rules/verdict-format';
import type { RuleSet } from '../rules/ruleset-schema';
import type { CourseReason, Verdict } from '../domain/verdict';

export interface ExhibitFile {
  fileName: string;
  sha256: string;
  size: number;
  mediaType: AttachmentMediaType;
  /** Where the bytes are: the content-addressed store, or beside a records file. */
  path: string;
}

export interface Exhibit extends ExhibitFile {
  number: number;
  /** What it evidences, for the stamp: a course title or "CPR/AED card". */
  label: string;
}

export interface SummaryCourse {
  id: string;
  completed: CalendarDate;
  title: string;
  provider: string;
  approval: string;
  approvalCode: string | null;
  amount: number;
  counted: boolean;
  reason: CourseReason;
  reasonText: string;
  exhibits: number[];
}

export interface PacketPlan {
  generatedOn: CalendarDate;
  asOf: CalendarDate;
  person: { name: string; email: string | null; employeeId: string | null };
  credential: { number: string | null; name: string; shortName: string; body: string };
  /** The body's unit; `perContactHour` decides how its figures print (formatFigure). */
  unit: { singular: string; plural: string; perContactHour: { value: number } };
  verdict: Verdict;
  statusText: string;
  blockers: Explained[];
  warnings: Explained[];
  audit: { noticeReceived: CalendarDate | null; documentsSent: CalendarDate | null };
  courses: SummaryCourse[];
  cprAed: null | {
    provider: string;
    completed: CalendarDate;
    expires: CalendarDate;
    adultCpr: boolean;
    aed: boolean;
    handsOn: boolean;
    verdictText: string;
    exhibits: number[];
  };
  exhibits: Exhibit[];
}

export interface PlanSource {
  generatedOn: CalendarDate;
  asOf: CalendarDate;
  person: PacketPlan['person'];
  credential: { number: string | null; auditNoticeReceived: CalendarDate | null; documentsSent: CalendarDate | null };
  ruleSet: RuleSet;
  verdict: Verdict;
  statusText: string;
  blockers: Explained[];
  warnings: Explained[];
  courses: {
    id: string;
    completed: CalendarDate;
    title: string;
    provider: string;
    approval: string;
    approvalCode: string | null;
    petitionStatus: string | null;
    files: ExhibitFile[];
  }[];
  cards: {
    id: string;
    provider: string;
    completed: CalendarDate;
    expires: CalendarDate;
    adultCpr: boolean;
    aed: boolean;
    handsOn: boolean;
    files: ExhibitFile[];
  }[];
}

/** Summary order: counted courses by date, then the others by date, then the CPR/AED card; exhibits follow it. */
export function planPacket(source: PlanSource): PacketPlan {
  const verdictOf = new Map(courseEntries(source.verdict.courses).map((a) => [a.id, a]));
  const rows = source.courses
    .filter((a) => verdictOf.has(a.id))
    .map((a) => ({ course: a, verdict: verdictOf.get(a.id) }))
    .sort((x, y) => Number(y.verdict?.counted) - Number(x.verdict?.counted) || x.course.completed.localeCompare(y.course.completed));

  const exhibits: Exhibit[] = [];
  const addExhibits = (files: ExhibitFile[], label: string) =>
    files.map((file) => {
      const number = exhibits.length + 1;
      exhibits.push({ ...file, number, label });
      return number;
    });

  const courses: SummaryCourse[] = rows.map(({ course: course, verdict }) => {
    const reason = verdict?.reason ?? 'counted';
    const approval =
      course.approval === 'petition'
        ? `Petition${course.petitionStatus ? ` (${course.petitionStatus})` : ''}`
        : ((APPROVAL_TEXT as Record<string, string>)[course.approval] ?? course.approval);
    return {
      id: course.id,
      completed: course.completed,
      title: course.title,
      provider: course.provider,
      approval: course.approval === 'nasm' ? `${source.ruleSet.credential.split('-')[0] ?? ''} course` : approval,
      approvalCode: course.approvalCode,
      amount: verdict?.ceus ?? 0,
      counted: verdict?.counted ?? false,
      reason,
      reasonText: courseReasonText(reason),
      exhibits: addExhibits(course.files, course.title),
    };
  });

  const chosen = source.cards.find((k) => k.id === source.verdict.cprAed.id) ?? null;
  const cprAed = chosen
    ? {
        provider: chosen.provider,
        completed: chosen.completed,
        expires: chosen.expires,
        adultCpr: chosen.adultCpr,
        aed: chosen.aed,
        handsOn: chosen.handsOn,
        verdictText: cprAedReasonText(source.verdict.cprAed.reason),
        exhibits: addExhibits(chosen.files, `CPR/AED card (${chosen.provider}, expires ${formatDate(chosen.expires)})`),
      }
    : null;

  return {
    generatedOn: source.generatedOn,
    asOf: source.asOf,
    person: source.person,
    credential: {
      number: source.credential.number,
      name: source.ruleSet.name,
      shortName: source.ruleSet.credential,
      body: source.ruleSet.body,
    },
    unit: {
      singular: source.ruleSet.unit.singular,
      plural: source.ruleSet.unit.plural,
      perContactHour: { value: source.ruleSet.unit.perContactHour.value },
    },
    verdict: source.verdict,
    statusText: source.statusText,
    blockers: source.blockers,
    warnings: source.warnings,
    audit: { noticeReceived: source.credential.auditNoticeReceived, documentsSent: source.credential.documentsSent },
    courses: courses,
    cprAed,
    exhibits,
  };
}

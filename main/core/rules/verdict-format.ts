// The engine's verdict in the shape the records file gives it (docs/records-file.md): an object per
// course and a code per warning. The engine keeps those as lists (see `CourseVerdicts`); these make
// them for whoever shows or writes a course's verdict.
import type { CourseEntry, CourseVerdicts, FileVerdict, Verdict } from '../domain/verdict';
import { RULE_OF_REASON } from './courses';
import { decimal } from './units';

/** Course `i`'s verdict as an entry: counted only when its reason is "counted", with its rule. */
export function courseEntry(courses: CourseVerdicts, i: number): CourseEntry {
  const reason = courses.reasons[i] ?? 'counted';
  return {
    id: courses.ids[i] ?? '',
    ceus: decimal(courses.units[i] ?? 0),
    counted: reason === 'counted',
    reason,
    rule: RULE_OF_REASON[reason],
  };
}

/** Every course's verdict as an entry, in the engine's order (the credential's courses in record order). */
export function courseEntries(courses: CourseVerdicts): CourseEntry[] {
  return courses.ids.map((_, i) => courseEntry(courses, i));
}

/** Every warning as the file writes it: the credential's own, then one per course named. */
export function warningCodes(verdict: Pick<Verdict, 'warnings' | 'uncertified' | 'pendingPetitions'>): string[] {
  return [
    ...verdict.warnings,
    ...verdict.uncertified.map((id) => `no-certificate:${id}`),
    ...verdict.pendingPetitions.map((id) => `petition-pending:${id}`),
  ];
}

/** The verdict in the file's shape, its keys in the file's order. */
export function fileVerdict(verdict: Verdict): FileVerdict {
  return {
    credential: verdict.credential,
    ruleSet: verdict.ruleSet,
    cycle: verdict.cycle,
    status: verdict.status,
    canSubmit: verdict.canSubmit,
    feeTier: verdict.feeTier,
    ceus: verdict.ceus,
    activities: courseEntries(verdict.courses),
    cprAed: verdict.cprAed,
    deadlines: verdict.deadlines,
    petitionFees: verdict.petitionFees,
    blockers: verdict.blockers,
    warnings: warningCodes(verdict),
    explain: verdict.explain,
  };
}

// The counts at the foot of an intake: one per status, as `recert intake --json` prints them.
import type { IntakeFileReport, IntakeSummary } from '../domain/intake';

export function summarize(files: readonly IntakeFileReport[]): IntakeSummary {
  const n = (status: IntakeFileReport['status']) => files.filter((f) => f.status === status).length;
  return {
    files: files.length,
    applied: n('applied'),
    proposed: n('proposed'),
    alreadyAttached: n('already-attached'),
    possibleDuplicates: n('possible-duplicate'),
    unmatched: n('unmatched'),
    unreadable: n('unreadable'),
    skipped: n('skipped'),
    inInbox: files.filter((f) => f.inInbox).length,
  };
}

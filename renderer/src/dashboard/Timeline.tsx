import type { CredentialEvaluation } from '../../../preload/contract';
import { formatDate } from '../ui/format';

/** The credential's deadlines in date order, the past ones dimmed. */
export function Timeline({ evaluation }: { evaluation: CredentialEvaluation }) {
  const d = evaluation.verdict.deadlines;
  const entries = [
    { label: 'Expiration', date: d.expiration },
    { label: 'Courses by', date: d.coursesBy },
    { label: 'Late fee from', date: d.lateFeeFrom },
    { label: 'Additional fee from', date: d.additionalFeeFrom },
    { label: 'Final application', date: d.finalApplication },
    { label: 'Audit documents due', date: d.auditDue },
  ]
    .filter((e): e is { label: string; date: string } => e.date !== null)
    // ISO dates sort as plain strings. localeCompare would build an ICU collator on the first
    // dashboard after start, a large part of the first click's wait.
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return (
    <ol className="timeline" aria-label="Deadlines">
      {entries.map((e) => (
        <li key={e.label} className={e.date < evaluation.asOf ? 'timeline-past' : undefined}>
          <span className="timeline-date">{formatDate(e.date)}</span>
          <span className="timeline-label">{e.label}</span>
        </li>
      ))}
    </ol>
  );
}

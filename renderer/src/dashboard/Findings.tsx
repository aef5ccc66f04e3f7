import type { CredentialEvaluation, Explained } from '../../../preload/contract';
import { href } from '../shell/routes';
import { WhyDetails } from './WhyDetails';

/** Where the user fixes a finding about records: the one course or card, or the filtered course log. */
function fixLink(item: Explained, evaluation: CredentialEvaluation): { href: string; label: string } | null {
  const first = item.about?.first;
  if (item.code === 'petition-to-file' && first) {
    return item.about?.count === 1
      ? { href: href('courses', { focus: first }), label: 'Open the course' }
      : { href: href('courses', { approval: 'petition', credential: evaluation.credential.id }), label: 'Show them' };
  }
  if (!item.code.startsWith('no-certificate') || !first) return null;
  if (first === evaluation.verdict.cprAed.id) return { href: href('cpr-aed', { focus: first }), label: 'Open the card' };
  if (item.about?.count === 1) return { href: href('courses', { focus: first }), label: 'Open the course' };
  return { href: href('courses', { missing: '1', credential: evaluation.credential.id }), label: 'Show them' };
}

function Finding({ item, evaluation, tone }: { item: Explained; evaluation: CredentialEvaluation; tone: 'blocker' | 'warning' }) {
  const link = fixLink(item, evaluation);
  return (
    <li className={`finding finding-${tone}`}>
      <p className="finding-title">{item.title}</p>
      {item.action && (
        <p className="finding-action">
          {item.action} {link && <a href={link.href}>{link.label}</a>}
        </p>
      )}
      {item.rule && <WhyDetails ruleSetId={evaluation.ruleSet.id} rule={item.rule} />}
    </li>
  );
}

/** What stands in the way, then what is worth knowing, each with its fix and its rule. */
export function Findings({ evaluation }: { evaluation: CredentialEvaluation }) {
  if (evaluation.blockers.length === 0 && evaluation.warnings.length === 0) {
    return <p className="ok-text">Nothing stands in the way and every counted course has its certificate.</p>;
  }
  return (
    <div className="findings">
      {evaluation.blockers.length > 0 && (
        <>
          <h3>Needs attention</h3>
          <ul>
            {evaluation.blockers.map((b) => (
              <Finding key={b.code} item={b} evaluation={evaluation} tone="blocker" />
            ))}
          </ul>
        </>
      )}
      {evaluation.warnings.length > 0 && (
        <>
          <h3>Worth a look</h3>
          <ul>
            {evaluation.warnings.map((w) => (
              <Finding key={w.code} item={w} evaluation={evaluation} tone="warning" />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

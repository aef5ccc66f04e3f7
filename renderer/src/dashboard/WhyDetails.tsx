import { useState } from 'react';
import type { RuleSetDetails } from '../../../preload/contract';
import { ruleSet } from './rule-sets';

/** "Why?": the rule behind a verdict in words, Recert's reading where the source is silent, and each figure with its source. */
export function WhyDetails({ ruleSetId, rule }: { ruleSetId: string; rule: string }) {
  const [data, setData] = useState<RuleSetDetails | null>(null);
  const [error, setError] = useState<string | null>(null);

  function onToggle(open: boolean) {
    if (open && !data) {
      ruleSet(ruleSetId)
        .then(setData)
        .catch((e: Error) => setError(e.message));
    }
  }

  const described = data?.rules.find((r) => r.id === rule);
  const figures = data ? data.figures.filter((f) => f.rule === rule) : [];
  return (
    <details className="why" onToggle={(e) => onToggle((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Why?</summary>
      {error && <p className="field-error">{error}</p>}
      {data && described && (
        <div className="why-body">
          <p>
            <strong>{described.title}.</strong> {described.text}
          </p>
          {described.decision && (
            <p className="decision">
              <strong>Recert's reading where the source is silent:</strong> {described.decision}
            </p>
          )}
          {figures.length > 0 && (
            <ul className="sources">
              {figures.map((f) => (
                <li key={f.key}>
                  {f.label}: <strong>{f.value}</strong> {f.unverified && <span className="badge badge-warn">unverified</span>}
                  {f.quote && <q>{f.quote}</q>}
                  <span className="source">
                    Source: {f.source.title}
                    {f.source.url ? ` (${f.source.url})` : ''}, checked {f.verifiedOn}.
                  </span>
                  {f.decision && <span className="decision"> Recert's reading: {f.decision}</span>}
                  {f.note && <span className="note"> {f.note}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </details>
  );
}

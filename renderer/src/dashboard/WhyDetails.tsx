import { useState } from 'react';
import type { RuleSet } from '../../../preload/contract';
import { figuresOf, ruleSet } from './rule-sets';

function show(value: unknown): string {
  if (value === null) return 'not set';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** "Why?": the rule behind a verdict, its decisions, and the sources of its figures. */
export function WhyDetails({ ruleSetId, rule }: { ruleSetId: string; rule: string }) {
  const [data, setData] = useState<RuleSet | null>(null);
  const [error, setError] = useState<string | null>(null);

  function onToggle(open: boolean) {
    if (open && !data) {
      ruleSet(ruleSetId)
        .then(setData)
        .catch((e: Error) => setError(e.message));
    }
  }

  const described = data?.rules.find((r) => r.id === rule);
  const figures = data ? figuresOf(data, rule) : [];
  return (
    <details className="why" onToggle={(e) => onToggle((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Why? ({rule})</summary>
      {error && <p className="field-error">{error}</p>}
      {data && described && (
        <div className="why-body">
          <p>
            <strong>
              {described.id} — {described.title}.
            </strong>{' '}
            {described.text}
          </p>
          {described.decision && (
            <p className="decision">
              <strong>Recert's decision:</strong> {described.decision}
            </p>
          )}
          {figures.length > 0 && (
            <ul className="sources">
              {figures.map((f) => {
                const source = data.sources[f.source];
                return (
                  <li key={f.path}>
                    <code>{f.path}</code> = {show(f.value)} {f.unverified && <span className="badge badge-warn">unverified</span>}
                    {f.quote && <q>{f.quote}</q>}
                    <span className="source">
                      Source: {source?.title ?? f.source}
                      {source?.url ? ` (${source.url})` : ''}, checked {f.verifiedOn}.
                    </span>
                    {f.decision && <span className="decision"> Decision: {f.decision}</span>}
                    {f.note && <span className="note"> {f.note}</span>}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </details>
  );
}

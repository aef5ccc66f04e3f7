import { useEffect, useState } from 'react';
import type { RuleSetDetails, RuleSetSummary } from '../../../preload/contract';
import { call } from '../api';
import { forgetRuleSet, ruleSet as loadRuleSet } from '../dashboard/rule-sets';
import { errorsFromApi, type FieldErrors } from '../forms';
import { Field } from '../ui/Field';
import { LoadError } from '../ui/LoadError';
import { SelectField } from '../ui/SelectField';

function WaiverEditor({ ruleSet, onSaved }: { ruleSet: RuleSetDetails; onSaved(updated: RuleSetDetails): void }) {
  const waiver = ruleSet.cprAedWaiver;
  const [from, setFrom] = useState(waiver?.from ?? '');
  const [until, setUntil] = useState(waiver?.until ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<string | null>(null);
  if (!waiver) return null;

  async function save(cprAedWaiver: { from: string; until: string | null } | null) {
    const result = await call('updateRuleSetOverride', { ruleSet: ruleSet.id, cprAedWaiver });
    if (!result.ok) {
      setErrors(errorsFromApi(result.error));
      return;
    }
    setErrors({});
    forgetRuleSet(ruleSet.id);
    setFrom(result.value.cprAedWaiver?.from ?? '');
    setUntil(result.value.cprAedWaiver?.until ?? '');
    setSaved(cprAedWaiver ? 'Saved: verdicts now use this waiver window.' : 'Back to the shipped default.');
    onSaved(result.value);
  }

  return (
    <form
      className="card form"
      aria-label="CPR/AED waiver window"
      onSubmit={(e) => {
        e.preventDefault();
        void save({ from, until: until || null });
      }}
      noValidate
    >
      <h3>CPR/AED waiver window</h3>
      <p className="muted">
        Online-only CPR/AED courses completed inside this window are accepted. Leave the end empty while it is unknown (Recert then warns
        you to confirm the policy).
      </p>
      <div className="inline-form">
        <Field label="Waiver from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} error={errors['cprAedWaiver.from']} />
        <Field
          label="Waiver until"
          type="date"
          value={until}
          onChange={(e) => setUntil(e.target.value)}
          error={errors['cprAedWaiver.until']}
        />
      </div>
      {errors.form && <p className="form-error">{errors.form}</p>}
      <div className="form-actions">
        <button type="submit" className="primary">
          Save waiver window
        </button>
        <button type="button" onClick={() => void save(null)}>
          Restore default
        </button>
      </div>
      <p className="ok-text" role="status">
        {saved}
      </p>
    </form>
  );
}

/** The rule sets: each parameter with its source, check date, decisions and unverified flags. */
export function RuleSetPanel({ summaries }: { summaries: RuleSetSummary[] }) {
  const [selected, setSelected] = useState('nasm-cpt');
  const [ruleSet, setRuleSet] = useState<RuleSetDetails | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    loadRuleSet(selected)
      .then(setRuleSet)
      .catch((e: Error) => setError(e.message));
  }, [selected]);

  return (
    <section className="card" aria-labelledby="rulesets-title">
      <h2 id="rulesets-title">Rule sets</h2>
      <SelectField
        label="Rule set"
        value={selected}
        onChange={(e) => setSelected(e.target.value)}
        options={summaries.map((r) => ({ value: r.id, label: `${r.credential} — ${r.name}` }))}
      />
      <LoadError error={error} />
      {ruleSet && (
        <>
          <p>
            {ruleSet.body}, version {ruleSet.version}.
          </p>
          <h3>Rules</h3>
          <ul className="rules">
            {ruleSet.rules.map((rule) => (
              <li key={rule.id}>
                <strong>
                  {rule.id} — {rule.title}.
                </strong>{' '}
                {rule.text}
                {rule.decision && <span className="decision"> Recert's reading: {rule.decision}</span>}
              </li>
            ))}
          </ul>
          <h3>Figures and their sources</h3>
          <table className="data-table parameters">
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">Value</th>
                <th scope="col">Rule</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {ruleSet.figures.map((f) => (
                <tr key={f.key}>
                  <td>{f.label}</td>
                  <td>
                    {f.value} {f.unverified && <span className="badge badge-warn">unverified</span>}
                    {f.decision && <span className="badge">Recert's reading</span>}
                  </td>
                  <td>{f.rule}</td>
                  <td>
                    {f.source.title}, checked {f.verifiedOn}
                    {f.quote && <q>{f.quote}</q>}
                    {f.note && <span className="note"> {f.note}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <WaiverEditor key={ruleSet.id + JSON.stringify(ruleSet.cprAedWaiver)} ruleSet={ruleSet} onSaved={setRuleSet} />
        </>
      )}
    </section>
  );
}

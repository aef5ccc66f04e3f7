import { useEffect, useState } from 'react';
import type { RuleSet, RuleSetSummary } from '../../../preload/contract';
import { call } from '../api';
import { figuresOf, forgetRuleSet, ruleSet as loadRuleSet } from '../dashboard/rule-sets';
import { errorsFromApi, type FieldErrors } from '../forms';
import { Field } from '../ui/Field';
import { SelectField } from '../ui/SelectField';

function offset(value: unknown): string {
  const o = value as { years?: number; months?: number; days?: number };
  const parts = [o.years ? `${o.years} y` : '', o.months ? `${o.months} mo` : '', o.days ? `${o.days} d` : ''].filter(Boolean);
  return parts.length ? `E ${parts.map((p) => (p.startsWith('-') ? `− ${p.slice(1)}` : `+ ${p}`)).join(' ')}` : 'E';
}

/** A parameter's value in words: windows, offsets and date ranges rather than raw JSON. */
function show(value: unknown): string {
  if (value === null) return 'not set';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return value
      .map((item: Record<string, unknown>) => {
        if ('label' in item) return `${String(item.label)}: ${offset(item.from)} to ${offset(item.until)}`;
        if ('certifiedFrom' in item) return `certified from ${String(item.certifiedFrom)}: ${String(item.courses)}`;
        return JSON.stringify(item);
      })
      .join('; ');
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('from' in record && 'until' in record)
      return `from ${String(record.from)} until ${record.until === null ? 'unknown' : String(record.until)}`;
    if ('days' in record || 'months' in record || 'years' in record) return offset(record);
    if ('months' in record) return `${String(record.months)} months`;
    return JSON.stringify(value);
  }
  return String(value);
}

function WaiverEditor({ ruleSet, onSaved }: { ruleSet: RuleSet; onSaved(updated: RuleSet): void }) {
  const waiver = ruleSet.cprAed.waiver;
  const [from, setFrom] = useState(waiver?.value.from ?? '');
  const [until, setUntil] = useState(waiver?.value.until ?? '');
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
    setFrom(result.value.cprAed.waiver?.value.from ?? '');
    setUntil(result.value.cprAed.waiver?.value.until ?? '');
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
  const [ruleSet, setRuleSet] = useState<RuleSet | null>(null);

  useEffect(() => {
    void loadRuleSet(selected).then(setRuleSet);
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
                {rule.decision && <span className="decision"> Decision: {rule.decision}</span>}
              </li>
            ))}
          </ul>
          <h3>Parameters and their sources</h3>
          <table className="data-table parameters">
            <thead>
              <tr>
                <th scope="col">Parameter</th>
                <th scope="col">Value</th>
                <th scope="col">Rule</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {figuresOf(ruleSet).map((f) => (
                <tr key={f.path}>
                  <td>
                    <code>{f.path}</code>
                  </td>
                  <td>
                    {show(f.value)} {f.unverified && <span className="badge badge-warn">unverified</span>}
                    {f.decision && <span className="badge">decision</span>}
                  </td>
                  <td>{f.rule}</td>
                  <td>
                    {ruleSet.sources[f.source]?.title ?? f.source}, checked {f.verifiedOn}
                    {f.quote && <q>{f.quote}</q>}
                    {f.note && <span className="note"> {f.note}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <WaiverEditor key={ruleSet.id + JSON.stringify(ruleSet.cprAed.waiver?.value)} ruleSet={ruleSet} onSaved={setRuleSet} />
        </>
      )}
    </section>
  );
}

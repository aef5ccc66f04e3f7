import { useState, type FormEvent } from 'react';
import { contract, type Credential } from '../../../preload/contract';
import { call, useApi } from '../api';
import { errorsFromApi, fieldErrors, hasUnreadableDate, type FieldErrors } from '../forms';
import { Field } from '../ui/Field';
import { FormFooter } from '../ui/FormFooter';
import { SelectField } from '../ui/SelectField';

interface CredentialFormProps {
  personId: string;
  credential?: Credential;
  onSaved(): void;
  onCancel(): void;
  /** The welcome flow words the same form for a trainer setting up. */
  wording?: { title: string; submit: string; cancel: string };
}

export function CredentialForm({ personId, credential, onSaved, onCancel, wording }: CredentialFormProps) {
  const ruleSets = useApi('listRuleSets', {}).data ?? [];
  const [ruleSet, setRuleSet] = useState(credential?.ruleSet ?? 'nasm-cpt');
  const [number, setNumber] = useState(credential?.number ?? '');
  const [expires, setExpires] = useState(credential?.expires ?? '');
  const [cycleStart, setCycleStart] = useState(credential?.cycleStart ?? '');
  const [certified, setCertified] = useState(credential?.certified ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (hasUnreadableDate(event.currentTarget as HTMLFormElement)) return;
    const values = { ruleSet, number: number || null, expires, cycleStart: cycleStart || null, certified: certified || null };
    const local = fieldErrors(contract.createCredential.input, { personId, ...values });
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    // Editing sends the credential's own fields only: recorded application and audit dates are kept by main.
    const result = credential
      ? await call('updateCredential', { id: credential.id, ...values })
      : await call('createCredential', { personId, ...values });
    if (result.ok) onSaved();
    else setErrors(errorsFromApi(result.error));
  }

  const title = wording?.title ?? (credential ? 'Edit credential' : 'Add a credential');
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label={title} noValidate>
      <h2>{title}</h2>
      <SelectField
        label="Certification"
        value={ruleSet}
        onChange={(e) => setRuleSet(e.target.value)}
        error={errors.ruleSet}
        options={ruleSets.map((r) => ({ value: r.id, label: `${r.credential} — ${r.name}` }))}
      />
      <Field label="Certification number" value={number} onChange={(e) => setNumber(e.target.value)} error={errors.number} />
      <Field
        label="Expiration date"
        type="date"
        value={expires}
        onChange={(e) => setExpires(e.target.value)}
        error={errors.expires}
        required
      />
      <Field
        label="Original certification date (optional)"
        type="date"
        value={certified}
        onChange={(e) => setCertified(e.target.value)}
        error={errors.certified}
        hint="As printed on your certificate. NSCA prorates its requirement by it; without it, the full requirement applies."
      />
      <Field
        label="Cycle start (optional)"
        type="date"
        value={cycleStart}
        onChange={(e) => setCycleStart(e.target.value)}
        error={errors.cycleStart}
        hint="Leave empty for your certification's usual cycle (NASM: the two years before expiration; NSCA: its reporting period)."
      />
      <FormFooter
        error={errors.form}
        submitLabel={wording?.submit ?? (credential ? 'Save credential' : 'Add credential')}
        cancelLabel={wording?.cancel}
        onCancel={onCancel}
      />
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { contract, type CprAedCard } from '../../../preload/contract';
import { call } from '../api';
import { errorsFromApi, fieldErrors, type FieldErrors } from '../forms';
import { Field } from '../ui/Field';
import { FormFooter } from '../ui/FormFooter';

interface CardFormProps {
  personId: string;
  card?: CprAedCard;
  onSaved(card: CprAedCard): void;
  onCancel(): void;
}

export function CardForm({ personId, card, onSaved, onCancel }: CardFormProps) {
  const [provider, setProvider] = useState(card?.provider ?? '');
  const [completed, setCompleted] = useState(card?.completed ?? '');
  const [expires, setExpires] = useState(card?.expires ?? '');
  const [adultCpr, setAdultCpr] = useState(card?.adultCpr ?? true);
  const [aed, setAed] = useState(card?.aed ?? true);
  const [handsOn, setHandsOn] = useState(card?.handsOn ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = { provider, completed, expires, adultCpr, aed, handsOn };
    const local = fieldErrors(contract.createCprAedCard.input, { personId, ...values });
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const result = card
      ? await call('updateCprAedCard', { id: card.id, ...values })
      : await call('createCprAedCard', { personId, ...values });
    if (result.ok) onSaved(result.value);
    else setErrors(errorsFromApi(result.error));
  }

  const title = card ? 'Edit CPR/AED card' : 'Add a CPR/AED card';
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label={title} noValidate>
      <h2>{title}</h2>
      <Field
        label="Provider"
        value={provider}
        onChange={(e) => setProvider(e.target.value)}
        error={errors.provider}
        autoFocus
        hint="e.g. American Red Cross, American Heart Association"
      />
      <Field label="Completed on" type="date" value={completed} onChange={(e) => setCompleted(e.target.value)} error={errors.completed} />
      <Field label="Expires on" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} error={errors.expires} />
      <fieldset>
        <legend>The course included</legend>
        <label className="checkbox">
          <input type="checkbox" checked={adultCpr} onChange={(e) => setAdultCpr(e.target.checked)} /> Adult CPR
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={aed} onChange={(e) => setAed(e.target.checked)} /> AED
        </label>
      </fieldset>
      <fieldset>
        <legend>Skills check</legend>
        <label className="radio">
          <input type="radio" name="hands-on" checked={handsOn} onChange={() => setHandsOn(true)} /> Hands-on skills assessment
        </label>
        <label className="radio">
          <input type="radio" name="hands-on" checked={!handsOn} onChange={() => setHandsOn(false)} /> Online only
        </label>
      </fieldset>
      <FormFooter error={errors.form} submitLabel={card ? 'Save card' : 'Add card'} onCancel={onCancel} />
    </form>
  );
}

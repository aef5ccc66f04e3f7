import { useState, type FormEvent } from 'react';
import { contract, type CprAedCard, type ScanView } from '../../../preload/contract';
import { call } from '../api';
import { CertificateReader } from '../ui/CertificateReader';
import { useCertificateScan } from '../ui/useCertificateScan';
import { errorsFromApi, fieldErrors, hasUnreadableDate, type FieldErrors } from '../forms';
import { Field } from '../ui/Field';
import { FormFooter } from '../ui/FormFooter';

interface CardFormProps {
  personId: string;
  card?: CprAedCard;
  /** `certificate`: the file the form was filled in from, attached to the new card. */
  onSaved(card: CprAedCard, certificate?: string): void;
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
  const certificate = useCertificateScan();
  const notes = certificate.notes;

  function filledFrom(view: ScanView, file: File) {
    const fields = certificate.accept(view, file);
    if (!fields) return;
    if (fields.provider) setProvider(fields.provider.value);
    if (fields.completed) setCompleted(fields.completed.value);
    if (fields.expires) setExpires(fields.expires.value);
    if (fields.adultCpr) setAdultCpr(fields.adultCpr.value);
    if (fields.aed) setAed(fields.aed.value);
    if (fields.handsOn) setHandsOn(fields.handsOn.value);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (hasUnreadableDate(event.currentTarget as HTMLFormElement)) return;
    const values = { provider, completed, expires, adultCpr, aed, handsOn };
    const local = fieldErrors(contract.createCprAedCard.input, { personId, ...values });
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const result = card
      ? await call('updateCprAedCard', { id: card.id, ...values })
      : await call('createCprAedCard', { personId, ...values });
    if (!result.ok) {
      setErrors(errorsFromApi(result.error));
      return;
    }
    if (!card) {
      onSaved(result.value, await certificate.attachTo({ kind: 'cpr-aed-card', id: result.value.id }));
      return;
    }
    onSaved(result.value);
  }

  const title = card ? 'Edit CPR/AED card' : 'Add a CPR/AED card';
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label={title} noValidate>
      <h2>{title}</h2>
      {!card && <CertificateReader form="card" onRead={filledFrom} />}
      <Field
        label="Provider"
        value={provider}
        onChange={(e) => setProvider(e.target.value)}
        error={errors.provider}
        autoFocus
        hint="e.g. American Red Cross, American Heart Association"
        scanned={notes.provider}
      />
      <Field
        label="Completed on"
        type="date"
        value={completed}
        onChange={(e) => setCompleted(e.target.value)}
        error={errors.completed}
        scanned={notes.completed}
      />
      <Field
        label="Expires on"
        type="date"
        value={expires}
        onChange={(e) => setExpires(e.target.value)}
        error={errors.expires}
        scanned={notes.expires}
      />
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

import { useState, type FormEvent } from 'react';
import {
  CONTACT_HOURS_PER_CEU,
  contract,
  type Course,
  type Credential,
  type PetitionStatus,
  type RuleSetSummary,
  type ScanView,
} from '../../../preload/contract';
import { call, useApi } from '../api';
import { CertificateReader } from '../ui/CertificateReader';
import { useCertificateScan } from '../ui/useCertificateScan';
import { errorsFromApi, fieldErrors, hasUnreadableDate, type FieldErrors } from '../forms';
import { Field } from '../ui/Field';
import { FormFooter } from '../ui/FormFooter';
import { SelectField } from '../ui/SelectField';

interface CourseFormProps {
  personId: string;
  credentials: Credential[];
  ruleSets: RuleSetSummary[];
  course?: Course;
  /** `certificate`: the file the form was filled in from, attached to the new course. */
  onSaved(course: Course, certificate?: string): void;
  onCancel(): void;
}

/** Shows a converted amount without float noise (0.30000000000000004 → 0.3). */
function converted(value: number, decimals: number): string {
  return Number.isFinite(value) ? String(Number(value.toFixed(decimals))) : '';
}

export function CourseForm({ personId, credentials, ruleSets, course: course, onSaved, onCancel }: CourseFormProps) {
  const [title, setTitle] = useState(course?.title ?? '');
  const [provider, setProvider] = useState(course?.provider ?? '');
  const [completed, setCompleted] = useState(course?.completed ?? '');
  const [unit, setUnit] = useState<'ceus' | 'hours'>((course?.contactHours ?? null) !== null ? 'hours' : 'ceus');
  const [ceus, setCeus] = useState(
    (course?.ceus ?? null) !== null
      ? String(course?.ceus)
      : (course?.contactHours ?? null) !== null
        ? converted((course?.contactHours ?? 0) / CONTACT_HOURS_PER_CEU, 3)
        : '',
  );
  const [hours, setHours] = useState(
    (course?.contactHours ?? null) !== null
      ? String(course?.contactHours)
      : (course?.ceus ?? null) !== null
        ? converted((course?.ceus ?? 0) * CONTACT_HOURS_PER_CEU, 2)
        : '',
  );
  const [approval, setApproval] = useState<Course['approval']>(course?.approval ?? 'nasm');
  const [approvalCode, setApprovalCode] = useState(course?.approvalCode ?? '');
  const [petitionStatus, setPetitionStatus] = useState<PetitionStatus | ''>(course?.petition?.status ?? '');
  const [petitionFiled, setPetitionFiled] = useState(course?.petition?.filed ?? '');
  const [category, setCategory] = useState(course?.category ?? '');
  // A new course counts toward all the person's credentials until they untick one. Worked out at
  // each render, not once, so that a credentials list answering after the form opened is ticked too
  // (else a quick "Add course" saved a course that counted toward nothing).
  const [chosenIds, setChosenIds] = useState<string[] | null>(course?.credentialIds ?? null);
  const credentialIds = chosenIds ?? credentials.map((c) => c.id);
  const [errors, setErrors] = useState<FieldErrors>({});
  const certificate = useCertificateScan();
  const notes = certificate.notes;

  /** The fields a certificate states go into the form; the person checks them and saves. */
  function filledFrom(view: ScanView, file: File) {
    const fields = certificate.accept(view, file);
    if (!fields) return;
    if (fields.title) setTitle(fields.title.value);
    if (fields.provider) setProvider(fields.provider.value);
    if (fields.completed) setCompleted(fields.completed.value);
    if (fields.approvalCode) setApprovalCode(fields.approvalCode.value);
    if (fields.approval) setApproval(fields.approval.value);
    if (fields.ceus) {
      setUnit('ceus');
      onCeus(String(fields.ceus.value));
    } else if (fields.contactHours) {
      setUnit('hours');
      onHours(String(fields.contactHours.value));
    }
  }

  const categories = ruleSets
    .filter((r) => credentials.some((c) => c.ruleSet === r.id))
    .flatMap((r) => r.categories.map((c) => ({ ...c, credential: r.credential })));
  // Which body's petition fee applies is a rule: main says it, for the credentials ticked.
  const petitionFee = useApi('describePetitionFee', approval === 'petition' ? { personId, credentialIds } : null).data;

  function onCeus(value: string) {
    setCeus(value);
    setHours(value === '' ? '' : converted(Number(value) * CONTACT_HOURS_PER_CEU, 2));
  }
  function onHours(value: string) {
    setHours(value);
    setCeus(value === '' ? '' : converted(Number(value) / CONTACT_HOURS_PER_CEU, 3));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (hasUnreadableDate(event.currentTarget as HTMLFormElement)) return;
    const amount =
      unit === 'ceus'
        ? { ceus: ceus === '' ? null : Number(ceus), contactHours: null }
        : { ceus: null, contactHours: hours === '' ? null : Number(hours) };
    const values = {
      title,
      provider,
      completed,
      ...amount,
      approval,
      approvalCode: approvalCode || null,
      petition:
        approval === 'petition' && petitionStatus
          ? { status: petitionStatus, filed: petitionFiled || null, decided: course?.petition?.decided ?? null }
          : null,
      category: category || null,
      credentialIds,
    };
    const local = fieldErrors(contract.createCourse.input, { personId, ...values });
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const result = course ? await call('updateCourse', { id: course.id, ...values }) : await call('createCourse', { personId, ...values });
    if (!result.ok) {
      setErrors(errorsFromApi(result.error));
      return;
    }
    if (!course) {
      onSaved(result.value, await certificate.attachTo({ kind: 'course', id: result.value.id }));
      return;
    }
    onSaved(result.value);
  }

  const formTitle = course ? `Edit ${course.title}` : 'Add a course';
  return (
    <form className="card form course-form" onSubmit={(e) => void submit(e)} aria-label={formTitle} noValidate>
      <h2>{formTitle}</h2>
      {!course && <CertificateReader form="course" onRead={filledFrom} />}
      <Field
        label="Course title"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={errors.title}
        autoFocus
        scanned={notes.title}
      />
      <Field
        label="Provider"
        value={provider}
        onChange={(e) => setProvider(e.target.value)}
        error={errors.provider}
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

      <fieldset className="amount">
        <legend>The certificate states</legend>
        <label className="radio">
          <input type="radio" name="unit" checked={unit === 'ceus'} onChange={() => setUnit('ceus')} /> In CEUs
        </label>
        <label className="radio">
          <input type="radio" name="unit" checked={unit === 'hours'} onChange={() => setUnit('hours')} /> In contact hours
        </label>
        <div className="amount-fields">
          <Field
            label="CEUs"
            inputMode="decimal"
            value={ceus}
            onChange={(e) => onCeus(e.target.value)}
            readOnly={unit !== 'ceus'}
            error={errors.ceus}
            scanned={notes.ceus}
          />
          <Field
            label="Contact hours"
            inputMode="decimal"
            value={hours}
            onChange={(e) => onHours(e.target.value)}
            readOnly={unit !== 'hours'}
            error={errors.contactHours}
            hint="1 contact hour = 0.1 CEU"
            scanned={notes.contactHours}
          />
        </div>
      </fieldset>

      <SelectField
        label="Approval"
        value={approval}
        onChange={(e) => setApproval(e.target.value as Course['approval'])}
        error={errors.approval}
        options={[
          { value: 'nasm', label: "The body's own course" },
          { value: 'approved-provider', label: 'Approved provider' },
          { value: 'petition', label: 'Not pre-approved: by petition' },
        ]}
      />
      <Field
        label="Approval code"
        value={approvalCode}
        onChange={(e) => setApprovalCode(e.target.value)}
        error={errors.approvalCode}
        hint="The provider's course or approval number, if any."
        scanned={notes.approvalCode}
      />
      {approval === 'petition' && (
        <div className="petition">
          <SelectField
            label="Petition status"
            value={petitionStatus}
            onChange={(e) => setPetitionStatus(e.target.value as PetitionStatus | '')}
            error={errors.petition ?? errors['petition.status']}
            options={[
              { value: '', label: 'Not filed yet' },
              { value: 'pending', label: 'Pending' },
              { value: 'approved', label: 'Approved' },
              { value: 'denied', label: 'Denied' },
            ]}
          />
          {petitionStatus && (
            <Field
              label="Petition filed on"
              type="date"
              value={petitionFiled}
              onChange={(e) => setPetitionFiled(e.target.value)}
              error={errors['petition.filed']}
            />
          )}
          {petitionFee?.text && <p className="muted">{petitionFee.text}</p>}
        </div>
      )}
      {categories.length > 0 && (
        <SelectField
          label="Category"
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          error={errors.category}
          options={[
            { value: '', label: 'General (no category)' },
            ...categories.map((c) => ({ value: c.id, label: `${c.name} (${c.credential})` })),
          ]}
        />
      )}
      {credentials.length > 0 && (
        <fieldset>
          <legend>Counts toward</legend>
          {credentials.map((c) => (
            <label key={c.id} className="checkbox">
              <input
                type="checkbox"
                checked={credentialIds.includes(c.id)}
                onChange={(e) => setChosenIds(e.target.checked ? [...credentialIds, c.id] : credentialIds.filter((id) => id !== c.id))}
              />
              {ruleSets.find((r) => r.id === c.ruleSet)?.credential ?? c.ruleSet}
              {c.number ? ` (${c.number})` : ''}
            </label>
          ))}
          {errors.credentialIds && <p className="field-error">{errors.credentialIds}</p>}
        </fieldset>
      )}
      <FormFooter error={errors.form} submitLabel={course ? 'Save course' : 'Add course'} onCancel={onCancel} />
    </form>
  );
}

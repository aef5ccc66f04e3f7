import { useState, type FormEvent } from 'react';
import { contract, type Person } from '../../../preload/contract';
import { call } from '../api';
import { errorsFromApi, fieldErrors, type FieldErrors } from '../forms';
import { Field } from '../ui/Field';
import { FormFooter } from '../ui/FormFooter';

interface PersonFormProps {
  /** The person being edited, or undefined to add a new one. */
  person?: Person;
  onSaved(person: Person): void;
  onCancel(): void;
}

export function PersonForm({ person, onSaved, onCancel }: PersonFormProps) {
  const [name, setName] = useState(person?.name ?? '');
  const [email, setEmail] = useState(person?.email ?? '');
  const [employeeId, setEmployeeId] = useState(person?.employeeId ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = { name, email: email || null, employeeId: employeeId || null };
    const local = person
      ? fieldErrors(contract.updatePerson.input, { ...values, id: person.id, active: person.active })
      : fieldErrors(contract.createPerson.input, values);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const result = person
      ? await call('updatePerson', { ...values, id: person.id, active: person.active })
      : await call('createPerson', values);
    if (result.ok) onSaved(result.value);
    else setErrors(errorsFromApi(result.error));
  }

  const title = person ? `Edit ${person.name}` : 'Add a person';
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label={title} noValidate>
      <h2>{title}</h2>
      <Field
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.name}
        autoComplete="name"
        required
        autoFocus
      />
      <Field
        label="E-mail"
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={errors.email}
        autoComplete="email"
      />
      <Field
        label="Employee ID"
        value={employeeId}
        onChange={(e) => setEmployeeId(e.target.value)}
        error={errors.employeeId}
        hint="Optional, for gym managers."
      />
      <FormFooter error={errors.form} submitLabel={person ? 'Save' : 'Add person'} onCancel={onCancel} />
    </form>
  );
}

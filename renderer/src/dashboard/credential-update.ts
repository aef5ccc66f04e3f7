import { useState } from 'react';
import type { Credential, InputOf } from '../../../preload/contract';
import { call } from '../api';
import { errorsFromApi, type FieldErrors } from '../forms';

type CredentialChanges = Partial<Omit<Credential, 'id' | 'personId'>>;

/** updateCredential takes the whole record: the stored one with `changes` applied. */
export function updateCredential(credential: Credential, changes: CredentialChanges) {
  const { personId: _personId, ...rest } = credential;
  const input: InputOf<'updateCredential'> = { ...rest, ...changes };
  return call('updateCredential', input);
}

/** Saves changes to a credential from a panel, keeping the field errors main reports. */
export function useCredentialUpdate(credential: Credential | undefined, onChanged: () => void) {
  const [errors, setErrors] = useState<FieldErrors>({});
  async function save(changes: CredentialChanges) {
    if (!credential) return;
    const result = await updateCredential(credential, changes);
    if (result.ok) {
      setErrors({});
      onChanged();
    } else setErrors(errorsFromApi(result.error));
  }
  return { errors, save };
}

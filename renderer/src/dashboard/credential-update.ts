import type { Credential, InputOf } from '../../../preload/contract';
import { call } from '../api';

/** updateCredential takes the whole record: the stored one with `changes` applied. */
export function updateCredential(credential: Credential, changes: Partial<Omit<Credential, 'id' | 'personId'>>) {
  const { personId: _personId, ...rest } = credential;
  const input: InputOf<'updateCredential'> = { ...rest, ...changes };
  return call('updateCredential', input);
}

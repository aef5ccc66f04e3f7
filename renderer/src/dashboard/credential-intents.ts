import { useState } from 'react';
import type { InputOf } from '../../../preload/contract';
import { call } from '../api';
import { errorsFromApi, type FieldErrors } from '../forms';

type Intent = 'recordApplication' | 'acceptRecertification' | 'recordAuditNotice' | 'markDocumentsSent';

/**
 * Records one date on a credential through its intent (main keeps every other field as stored),
 * keeping the field errors main reports for the panel to show.
 */
export function useCredentialIntent(onChanged: () => void) {
  const [errors, setErrors] = useState<FieldErrors>({});
  async function run<I extends Intent>(intent: I, input: InputOf<I>) {
    const result = await call(intent, input);
    if (result.ok) {
      setErrors({});
      onChanged();
    } else setErrors(errorsFromApi(result.error));
  }
  return { errors, run };
}

import type { z } from 'zod';
import { issuePath } from '../../main/core/domain/fields';
import type { ApiError } from '../../main/core/domain/result';

/** Turns the first zod issue into an ApiError that names the field and says what to fix. */
export function validationError(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  if (!issue) return { code: 'invalid-input', message: 'The input is not valid.' };
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const field = issuePath([...issue.path, key]);
    return { code: 'invalid-input', field, message: `${field}: unknown field; remove it` };
  }
  const field = issuePath(issue.path);
  return { code: 'invalid-input', field: field || undefined, message: field ? `${field}: ${issue.message}` : `input: ${issue.message}` };
}

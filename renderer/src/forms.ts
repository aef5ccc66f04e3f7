import type { z } from 'zod';
import { issuePath, type ApiError } from '../../preload/contract';

export type FieldErrors = Record<string, string>;

/** Every field's first problem, from the same schema main uses, for instant feedback. */
export function fieldErrors(schema: z.ZodType, values: unknown): FieldErrors {
  const parsed = schema.safeParse(values);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issuePath(issue.path) || 'form';
    errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * Whether a date field of the form holds text that is no date: the browser reports its value as ""
 * (so the schema would call it missing, or an optional date would be saved as none). The field says
 * so itself (Field); the form must not be sent.
 */
export function hasUnreadableDate(form: HTMLFormElement): boolean {
  const unreadable = [...form.querySelectorAll<HTMLInputElement>('input[type="date"]')].find((input) => input.validity.badInput);
  unreadable?.focus();
  return unreadable !== undefined;
}

/** An error from main, placed on its field when it names one. */
export function errorsFromApi(error: ApiError): FieldErrors {
  const prefix = error.field ? `${error.field}: ` : '';
  const message = prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return { [error.field ?? 'form']: message };
}

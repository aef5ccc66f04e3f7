// Field rules shared by every door into the store: the contract (renderer → main) and the records
// file (import, evaluate, packet) both build their schemas from these, so that whatever one refuses
// the other refuses too, with the same words. Messages say what to fix; the field name is added
// from the issue's path.
import { z } from 'zod';
import { isCalendarDate } from '../dates';
import { hasControlCharacters } from '../text';
import { approvalKinds, MAX_CEUS, MAX_CONTACT_HOURS, petitionStatuses } from './records';

export const MAX_TEXT = 200;

export const idSchema = z
  .string({ error: 'must be an id (text)' })
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .refine((id) => !hasControlCharacters(id), 'must not contain control characters');

/** One line of text as a person types it: no control characters, no broken (lone surrogate) characters. */
export const PLAIN_TEXT_MESSAGE = 'must not contain control characters such as line breaks';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export function isPlainText(text: string): boolean {
  return !hasControlCharacters(text) && !LONE_SURROGATE.test(text);
}
const plainText = (text: string) => isPlainText(text);

export function requiredText(max = MAX_TEXT) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`)
    .refine(plainText, PLAIN_TEXT_MESSAGE);
}

export function optionalText(max = MAX_TEXT) {
  return z
    .string({ error: 'must be text' })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine(plainText, PLAIN_TEXT_MESSAGE)
    .nullish()
    .transform((value) => (value ? value : null));
}

/**
 * A date field whose text is no date at all (a six-digit year, a year left out): the browser then
 * reads the field as empty, which must not be reported as "is required".
 */
export const NOT_A_DATE = 'is not a date: check the day, the month and the year (four digits)';

/** What is wrong with a date as typed or read from a file, or null when it is a calendar date. */
export function calendarDateProblem(value: string): string | null {
  // A year of more than four digits is a slip of the keyboard (a date field accepts six): no date.
  if (/^\+?\d{5,}-\d{2}-\d{2}$/.test(value)) return NOT_A_DATE;
  if (value.length > 10) return 'must be a date written YYYY-MM-DD';
  if (value === '') return 'is required (YYYY-MM-DD)';
  if (!isCalendarDate(value)) return `"${value}" is not a calendar date (YYYY-MM-DD, e.g. 2027-03-31)`;
  return null;
}

/** A zod check from a function that words the problem (or returns null): one check per value. */
export const checkedBy =
  <T>(problemOf: (value: T) => string | null) =>
  (value: T, ctx: z.RefinementCtx) => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };

export const calendarDateSchema = z
  .string({
    error: (issue) => (issue.input === undefined ? 'is required (YYYY-MM-DD)' : 'must be a date written YYYY-MM-DD'),
  })
  .superRefine(checkedBy(calendarDateProblem));

export const optionalDate = calendarDateSchema.nullish().transform((value) => value ?? null);

/** Whether a decimal number has at most `places` decimals, tolerating binary floating point. */
export function hasAtMostDecimals(value: number, places: number): boolean {
  const scaled = value * 10 ** places;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/** What is wrong with an amount of `unit`, or null. */
function amountProblem(unit: string, max: number, places: number) {
  return (v: number): string | null => {
    if (!Number.isFinite(v)) return `must be a number of ${unit}`;
    if (!(v > 0)) return `must be more than 0 ${unit}`;
    if (v > max) return `must be at most ${max} ${unit}; check the certificate`;
    if (!hasAtMostDecimals(v, places)) return `must have at most ${places} decimals`;
    // 1e-10 has "no decimals" within floating-point tolerance but rounds to zero: refused as too small.
    if (Math.round(v * 10 ** places) < 1) return `must be at least ${1 / 10 ** places} ${unit}`;
    return null;
  };
}

export const ceusProblem = amountProblem('CEUs', MAX_CEUS, 3);
export const contactHoursProblem = amountProblem('contact hours', MAX_CONTACT_HOURS, 2);

export const ceusSchema = z.number({ error: 'must be a number of CEUs' }).superRefine(checkedBy(ceusProblem));
export const contactHoursSchema = z.number({ error: 'must be a number of contact hours' }).superRefine(checkedBy(contactHoursProblem));

/** What the store accepts as an e-mail address (and a little stricter): something@something. */
export const EMAIL = /^[^\s@]+@[^\s@]+$/;

export const emailSchema = z
  .string({ error: 'must be text' })
  .trim()
  .max(254, 'must be at most 254 characters')
  .refine((v) => v === '' || EMAIL.test(v), 'must be an e-mail address such as dana@example.org')
  .nullish()
  .transform((value) => (value ? value : null));

export const approvalSchema = z.enum(approvalKinds, { error: 'must be one of nasm, approved-provider, petition' });
export const petitionStatusSchema = z.enum(petitionStatuses, { error: 'must be one of pending, approved, denied' });

export const booleanSchema = z.boolean({ error: 'must be true or false' });

/** "people[0].name" style path for a zod issue, the way the records format names fields. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

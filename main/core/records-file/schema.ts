// The portable records file, `format: "recert-records/1"` (docs/records-file.md). Field names
// are a contract other tools rely on: add optional fields, never rename.
import { z } from 'zod';
import { hasControlCharacters } from '../text';
import { calendarDateSchema, ceusSchema, checkedBy, contactHoursSchema, EMAIL, isPlainText, PLAIN_TEXT_MESSAGE } from '../domain/fields';
import { approvalKinds, petitionStatuses } from '../domain/records';

export const RECORDS_FORMAT = 'recert-records/1';

/** zod's message for a value of the wrong type, or "is required" when it is missing. */
const expected = (what: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`);

// Each field's rule is one function that words its problem (or returns null): zod runs it as one
// check (a chain of refinements cost a call and an issue list each, per value, and a gym's file has
// hundreds of thousands of values), and the fast path (fast-path.ts) asks the same function.
export const idProblem = (text: string): string | null =>
  text.length === 0
    ? 'must be a non-empty string id'
    : text.length > 64
      ? 'must be at most 64 characters'
      : hasControlCharacters(text)
        ? 'must not contain control characters'
        : null;
export const textProblem =
  (max: number) =>
  (s: string): string | null =>
    s.trim().length === 0
      ? 'must not be empty'
      : s.length > max
        ? `must be at most ${max} characters`
        : !isPlainText(s)
          ? PLAIN_TEXT_MESSAGE
          : null;
export const optionalTextProblem =
  (max: number) =>
  (s: string): string | null =>
    s.length > max
      ? `must be at most ${max} characters`
      : s.trim().length === 0
        ? 'must not be empty; leave the field out instead'
        : !isPlainText(s)
          ? PLAIN_TEXT_MESSAGE
          : null;
export const emailProblem = (s: string): string | null =>
  s.length > 254 ? 'must be at most 254 characters' : !EMAIL.test(s) ? 'must be an e-mail address such as dana@example.org' : null;
export const attachmentFileProblem = (s: string): string | null =>
  s.length === 0 ? 'must be a file path relative to the records file' : s.length > 1024 ? 'must be at most 1024 characters' : null;
export const attachmentNameProblem = (s: string): string | null =>
  s.length > 255 ? 'must be at most 255 characters' : !isPlainText(s) ? PLAIN_TEXT_MESSAGE : null;
export const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
export const CATEGORY_ID = /^[a-z0-9-]{1,40}$/;
export const MAX_COURSE_CREDENTIALS = 20;
export const MAX_COURSE_ATTACHMENTS = 50;
export const MAX_CARD_ATTACHMENTS = 10;

const id = z.string({ error: expected('a non-empty string id') }).superRefine(checkedBy(idProblem));
// The records file refuses whatever the store would refuse, with the app's own field rules, so that
// an import never fails half-way on a database constraint.
const text = (max: number) => z.string({ error: expected('text') }).superRefine(checkedBy(textProblem(max)));
const optionalText = (max: number) =>
  z
    .string({ error: 'must be text' })
    .superRefine(checkedBy(optionalTextProblem(max)))
    .optional();
const email = z.string({ error: 'must be text' }).superRefine(checkedBy(emailProblem)).optional();
const flag = z.boolean({ error: expected('true or false') });

const attachment = z.strictObject({
  file: z.string({ error: 'must be a file path relative to the records file' }).superRefine(checkedBy(attachmentFileProblem)),
  /** The certificate's original file name, when it differs from the file's own name (written by export). */
  name: z.string({ error: 'must be text' }).superRefine(checkedBy(attachmentNameProblem)).optional(),
  sha256: z.string({ error: 'must be a SHA-256 in hex' }).regex(SHA256_HEX, 'must be 64 hexadecimal digits').optional(),
});

const credential = z.strictObject({
  id,
  ruleSet: z.string({ error: expected('a rule set id such as "nasm-cpt"') }).min(1, 'must be a rule set id such as "nasm-cpt"'),
  number: optionalText(64),
  expires: calendarDateSchema,
  cycleStart: calendarDateSchema.optional(),
  certified: calendarDateSchema.optional(),
  application: z.strictObject({ submitted: calendarDateSchema, accepted: calendarDateSchema.optional() }).optional(),
  audit: z.strictObject({ noticeReceived: calendarDateSchema, documentsSent: calendarDateSchema.optional() }).optional(),
});

const course = z.strictObject({
  id,
  title: text(200),
  provider: text(200),
  approval: z.enum(approvalKinds, { error: expected('"nasm", "approved-provider" or "petition"') }),
  approvalCode: optionalText(64),
  completed: calendarDateSchema,
  ceus: ceusSchema.optional(),
  contactHours: contactHoursSchema.optional(),
  petition: z
    .strictObject({
      status: z.enum(petitionStatuses, { error: 'must be "pending", "approved" or "denied"' }),
      filed: calendarDateSchema.optional(),
      decided: calendarDateSchema.optional(),
    })
    .optional(),
  /** Optional: a category id of the rule set (NSCA A–D, NCSF ethics, …). */
  category: z.string({ error: 'must be a category id' }).regex(CATEGORY_ID, 'must be a category id such as "ethics"').optional(),
  credentials: z
    .array(id, { error: 'must be a list of credential ids' })
    .max(MAX_COURSE_CREDENTIALS, `must list at most ${MAX_COURSE_CREDENTIALS} credentials`)
    .optional(),
  attachments: z
    .array(attachment, { error: 'must be a list of { file, sha256 }' })
    .max(MAX_COURSE_ATTACHMENTS, `must list at most ${MAX_COURSE_ATTACHMENTS} files`)
    .optional(),
});

const card = z.strictObject({
  id,
  provider: text(200),
  completed: calendarDateSchema,
  expires: calendarDateSchema,
  adultCpr: flag,
  aed: flag,
  handsOn: flag,
  attachments: z
    .array(attachment, { error: 'must be a list of { file, sha256 }' })
    .max(MAX_CARD_ATTACHMENTS, `must list at most ${MAX_CARD_ATTACHMENTS} files`)
    .optional(),
});

/** A person as the file has them: their courses under the file's key `activities`. */
const personInFile = z.strictObject({
  id,
  name: text(200),
  email,
  employeeId: optionalText(64),
  /** Optional; false for someone a manager deactivated. */
  active: flag.optional(),
  credentials: z.array(credential, { error: 'must be a list' }).default([]),
  activities: z.array(course, { error: 'must be a list' }).default([]),
  cprAed: z.array(card, { error: 'must be a list' }).default([]),
});

/**
 * A person of the file as the code has them: the file's `activities` are their `courses`. The one
 * place the file's key is turned into the code's word, by the schema and the fast path alike
 * (fast-path.ts); writing a file (export.ts) names the key `activities` again.
 */
export function withCourses({ activities, ...person }: PersonInFile) {
  return { ...person, courses: activities };
}

const person = personInFile.transform(withCourses);

export const recordsFileSchema = z.strictObject({
  format: z.literal(RECORDS_FORMAT, { error: `must be "${RECORDS_FORMAT}"` }),
  ruleSetOverrides: z.record(z.string(), z.unknown()).optional(),
  people: z.array(person, { error: expected('a list of people') }),
});

/** A records file as read: each person's courses under `courses`. */
export type RecordsFile = z.output<typeof recordsFileSchema>;
export type PersonRecord = RecordsFile['people'][number];
/** A person as written to a records file, their courses under the file's key `activities`. */
export type PersonInFile = z.output<typeof personInFile>;
/** A records file as written (export.ts): as read, but with each person as the file has them. */
export type RecordsFileDocument = Omit<RecordsFile, 'people'> & { people: PersonInFile[] };
export type CredentialRecord = PersonRecord['credentials'][number];
export type CourseRecord = PersonRecord['courses'][number];
export type CardRecord = PersonRecord['cprAed'][number];
export type AttachmentRecord = NonNullable<CourseRecord['attachments']>[number];

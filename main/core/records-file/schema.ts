// The portable records file, `format: "recert-records/1"` (docs/records-file.md). Field names
// are a contract other tools rely on: add optional fields, never rename.
import { z } from 'zod';
import { hasControlCharacters } from '../text';
import { calendarDateSchema, ceusSchema, contactHoursSchema, EMAIL, isPlainText, PLAIN_TEXT_MESSAGE } from '../domain/fields';
import { approvalKinds, petitionStatuses } from '../domain/records';

export const RECORDS_FORMAT = 'recert-records/1';

/** zod's message for a value of the wrong type, or "is required" when it is missing. */
const expected = (what: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`);

const id = z
  .string({ error: expected('a non-empty string id') })
  .min(1, 'must be a non-empty string id')
  .max(64, 'must be at most 64 characters')
  .refine((text) => !hasControlCharacters(text), 'must not contain control characters');
// The records file refuses whatever the store would refuse, with the app's own field rules, so that
// an import never fails half-way on a database constraint.
const text = (max: number) =>
  z
    .string({ error: expected('text') })
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .refine((s) => s.length <= max, `must be at most ${max} characters`)
    .refine(isPlainText, PLAIN_TEXT_MESSAGE);
const optionalText = (max: number) =>
  z
    .string({ error: 'must be text' })
    .max(max, `must be at most ${max} characters`)
    .refine((s) => s.trim().length > 0, 'must not be empty; leave the field out instead')
    .refine(isPlainText, PLAIN_TEXT_MESSAGE)
    .optional();
const email = z
  .string({ error: 'must be text' })
  .max(254, 'must be at most 254 characters')
  .refine((s) => EMAIL.test(s), 'must be an e-mail address such as dana@example.org')
  .optional();
const flag = z.boolean({ error: expected('true or false') });

const attachment = z.strictObject({
  file: z
    .string({ error: 'must be a file path relative to the records file' })
    .min(1, 'must be a file path relative to the records file')
    .max(1024, 'must be at most 1024 characters'),
  /** The certificate's original file name, when it differs from the file's own name (written by export). */
  name: z.string({ error: 'must be text' }).max(255, 'must be at most 255 characters').refine(isPlainText, PLAIN_TEXT_MESSAGE).optional(),
  sha256: z
    .string({ error: 'must be a SHA-256 in hex' })
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal digits')
    .optional(),
});

const credential = z.strictObject({
  id,
  ruleSet: z.string({ error: expected('a rule set id such as "nasm-cpt"') }).min(1, 'must be a rule set id such as "nasm-cpt"'),
  number: optionalText(64),
  expires: calendarDateSchema,
  cycleStart: calendarDateSchema.optional(),
  application: z.strictObject({ submitted: calendarDateSchema, accepted: calendarDateSchema.optional() }).optional(),
  audit: z.strictObject({ noticeReceived: calendarDateSchema, documentsSent: calendarDateSchema.optional() }).optional(),
});

const activity = z.strictObject({
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
  category: z
    .string({ error: 'must be a category id' })
    .regex(/^[a-z0-9-]{1,40}$/, 'must be a category id such as "ethics"')
    .optional(),
  credentials: z.array(id, { error: 'must be a list of credential ids' }).max(20, 'must list at most 20 credentials').optional(),
  attachments: z.array(attachment, { error: 'must be a list of { file, sha256 }' }).max(50, 'must list at most 50 files').optional(),
});

const card = z.strictObject({
  id,
  provider: text(200),
  completed: calendarDateSchema,
  expires: calendarDateSchema,
  adultCpr: flag,
  aed: flag,
  handsOn: flag,
  attachments: z.array(attachment, { error: 'must be a list of { file, sha256 }' }).max(10, 'must list at most 10 files').optional(),
});

const person = z.strictObject({
  id,
  name: text(200),
  email,
  employeeId: optionalText(64),
  /** Optional; false for someone a manager deactivated. */
  active: flag.optional(),
  credentials: z.array(credential, { error: 'must be a list' }).default([]),
  activities: z.array(activity, { error: 'must be a list' }).default([]),
  cprAed: z.array(card, { error: 'must be a list' }).default([]),
});

export const recordsFileSchema = z.strictObject({
  format: z.literal(RECORDS_FORMAT, { error: `must be "${RECORDS_FORMAT}"` }),
  ruleSetOverrides: z.record(z.string(), z.unknown()).optional(),
  people: z.array(person, { error: expected('a list of people') }),
});

export type RecordsFile = z.output<typeof recordsFileSchema>;
export type PersonRecord = RecordsFile['people'][number];
export type CredentialRecord = PersonRecord['credentials'][number];
export type ActivityRecord = PersonRecord['activities'][number];
export type CardRecord = PersonRecord['cprAed'][number];
export type AttachmentRecord = NonNullable<ActivityRecord['attachments']>[number];

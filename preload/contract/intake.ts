import { z } from 'zod';
import { calendarDateSchema, ceusSchema, contactHoursSchema, idSchema, requiredText } from '../../main/core/domain/fields';
import type { InboxFiled, InboxItem, InboxView } from '../../main/core/domain/intake';
import { MAX_ATTACHMENT_BYTES } from '../../main/core/domain/records';
import { method, returns } from './method';

/** One file of a stack: an empty one is read too (the inbox says it is empty), a larger one is refused here. */
const intakeContent = z
  .string({ error: 'must be the file content, base64-encoded' })
  .max(
    Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4,
    `is too large: certificate files may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
  )
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64-encoded');

const ids = z
  .array(idSchema, { error: 'must be a list of inbox file ids' })
  .min(1, 'choose at least one file')
  .max(1000, 'at most 1,000 files at once');

const correction = z.strictObject({
  personId: idSchema.nullable().optional(),
  credentialIds: z.array(idSchema, { error: 'must be a list of credential ids' }).max(50, 'at most 50 credentials').optional(),
  title: requiredText().optional(),
  provider: requiredText().optional(),
  completed: calendarDateSchema.optional(),
  ceus: ceusSchema.nullable().optional(),
  contactHours: contactHoursSchema.nullable().optional(),
  expires: calendarDateSchema.optional(),
});

export const intakeContract = {
  /** The files read and not yet filed or dismissed, each with its proposal in words. */
  getInbox: method(z.strictObject({}), returns<InboxView>()),
  /** Reads one certificate on this computer into the inbox (nothing is filed); personId: read on that trainer's Courses. */
  readIntoInbox: method(
    z.strictObject({ fileName: requiredText(255), contentBase64: intakeContent, personId: idSchema.optional() }),
    returns<InboxItem>(),
  ),
  /** While a photo is read: how far it has come, in words. */
  getIntakeProgress: method(z.strictObject({}), returns<{ text: string | null }>()),
  /** Fixes or reassigns one file before it is filed. */
  correctInboxItem: method(z.strictObject({ id: idSchema, correction }), returns<InboxView>()),
  /** Files the chosen files in one transaction, each record with its certificate attached. */
  fileInboxItems: method(z.strictObject({ ids }), returns<InboxFiled>()),
  /** Takes files out of the inbox without filing them. */
  dismissInboxItems: method(z.strictObject({ ids }), returns<InboxView>()),
} as const;

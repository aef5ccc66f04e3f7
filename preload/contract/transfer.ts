import { z } from 'zod';
import { idSchema, requiredText } from '../../main/core/domain/fields';
import type { CourseCsvField, CourseCsvView, FileDelivery, RecordsImportView, RestoreView } from '../../main/core/domain/views';
import { fileContent } from './file-content';
import { passphraseSchema } from './backups';
import { method, returns } from './method';

/** A bundle or backup chosen in the app, sent whole: 100 MB holds a few hundred certificates. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
const upload = z.strictObject({
  fileName: requiredText(255),
  contentBase64: fileContent(
    MAX_UPLOAD_BYTES,
    `is too large: the app takes files of at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; use the recert command for larger ones`,
  ),
  /** For a bundle or backup protected with a passphrase. */
  passphrase: passphraseSchema.optional(),
});

/** A records file or bundle to import, with the people the person confirmed (the preview's conflicts). */
const recordsUpload = upload.extend({
  samePeople: z.array(idSchema, { error: 'must be a list of person ids' }).max(10_000, 'must list at most 10,000 people').optional(),
});

const column = z
  .number({ error: 'must be a column number' })
  .int('must be a column number')
  .min(-1, 'must be a column number')
  .max(200, 'must be a column number');
const courseCsv = z.strictObject({
  personId: idSchema,
  /** The credentials the courses count toward; none: every credential of the person. */
  credentialIds: z.array(idSchema, { error: 'must be a list of credential ids' }).max(20, 'must list at most 20 credentials').optional(),
  csvText: z
    .string({ error: 'must be the CSV file as text' })
    .min(1, 'is empty: choose the CSV file of courses')
    .max(5 * 1024 * 1024, 'is too large: a course CSV may be at most 5 MB; split it into several files'),
  /** The person's choice of columns, where the headers were not recognised. */
  mapping: z
    .partialRecord(
      z.enum(['title', 'provider', 'completed', 'ceus', 'contactHours', 'approvalCode', 'approval'] satisfies CourseCsvField[]),
      column,
    )
    .optional(),
});

export const transferContract = {
  /** What importing a records file or bundle would add, update and keep: nothing is written. */
  previewRecordsImport: method(recordsUpload, returns<RecordsImportView>()),
  /**
   * Imports it as previewed (update-import: nothing is deleted); refused while a conflict of the
   * preview (a stored person's id used for someone else) is not listed in `samePeople`.
   */
  applyRecordsImport: method(recordsUpload, returns<RecordsImportView>()),
  /** One person's records (or everyone's) and certificates as one .recert file to send. */
  exportRecordsBundle: method(z.strictObject({ personId: idSchema.optional() }), returns<FileDelivery | null>()),
  previewCourseCsv: method(courseCsv, returns<CourseCsvView>()),
  importCourseCsv: method(courseCsv, returns<CourseCsvView>()),
  /** The course log of a person (or of one credential) as a CSV file. */
  exportCourseLogCsv: method(z.strictObject({ personId: idSchema, credentialId: idSchema.optional() }), returns<FileDelivery | null>()),
  /** Checks a backup completely, keeps the current data as a backup, then restores it. */
  restoreBackup: method(upload, returns<RestoreView>()),
} as const;

import { z } from 'zod';
import { isPlainText } from '../../main/core/domain/fields';
import type { BackupsView, DataCheckView, RecoverySheet, RestoreView } from '../../main/core/domain/views';
import { method, returns } from './method';

const nothing = z.strictObject({});

/** A passphrase as typed: never trimmed (its spaces are part of it), one line, of a sane length. */
export const passphraseSchema = z
  .string({ error: 'must be text' })
  .min(1, 'is required')
  .max(1024, 'must be at most 1,024 characters')
  .refine(isPlainText, 'must not contain control characters such as line breaks');

const folder = z
  .string({ error: 'must be the path of a folder' })
  .trim()
  .min(1, 'is required: give the path of a folder')
  .max(4096, 'must be at most 4,096 characters')
  .refine(isPlainText, 'must not contain control characters such as line breaks');

export const backupsContract = {
  getBackups: method(nothing, returns<BackupsView>()),
  backUpNow: method(nothing, returns<BackupsView>()),
  checkMyData: method(nothing, returns<DataCheckView>()),
  removeUnusedFiles: method(nothing, returns<DataCheckView>()),
  /** The second place's warning alone ("Your backups have not reached …"), for the banner on every screen. */
  getBackupWarning: method(nothing, returns<{ warning: string | null }>()),
  /** Sets (or, with null, stops) the second place; the newest backup is copied there at once. */
  setSecondPlace: method(z.strictObject({ folder: folder.nullable() }), returns<BackupsView>()),
  /** Desktop: the folder chooser, then as setSecondPlace. */
  chooseSecondPlace: method(nothing, returns<BackupsView>()),
  setBackupPassphrase: method(
    z.strictObject({ passphrase: passphraseSchema, again: z.string({ error: 'must be text' }).max(1024) }),
    returns<BackupsView>(),
  ),
  clearBackupPassphrase: method(nothing, returns<BackupsView>()),
  getRecoverySheet: method(nothing, returns<RecoverySheet | null>()),
  /** Restores one of the listed backups (checked completely first, the current data kept as a backup). */
  restoreListedBackup: method(
    z.strictObject({
      place: z.enum(['here', 'second'], { error: 'must be "here" or "second"' }),
      name: z.string({ error: 'must be a backup name' }).min(1, 'is required').max(255, 'must be at most 255 characters'),
      passphrase: passphraseSchema.optional(),
    }),
    returns<RestoreView>(),
  ),
  /** The recovery drill: the newest backup of each place restored into a temporary folder and checked. */
  testMyBackups: method(nothing, returns<BackupsView>()),
} as const;

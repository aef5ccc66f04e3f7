import { z } from 'zod';
import { idSchema } from '../../main/core/domain/fields';
import type { ReminderSettings, UpcomingItem } from '../../main/core/domain/reminders';
import type { FileDelivery } from '../../main/core/domain/views';
import { method, returns } from './method';

const days = z
  .number({ error: 'must be a whole number of days between 0 and 365' })
  .int('must be a whole number of days between 0 and 365')
  .min(0, 'must be a whole number of days between 0 and 365')
  .max(365, 'must be a whole number of days between 0 and 365');

export const remindersContract = {
  getReminderSettings: method(z.strictObject({}), returns<ReminderSettings>()),
  /** Each field given is changed; lead times by credential type (a rule-set id, or "cpr-aed"). */
  updateReminderSettings: method(
    z.strictObject({
      leadTimes: z
        .record(
          z.string().min(1, 'must name a credential type').max(64, 'must be a credential type id'),
          z
            .array(days, { error: 'must be a list of days, e.g. [90, 30, 7]' })
            .min(1, 'needs at least one lead time')
            .max(5, 'may have at most 5 lead times'),
          { error: 'must map credential types to lists of days' },
        )
        .optional(),
      notifications: z.boolean({ error: 'must be true or false' }).optional(),
      calendarFile: z
        .string({ error: 'must be a file path' })
        .trim()
        .min(1, 'must be a file path')
        .max(1024, 'is too long')
        .nullable()
        .optional(),
    }),
    returns<ReminderSettings>(),
  ),
  /** Every upcoming deadline as an .ics file, for one person or the whole team (null when the dialog was dismissed). */
  exportCalendar: method(z.strictObject({ personId: idSchema.optional() }), returns<FileDelivery | null>()),
  /** The next deadlines, soonest first: one person's, or everyone's within `days`. */
  getUpcoming: method(
    z.strictObject({
      personId: idSchema.optional(),
      days: z
        .number({ error: 'must be a number of days' })
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(3650, 'must be at most 3650')
        .optional(),
    }),
    returns<UpcomingItem[]>(),
  ),
} as const;

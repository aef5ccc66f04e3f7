import { z } from 'zod';
import {
  approvalSchema,
  calendarDateSchema,
  ceusSchema,
  contactHoursSchema,
  idSchema,
  optionalDate,
  optionalText,
  petitionStatusSchema,
  requiredText,
} from '../../main/core/domain/fields';
import type { Course, ApprovalKind } from '../../main/core/domain/records';
import { courseLogSortKeys, type CourseLogPage, type PetitionFeeNotice } from '../../main/core/domain/views';
import { method, returns } from './method';
import { byId } from './people';

const petitionSchema = z.strictObject({
  status: petitionStatusSchema,
  filed: optionalDate,
  decided: optionalDate,
});

const courseFields = {
  title: requiredText(),
  provider: requiredText(),
  approval: approvalSchema,
  approvalCode: optionalText(64),
  completed: calendarDateSchema,
  ceus: ceusSchema.nullish().transform((v) => v ?? null),
  contactHours: contactHoursSchema.nullish().transform((v) => v ?? null),
  petition: petitionSchema.nullish().transform((v) => v ?? null),
  /** A category of the rule set (NSCA A–D, NCSF ethics, ACSM CPR/first aid); most rule sets have none. */
  category: z
    .string({ error: 'must be a category id' })
    .regex(/^[a-z0-9-]{1,40}$/, 'must be a category id such as "ethics"')
    .nullish()
    .transform((v) => v ?? null),
  credentialIds: z.array(idSchema, { error: 'must be a list of credential ids' }).max(20, 'must list at most 20 credentials'),
};

function courseConsistent(
  value: {
    ceus: number | null;
    contactHours: number | null;
    approval: ApprovalKind;
    petition: { filed: string | null; decided: string | null } | null;
  },
  ctx: z.RefinementCtx,
) {
  if (value.ceus === null && value.contactHours === null) {
    ctx.addIssue({ code: 'custom', path: ['ceus'], message: 'enter either CEUs or contact hours' });
  }
  if (value.ceus !== null && value.contactHours !== null) {
    ctx.addIssue({ code: 'custom', path: ['contactHours'], message: 'enter either CEUs or contact hours, not both' });
  }
  if (value.petition && value.approval !== 'petition') {
    ctx.addIssue({ code: 'custom', path: ['petition'], message: 'only a course with approval "petition" has a petition' });
  }
  if (value.petition?.filed && value.petition.decided && value.petition.decided < value.petition.filed) {
    ctx.addIssue({ code: 'custom', path: ['petition', 'decided'], message: 'must not be before the filing date' });
  }
}

const courseInput = z.strictObject({ personId: idSchema, ...courseFields }).superRefine(courseConsistent);

const boolean = z.boolean({ error: 'must be true or false' });

export const coursesContract = {
  listCourses: method(z.strictObject({ personId: idSchema, credentialId: idSchema.optional() }), returns<Course[]>()),
  queryCourseLog: method(
    z.strictObject({
      personId: idSchema,
      credentialId: idSchema.optional(),
      approval: approvalSchema.optional(),
      cycle: z.enum(['current', 'all'], { error: 'must be "current" or "all"' }).optional(),
      missingCertificates: boolean.optional(),
      search: z.string({ error: 'must be text' }).max(200, 'must be at most 200 characters').optional(),
      sort: z
        .strictObject({
          key: z.enum(courseLogSortKeys, { error: `must be one of ${courseLogSortKeys.join(', ')}` }),
          direction: z.enum(['asc', 'desc'], { error: 'must be "asc" or "desc"' }),
        })
        .optional(),
      offset: z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative'),
      limit: z
        .number({ error: 'must be a number' })
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(1000, 'must be at most 1000'),
      asOf: calendarDateSchema.optional(),
    }),
    returns<CourseLogPage>(),
  ),
  getCourse: method(byId, returns<Course>()),
  createCourse: method(courseInput, returns<Course>()),
  updateCourse: method(z.strictObject({ id: idSchema, ...courseFields }).superRefine(courseConsistent), returns<Course>()),
  deleteCourse: method(byId, returns<{ deleted: true }>()),
  /** What petitioning a course would cost under the credentials it counts toward. */
  describePetitionFee: method(
    z.strictObject({ personId: idSchema, credentialIds: courseFields.credentialIds }),
    returns<PetitionFeeNotice>(),
  ),
} as const;

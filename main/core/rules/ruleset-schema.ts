// The shape of a rule set (resources/rulesets/*.json). Every figure is "sourced": it carries the
// source it comes from, the date it was checked, the rule it belongs to, and flags for figures that
// are a decision of ours or that public sources leave unverified — the UI shows all of that.
import { z } from 'zod';
import { isCalendarDate } from '../dates';

const date = z.string().refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD');

import { ruleIds, type RuleId } from '../domain/verdict';

export { ruleIds, type RuleId };

function sourced<T extends z.ZodType>(value: T) {
  return z.strictObject({
    value,
    /** A key of the rule set's `sources`. */
    source: z.string().min(1),
    verifiedOn: date,
    rule: z.enum(ruleIds),
    quote: z.string().optional(),
    /** Set when the figure is our reading where the source is silent or ambiguous ("Recert's reading" in docs/rules.md). */
    decision: z.string().optional(),
    /** Set when public sources disagree or could not be checked (flagged in docs/rules.md). */
    unverified: z.boolean().optional(),
    note: z.string().optional(),
  });
}

const amount = z.number().min(0).max(1000);
const offset = z.strictObject({
  days: z.number().int().optional(),
  months: z.number().int().optional(),
  years: z.number().int().optional(),
});
export type Offset = z.infer<typeof offset>;

const feeTier = z.enum(['standard', 'late', 'late-additional']);
const lateStatus = z.enum(['expired-late', 'expired-additional-fee']);

const applicationWindow = z.strictObject({
  /** Shown to the user, e.g. "Late fee". */
  label: z.string().min(1),
  /** First day of the window, relative to the expiration date E (inclusive). */
  from: offset,
  /** Last day of the window, relative to E (inclusive). */
  until: offset,
  feeTier,
  status: lateStatus,
  fee: sourced(z.number().min(0).nullable()),
  /** The status in words inside this window, "{until}" standing for its last day; by default "Expired — late fee applies until …". */
  statusText: z.string().includes('{until}').optional(),
});

const category = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  name: z.string().min(1),
  /** Units that must come from this category (e.g. NCSF ethics). */
  min: sourced(amount).optional(),
  /** Units above this never count (e.g. NSCA category maxima). */
  max: sourced(amount).optional(),
  /** Units above this per cycle year never count (e.g. ACSM CPR/AED/first aid). */
  maxPerYear: sourced(amount).optional(),
});

const prorationStep = z.strictObject({
  /** Certified on or after this date (inclusive), a date inside the published period: the figures below apply. */
  certifiedFrom: date,
  courses: amount,
  /** The category maxima for this step, by category id; a category left out keeps its own `max`. */
  categoryMax: z.record(z.string(), amount).optional(),
});
export type ProrationStep = z.infer<typeof prorationStep>;

const cycle = z.discriminatedUnion('kind', [
  z.strictObject({
    /** The cycle ends on the credential's expiration date E and starts `months` earlier + 1 day. */
    kind: z.literal('from-expiration'),
    months: sourced(z.number().int().min(1).max(120)),
    /** NCSF: credentials expire on the last day of a month. */
    endsOnLastDayOfMonth: sourced(z.boolean()).optional(),
  }),
  z.strictObject({
    /**
     * Calendar periods shared by everyone (NSCA): `years` calendar years each, one of them the
     * published period. A credential's period is the one whose last day is its expiration date; the
     * requirement is prorated by the certification date within it.
     */
    kind: z.literal('calendar-periods'),
    years: sourced(z.number().int().min(1).max(10)),
    /** The period the body has published its proration table for (a 1 January to 31 December span). */
    published: sourced(z.strictObject({ start: date, end: date })),
    /**
     * The published period's table, ordered by certifiedFrom; someone certified before the period
     * owes the full requirement and the categories' own maxima. Other periods use it shifted by
     * whole periods (`shifted` says whose reading that is).
     */
    proration: sourced(z.array(prorationStep).min(1)),
    /** Periods other than the published one take its table shifted by whole periods. */
    shifted: sourced(z.boolean()),
  }),
]);

export const ruleSetSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  name: z.string().min(1),
  credential: z.string().min(1),
  body: z.string().min(1),
  version: z.string().min(1),
  sources: z.record(
    z.string(),
    z.strictObject({
      title: z.string().min(1),
      url: z.string().url().optional(),
      copy: z.string().optional(),
      note: z.string().optional(),
    }),
  ),
  rules: z
    .array(z.strictObject({ id: z.enum(ruleIds), title: z.string().min(1), text: z.string().min(1), decision: z.string().optional() }))
    .min(1),
  unit: z.strictObject({
    singular: z.string().min(1),
    plural: z.string().min(1),
    /** Body units per contact hour: 0.1 (NASM, ACE), 1 (AFAA, ACSM, ISSA), 0.5 (NCSF). */
    perContactHour: sourced(z.number().positive().max(10)),
  }),
  cycle,
  requirement: z.strictObject({
    /** Units required from courses (NASM 1.9); for a fixed cycle, the full (unprorated) requirement. */
    courses: sourced(amount),
    /** Course units that must come from the body's own courses (approval "nasm"), e.g. AFAA's 2. */
    ownCourses: sourced(amount).optional(),
    categories: z.array(category).default([]),
    /** Courses without a category (or with one this rule set does not know) count here. */
    defaultCategory: z.string().optional(),
    /** The same course counts once per cycle (ACE): the same approval code, else the same title and provider. */
    noRepeatedCourses: sourced(z.boolean()).optional(),
    /** Counted units must come from at least this many of `categories` (NSCA: two). */
    minCategories: sourced(z.number().int().min(1).max(10)).optional(),
  }),
  cprAed: z.strictObject({
    required: sourced(z.boolean()),
    /** Units a valid card contributes toward the total (NASM 0.1, AFAA 2, NCSF 2; ACE 0). */
    credit: sourced(amount),
    adultCprRequired: sourced(z.boolean()),
    aedRequired: sourced(z.boolean()),
    handsOnRequired: sourced(z.boolean()),
    /** Online-only cards completed in this window (inclusive) are accepted; until null = end unknown. */
    waiver: sourced(z.strictObject({ from: date, until: date.nullable() })).optional(),
    /** ISSA: the card must stay valid this many days after the reference date. */
    validDaysAfterReference: sourced(z.number().int().min(0).max(365)).optional(),
  }),
  petition: z.strictObject({
    /** $ per petitioned course, owed whatever the outcome; null where the body states none. */
    fee: sourced(z.number().min(0).nullable()),
    /** The body charges a fee per petition but publishes no amount (ACE): \`fee\` is then null. */
    feeCharged: sourced(z.boolean()).optional(),
  }),
  /** Courses completed up to E + this offset count (NASM: 90 days). */
  courseDeadline: sourced(offset),
  applicationWindows: sourced(z.array(applicationWindow)),
  audit: z.strictObject({ responseDays: sourced(z.number().int().min(1).max(365).nullable()) }),
  /** R11: after an accepted recertification the next cycle starts the day after E. */
  nextCycle: sourced(z.strictObject({ months: z.number().int().min(1).max(120) })),
  activitySharing: sourced(z.enum(['within-own-cycle', 'one-set-for-several'])),
  standardFee: sourced(z.number().min(0).nullable()).optional(),
});

export type RuleSet = z.output<typeof ruleSetSchema>;
/** What a records file or the Settings screen may change about a shipped rule set. */
export const ruleSetOverrideSchema = z.strictObject({
  cprAedWaiver: z
    .strictObject({
      from: date,
      until: date.nullable(),
    })
    .refine((w) => w.until === null || w.until >= w.from, { message: 'until must not be before from', path: ['until'] })
    .optional(),
});

export type RuleSetOverride = z.output<typeof ruleSetOverrideSchema>;

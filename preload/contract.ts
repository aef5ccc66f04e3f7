// THE API between the renderer and the main process: every method once, with its input schema and
// its result type. Main parses every input with these schemas (inputs arrive as `unknown`); the
// renderer reuses them for instant form feedback; the preload and browser mode expose exactly these
// names. No electron import here: Node tests, the CLI and browser mode load this file too.
import { z } from 'zod';
import { isCalendarDate } from '../main/core/dates';
import { hasControlCharacters } from '../main/core/text';
import { methodNames } from './method-names';
import type { Explained } from '../main/core/rules/describe';
import type { RuleSet } from '../main/core/rules/ruleset-schema';
import type { Verdict } from '../main/core/rules/types';

export type { Explained, RuleSet, Verdict };

// ---------------------------------------------------------------------------------------------
// Field schemas. Messages say what to fix; the field name is added from the issue's path.

const MAX_TEXT = 200;
/** Certificate files up to 25 MB; base64 grows by a third. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** RULES.md: over 100 CEUs is absurd; with NASM's 1 h = 0.1 CEU that is 1,000 contact hours. */
export const MAX_CEUS = 100;
export const MAX_CONTACT_HOURS = 1000;
/** The records format's convention (RULES.md R3): 1 contact hour = 0.1 CEU. */
export const CONTACT_HOURS_PER_CEU = 10;

export const idSchema = z
  .string({ error: 'must be an id (text)' })
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .refine((id) => !hasControlCharacters(id), 'must not contain control characters');

function requiredText(max = MAX_TEXT) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`);
}

function optionalText(max = MAX_TEXT) {
  return z
    .string({ error: 'must be text' })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((value) => (value ? value : null));
}

export const calendarDateSchema = z
  .string({
    error: (issue) => (issue.input === undefined ? 'is required (YYYY-MM-DD)' : 'must be a date written YYYY-MM-DD'),
  })
  .max(10, 'must be a date written YYYY-MM-DD')
  .superRefine((value, ctx) => {
    if (value === '') ctx.addIssue({ code: 'custom', message: 'is required (YYYY-MM-DD)' });
    else if (!isCalendarDate(value)) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a calendar date (YYYY-MM-DD, e.g. 2027-03-31)` });
    }
  });

const optionalDate = calendarDateSchema.nullish().transform((value) => value ?? null);

/** Whether a decimal number has at most `places` decimals, tolerating binary floating point. */
export function hasAtMostDecimals(value: number, places: number): boolean {
  const scaled = value * 10 ** places;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

function amountSchema(unit: string, max: number, places: number) {
  return z
    .number({ error: `must be a number of ${unit}` })
    .refine(Number.isFinite, `must be a number of ${unit}`)
    .refine((v) => v > 0, `must be more than 0 ${unit}`)
    .refine((v) => v <= max, `must be at most ${max} ${unit}; check the certificate`)
    .refine((v) => hasAtMostDecimals(v, places), `must have at most ${places} decimals`);
}

export const ceusSchema = amountSchema('CEUs', MAX_CEUS, 3);
export const contactHoursSchema = amountSchema('contact hours', MAX_CONTACT_HOURS, 2);

const email = z
  .string({ error: 'must be text' })
  .trim()
  .max(254, 'must be at most 254 characters')
  .refine((v) => v === '' || /^[^\s@]+@[^\s@]+$/.test(v), 'must be an e-mail address such as dana@example.org')
  .nullish()
  .transform((value) => (value ? value : null));

export const approvalKinds = ['nasm', 'approved-provider', 'petition'] as const;
export type ApprovalKind = (typeof approvalKinds)[number];
export const petitionStatuses = ['pending', 'approved', 'denied'] as const;
export type PetitionStatus = (typeof petitionStatuses)[number];
export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

const approvalSchema = z.enum(approvalKinds, { error: 'must be one of nasm, approved-provider, petition' });

const petitionSchema = z.strictObject({
  status: z.enum(petitionStatuses, { error: 'must be one of pending, approved, denied' }),
  filed: optionalDate,
  decided: optionalDate,
});

// ---------------------------------------------------------------------------------------------
// Record shapes (inputs).

const personFields = {
  name: requiredText(),
  email,
  employeeId: optionalText(64),
};

const credentialFields = {
  ruleSet: requiredText(64),
  number: optionalText(64),
  expires: calendarDateSchema,
  cycleStart: optionalDate,
  applicationSubmitted: optionalDate,
  applicationAccepted: optionalDate,
  auditNoticeReceived: optionalDate,
  documentsSent: optionalDate,
};

function credentialDatesInOrder(
  value: {
    applicationSubmitted: string | null;
    applicationAccepted: string | null;
    auditNoticeReceived: string | null;
    documentsSent: string | null;
  },
  ctx: z.RefinementCtx,
) {
  if (value.applicationAccepted && !value.applicationSubmitted) {
    ctx.addIssue({ code: 'custom', path: ['applicationAccepted'], message: 'needs the application date first' });
  }
  if (value.applicationAccepted && value.applicationSubmitted && value.applicationAccepted < value.applicationSubmitted) {
    ctx.addIssue({ code: 'custom', path: ['applicationAccepted'], message: 'must not be before the application date' });
  }
  if (value.documentsSent && !value.auditNoticeReceived) {
    ctx.addIssue({ code: 'custom', path: ['documentsSent'], message: 'needs the audit notice date first' });
  }
  if (value.documentsSent && value.auditNoticeReceived && value.documentsSent < value.auditNoticeReceived) {
    ctx.addIssue({ code: 'custom', path: ['documentsSent'], message: 'must not be before the audit notice date' });
  }
}

const activityFields = {
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

function activityConsistent(
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

const cprAedFields = {
  provider: requiredText(),
  completed: calendarDateSchema,
  expires: calendarDateSchema,
  adultCpr: z.boolean({ error: 'must be true or false' }),
  aed: z.boolean({ error: 'must be true or false' }),
  handsOn: z.boolean({ error: 'must be true or false' }),
};

function cardDatesInOrder(value: { completed: string; expires: string }, ctx: z.RefinementCtx) {
  if (value.expires < value.completed) {
    ctx.addIssue({ code: 'custom', path: ['expires'], message: 'must not be before the completion date' });
  }
}

const byId = z.strictObject({ id: idSchema });
const byPerson = z.strictObject({ personId: idSchema });

export const personInput = z.strictObject(personFields);
export const credentialInput = z.strictObject({ personId: idSchema, ...credentialFields }).superRefine(credentialDatesInOrder);
export const activityInput = z.strictObject({ personId: idSchema, ...activityFields }).superRefine(activityConsistent);
export const cprAedCardInput = z.strictObject({ personId: idSchema, ...cprAedFields }).superRefine(cardDatesInOrder);

const attachmentOwner = z.discriminatedUnion(
  'kind',
  [z.strictObject({ kind: z.literal('activity'), id: idSchema }), z.strictObject({ kind: z.literal('cpr-aed-card'), id: idSchema })],
  { error: 'must be { kind: "activity" | "cpr-aed-card", id }' },
);

// ---------------------------------------------------------------------------------------------
// Records as the API returns them.

export interface Person {
  id: string;
  name: string;
  email: string | null;
  employeeId: string | null;
  active: boolean;
}

export interface Credential {
  id: string;
  personId: string;
  ruleSet: string;
  number: string | null;
  expires: string;
  cycleStart: string | null;
  applicationSubmitted: string | null;
  applicationAccepted: string | null;
  auditNoticeReceived: string | null;
  documentsSent: string | null;
}

export interface Petition {
  status: PetitionStatus;
  filed: string | null;
  decided: string | null;
}

export interface Activity {
  id: string;
  personId: string;
  title: string;
  provider: string;
  approval: ApprovalKind;
  approvalCode: string | null;
  completed: string;
  /** Exactly one of ceus / contactHours is set, as entered from the certificate. */
  ceus: number | null;
  contactHours: number | null;
  petition: Petition | null;
  category: string | null;
  credentialIds: string[];
}

export interface CprAedCard {
  id: string;
  personId: string;
  provider: string;
  completed: string;
  expires: string;
  adultCpr: boolean;
  aed: boolean;
  handsOn: boolean;
}

export const attachmentMediaTypes = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/heif'] as const;
export type AttachmentMediaType = (typeof attachmentMediaTypes)[number];

/** An attachment as stored: which file (by SHA-256) evidences which course or card. */
export interface StoredAttachment {
  id: string;
  sha256: string;
  fileName: string;
  mediaType: AttachmentMediaType;
  size: number;
  activityId: string | null;
  cprAedCardId: string | null;
}

export interface Attachment extends StoredAttachment {
  /** Where the app can show the file (HEIC photos converted): the attachment: scheme, or browser mode's route. */
  previewUrl: string;
}

export interface Settings {
  /** Where the database and certificate files live (read-only here: set RECERT_DATA_DIR to move it). */
  dataDir: string;
  theme: Theme;
}

export interface RuleSetSummary {
  id: string;
  name: string;
  credential: string;
  body: string;
  unit: { singular: string; plural: string };
  /** $ per petitioned course, when the body states one. */
  petitionFee: number | null;
  /** Days to send documents after an audit notice, when the body states it. */
  auditResponseDays: number | null;
  /** Course categories the rule set counts separately (NSCA A–D, NCSF ethics…); usually none. */
  categories: { id: string; name: string }[];
}

/** A verdict with everything a screen needs to show it: names, plain words, actions, rule ids. */
export interface CredentialEvaluation {
  asOf: string;
  person: Person;
  credential: Credential;
  ruleSet: RuleSetSummary;
  /**
   * The engine's verdict without its per-course parts: each course's verdict comes with the course
   * log (queryCourseLog), and the warnings, grouped and in words, in `warnings` below.
   */
  verdict: Omit<Verdict, 'activities' | 'warnings' | 'explain'>;
  /** e.g. "Expired — late fee applies until 29 Jun 2027". */
  statusText: string;
  /** The CPR/AED verdict in words, e.g. "Current, with Adult CPR and AED, hands-on". */
  cprAedText: string;
  blockers: Explained[];
  warnings: Explained[];
  /** Days from the as-of date to the audit due date (negative once overdue); null without an open audit. */
  auditDaysLeft: number | null;
}

export const courseLogSortKeys = ['completed', 'title', 'provider', 'amount', 'approval', 'status'] as const;

export interface CourseLogQuery {
  personId: string;
  credentialId?: string | undefined;
  approval?: ApprovalKind | undefined;
  cycle?: 'current' | 'all' | undefined;
  /** Only counted courses without a certificate file (what an audit would miss). */
  missingCertificates?: boolean | undefined;
  search?: string | undefined;
  sort?: { key: (typeof courseLogSortKeys)[number]; direction: 'asc' | 'desc' } | undefined;
  offset: number;
  limit: number;
}

export interface CourseLogRow extends Activity {
  certificates: number;
  /** The engine's verdict for each credential the course counts toward. */
  verdicts: { credentialId: string; credential: string; counted: boolean; reason: string; reasonText: string; amount: number }[];
}

export interface CourseLogPage {
  /** Rows matching the filters, and rows in all. */
  total: number;
  all: number;
  offset: number;
  rows: CourseLogRow[];
}

export interface AuditChecklist {
  credentialId: string;
  auditDue: string | null;
  daysLeft: number | null;
  documentsSent: string | null;
  items: { label: string; state: 'ok' | 'missing' | 'todo'; detail: string }[];
  missing: number;
}

/** An audit packet being written: started by startPacketExport (null when the save dialog was dismissed). */
export interface PacketExportStatus {
  jobId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  message: string;
  fileName: string;
  /** Where the packet was saved (desktop app), once done. */
  savedTo: string | null;
  /** Browser mode: a same-origin link that downloads the finished packet. */
  downloadPath: string | null;
  /** The desktop app can reveal the saved file in the system's file manager. */
  canShowInFolder: boolean;
  error: string | null;
}

// ---------------------------------------------------------------------------------------------
// The methods.

/** Marks a method's result type; it exists only for the type checker. */
function returns<T>(): T {
  return undefined as T;
}

function method<I extends z.ZodType, R>(input: I, result: R) {
  return { input, result };
}

export const contract = {
  listPeople: method(z.strictObject({ includeInactive: z.boolean({ error: 'must be true or false' }).optional() }), returns<Person[]>()),
  getPerson: method(byId, returns<Person>()),
  createPerson: method(personInput, returns<Person>()),
  updatePerson: method(
    z.strictObject({ id: idSchema, ...personFields, active: z.boolean({ error: 'must be true or false' }) }),
    returns<Person>(),
  ),
  deletePerson: method(byId, returns<{ deleted: true }>()),

  listRuleSets: method(z.strictObject({}), returns<RuleSetSummary[]>()),

  listCredentials: method(byPerson, returns<Credential[]>()),
  getCredential: method(byId, returns<Credential>()),
  createCredential: method(credentialInput, returns<Credential>()),
  updateCredential: method(
    z.strictObject({ id: idSchema, ...credentialFields }).superRefine(credentialDatesInOrder),
    returns<Credential>(),
  ),
  deleteCredential: method(byId, returns<{ deleted: true }>()),

  listActivities: method(z.strictObject({ personId: idSchema, credentialId: idSchema.optional() }), returns<Activity[]>()),
  queryCourseLog: method(
    z.strictObject({
      personId: idSchema,
      credentialId: idSchema.optional(),
      approval: approvalSchema.optional(),
      cycle: z.enum(['current', 'all'], { error: 'must be "current" or "all"' }).optional(),
      missingCertificates: z.boolean({ error: 'must be true or false' }).optional(),
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
  getActivity: method(byId, returns<Activity>()),
  createActivity: method(activityInput, returns<Activity>()),
  updateActivity: method(z.strictObject({ id: idSchema, ...activityFields }).superRefine(activityConsistent), returns<Activity>()),
  deleteActivity: method(byId, returns<{ deleted: true }>()),

  listCprAedCards: method(byPerson, returns<CprAedCard[]>()),
  getCprAedCard: method(byId, returns<CprAedCard>()),
  createCprAedCard: method(cprAedCardInput, returns<CprAedCard>()),
  updateCprAedCard: method(z.strictObject({ id: idSchema, ...cprAedFields }).superRefine(cardDatesInOrder), returns<CprAedCard>()),
  deleteCprAedCard: method(byId, returns<{ deleted: true }>()),

  listAttachments: method(z.strictObject({ owner: attachmentOwner }), returns<Attachment[]>()),
  addAttachment: method(
    z.strictObject({
      owner: attachmentOwner,
      fileName: requiredText(255),
      contentBase64: z
        .string({ error: 'must be the file content, base64-encoded' })
        .min(1, 'is empty: choose a file that has content')
        .max(
          Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4,
          `is too large: certificate files may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
        )
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64-encoded'),
    }),
    returns<Attachment>(),
  ),
  removeAttachment: method(byId, returns<{ deleted: true }>()),

  evaluateCredential: method(
    z.strictObject({ credentialId: idSchema, asOf: calendarDateSchema.optional() }),
    returns<CredentialEvaluation>(),
  ),
  evaluateEveryone: method(
    z.strictObject({ asOf: calendarDateSchema.optional(), includeInactive: z.boolean({ error: 'must be true or false' }).optional() }),
    returns<CredentialEvaluation[]>(),
  ),
  getRuleSet: method(z.strictObject({ id: requiredText(64) }), returns<RuleSet>()),
  updateRuleSetOverride: method(
    z.strictObject({
      ruleSet: requiredText(64),
      cprAedWaiver: z
        .strictObject({ from: calendarDateSchema, until: optionalDate })
        .refine((w) => w.until === null || w.until >= w.from, { message: 'must not be before the start', path: ['until'] })
        .nullable(),
    }),
    returns<RuleSet>(),
  ),
  getAuditChecklist: method(z.strictObject({ credentialId: idSchema, asOf: calendarDateSchema.optional() }), returns<AuditChecklist>()),

  startPacketExport: method(
    z.strictObject({ credentialId: idSchema, asOf: calendarDateSchema.optional() }),
    returns<PacketExportStatus | null>(),
  ),
  getPacketExport: method(z.strictObject({ jobId: idSchema }), returns<PacketExportStatus>()),
  cancelPacketExport: method(z.strictObject({ jobId: idSchema }), returns<PacketExportStatus>()),
  showPacketInFolder: method(z.strictObject({ jobId: idSchema }), returns<{ shown: true }>()),

  getSettings: method(z.strictObject({}), returns<Settings>()),
  updateSettings: method(z.strictObject({ theme: z.enum(themes, { error: 'must be one of system, light, dark' }) }), returns<Settings>()),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export { methodNames };

// Compile-time proof that method-names.ts lists exactly the contract's methods.
type ListedName = (typeof methodNames)[number];
const everyMethodListed: [Exclude<MethodName, ListedName>, Exclude<ListedName, MethodName>] extends [never, never] ? true : false = true;
void everyMethodListed;

export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type ResultOf<M extends MethodName> = Contract[M]['result'];

// ---------------------------------------------------------------------------------------------
// Results: errors cross the boundary as data, never as thrown exceptions.

export const errorCodes = ['invalid-input', 'not-found', 'conflict', 'internal'] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The object the preload (and browser mode) put on `window.recert`. */
export type RecertApi = { [M in MethodName]: (input: InputOf<M>) => Promise<Result<ResultOf<M>>> };

/** "people[0].name" style path for a zod issue, the way FORMAT.md names fields. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Turns the first zod issue into an ApiError that names the field and says what to fix. */
export function validationError(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  if (!issue) return { code: 'invalid-input', message: 'The input is not valid.' };
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const field = issuePath([...issue.path, key]);
    return { code: 'invalid-input', field, message: `${field}: unknown field; remove it` };
  }
  const field = issuePath(issue.path);
  return { code: 'invalid-input', field: field || undefined, message: field ? `${field}: ${issue.message}` : `input: ${issue.message}` };
}

// The fast path of reading a records file: a plain walk over the parsed JSON that accepts a file
// only when every value is plainly valid, asking each field the same rule function the zod schema
// uses (schema.ts). When anything is off it answers null, and zod reads the file and words every
// problem. zod was a large part of `recert evaluate` on a gym's file of 50,000 courses; this walk is
// far quicker and copies nothing but each person's own object (for their `courses`).
//
// It mirrors the schema's shape, which a property test holds it to: whatever it accepts, zod
// accepts too, with the same result.
import { isCalendarDate } from '../dates';
import { ceusProblem, contactHoursProblem } from '../domain/fields';
import { approvalKinds, petitionStatuses } from '../domain/records';
import {
  attachmentFileProblem,
  attachmentNameProblem,
  CATEGORY_ID,
  emailProblem,
  idProblem,
  MAX_COURSE_ATTACHMENTS,
  MAX_COURSE_CREDENTIALS,
  MAX_CARD_ATTACHMENTS,
  optionalTextProblem,
  RECORDS_FORMAT,
  SHA256_HEX,
  textProblem,
  withCourses,
  type PersonInFile,
  type PersonRecord,
  type RecordsFile,
} from './schema';

type Raw = Record<string, unknown>;

// Written out type by type, without combinators: a shared helper would see every type of object at
// one call site, which V8 cannot optimise for (this runs once per value of a 50,000-course file,
// mostly before the code is warm).

const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/** No key but these (a strict object, like the schema's). */
function onlyKeys(value: Raw, keys: ReadonlySet<string>): boolean {
  for (const key in value) if (!keys.has(key)) return false;
  return true;
}

const isId = (value: unknown) => typeof value === 'string' && idProblem(value) === null;
// calendarDateProblem finds no problem exactly when the text is a calendar date: its other checks
// (a five-digit year, a long or empty text) only choose the words for a text that is none.
const isDate = (value: unknown) => isCalendarDate(value);
const isOptionalDate = (value: unknown) => value === undefined || isDate(value);

/**
 * Printable ASCII (space to tilde) of 1 to `max` characters with one that is not a space: the text
 * rules' common case, decided in one pass over the characters. Such a text has no control or lone
 * surrogate character, and trims to nothing only when it is all spaces; anything else (other
 * scripts, accents) is asked of the rule itself.
 */
function isShortPrintableAscii(text: string, max: number): boolean {
  if (text.length > max) return false;
  let blank = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
    if (code !== 0x20) blank = false;
  }
  return !blank;
}
const text200 = textProblem(200);
const isText200 = (value: unknown) => typeof value === 'string' && (isShortPrintableAscii(value, 200) || text200(value) === null);
const optionalText64 = optionalTextProblem(64);
const isOptionalText64 = (value: unknown) =>
  value === undefined || (typeof value === 'string' && (isShortPrintableAscii(value, 64) || optionalText64(value) === null));
const isOptionalBoolean = (value: unknown) => value === undefined || typeof value === 'boolean';

const ATTACHMENT_KEYS = new Set(['file', 'name', 'sha256']);
function isAttachment(a: unknown): boolean {
  return (
    isObject(a) &&
    onlyKeys(a, ATTACHMENT_KEYS) &&
    typeof a.file === 'string' &&
    attachmentFileProblem(a.file) === null &&
    (a.name === undefined || (typeof a.name === 'string' && attachmentNameProblem(a.name) === null)) &&
    (a.sha256 === undefined || (typeof a.sha256 === 'string' && SHA256_HEX.test(a.sha256)))
  );
}

function areAttachments(value: unknown, max: number): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value) || value.length > max) return false;
  for (const item of value) if (!isAttachment(item)) return false;
  return true;
}

const APPLICATION_KEYS = new Set(['submitted', 'accepted']);
const AUDIT_KEYS = new Set(['noticeReceived', 'documentsSent']);
const CREDENTIAL_KEYS = new Set(['id', 'ruleSet', 'number', 'expires', 'cycleStart', 'certified', 'application', 'audit']);
function isCredential(c: unknown): boolean {
  if (!isObject(c) || !onlyKeys(c, CREDENTIAL_KEYS)) return false;
  const { application, audit } = c;
  return (
    isId(c.id) &&
    typeof c.ruleSet === 'string' &&
    c.ruleSet.length > 0 &&
    isOptionalText64(c.number) &&
    isDate(c.expires) &&
    isOptionalDate(c.cycleStart) &&
    isOptionalDate(c.certified) &&
    (application === undefined ||
      (isObject(application) &&
        onlyKeys(application, APPLICATION_KEYS) &&
        isDate(application.submitted) &&
        isOptionalDate(application.accepted))) &&
    (audit === undefined ||
      (isObject(audit) && onlyKeys(audit, AUDIT_KEYS) && isDate(audit.noticeReceived) && isOptionalDate(audit.documentsSent)))
  );
}

const PETITION_KEYS = new Set(['status', 'filed', 'decided']);
const COURSE_KEYS = new Set([
  'id',
  'title',
  'provider',
  'approval',
  'approvalCode',
  'completed',
  'ceus',
  'contactHours',
  'petition',
  'category',
  'credentials',
  'attachments',
]);
function isCourse(a: unknown): boolean {
  if (!isObject(a) || !onlyKeys(a, COURSE_KEYS)) return false;
  const { ceus, contactHours, petition, category, credentials } = a;
  if (!(
    isId(a.id) &&
    isText200(a.title) &&
    isText200(a.provider) &&
    typeof a.approval === 'string' &&
    (approvalKinds as readonly string[]).includes(a.approval) &&
    isOptionalText64(a.approvalCode) &&
    isDate(a.completed) &&
    (ceus === undefined || (typeof ceus === 'number' && ceusProblem(ceus) === null)) &&
    (contactHours === undefined || (typeof contactHours === 'number' && contactHoursProblem(contactHours) === null)) &&
    (category === undefined || (typeof category === 'string' && CATEGORY_ID.test(category))) &&
    areAttachments(a.attachments, MAX_COURSE_ATTACHMENTS)
  ))
    return false;
  if (petition !== undefined) {
    if (!isObject(petition) || !onlyKeys(petition, PETITION_KEYS)) return false;
    if (typeof petition.status !== 'string' || !(petitionStatuses as readonly string[]).includes(petition.status)) return false;
    if (!isOptionalDate(petition.filed) || !isOptionalDate(petition.decided)) return false;
  }
  if (credentials !== undefined) {
    if (!Array.isArray(credentials) || credentials.length > MAX_COURSE_CREDENTIALS) return false;
    for (const id of credentials) if (!isId(id)) return false;
  }
  return true;
}

const CARD_KEYS = new Set(['id', 'provider', 'completed', 'expires', 'adultCpr', 'aed', 'handsOn', 'attachments']);
function isCard(k: unknown): boolean {
  return (
    isObject(k) &&
    onlyKeys(k, CARD_KEYS) &&
    isId(k.id) &&
    isText200(k.provider) &&
    isDate(k.completed) &&
    isDate(k.expires) &&
    typeof k.adultCpr === 'boolean' &&
    typeof k.aed === 'boolean' &&
    typeof k.handsOn === 'boolean' &&
    areAttachments(k.attachments, MAX_CARD_ATTACHMENTS)
  );
}

/** A list of `every`, or absent. */
function isOptionalList(value: unknown, every: (item: unknown) => boolean): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return false;
  for (const item of value) if (!every(item)) return false;
  return true;
}

const PERSON_KEYS = new Set(['id', 'name', 'email', 'employeeId', 'active', 'credentials', 'activities', 'cprAed']);
function isPerson(p: unknown): boolean {
  return (
    isObject(p) &&
    onlyKeys(p, PERSON_KEYS) &&
    isId(p.id) &&
    isText200(p.name) &&
    (p.email === undefined || (typeof p.email === 'string' && emailProblem(p.email) === null)) &&
    isOptionalText64(p.employeeId) &&
    isOptionalBoolean(p.active) &&
    isOptionalList(p.credentials, isCredential) &&
    isOptionalList(p.activities, isCourse) &&
    isOptionalList(p.cprAed, isCard)
  );
}

const FILE_KEYS = new Set(['format', 'ruleSetOverrides', 'people']);
function isRecordsFile(f: unknown): f is Raw & { people: Raw[] } {
  const overrides = isObject(f) ? f.ruleSetOverrides : undefined;
  return (
    isObject(f) &&
    onlyKeys(f, FILE_KEYS) &&
    f.format === RECORDS_FORMAT &&
    // A rule set override's own content is checked later, by its own schema (as with zod).
    (overrides === undefined || (isObject(overrides) && !Object.hasOwn(overrides, '__proto__'))) &&
    Array.isArray(f.people) &&
    f.people.every(isPerson)
  );
}

/** A plainly valid person as the schema gives them: the lists they may leave out filled in as empty, `activities` as `courses`. */
function asParsed(p: Raw): PersonRecord {
  p.credentials ??= [];
  p.activities ??= [];
  p.cprAed ??= [];
  // A new object for the person only (the raw one keeps `activities`, which the semantic checks read).
  return withCourses(p as unknown as PersonInFile);
}

/**
 * The records file as the schema would give it, when every value is plainly valid: the parsed JSON's
 * own values, each person as `asParsed` gives them. Null when zod must judge it.
 */
export function plainRecordsFile(raw: unknown): RecordsFile | null {
  if (!isRecordsFile(raw)) return null;
  return { ...raw, people: raw.people.map(asParsed) } as unknown as RecordsFile;
}

/** One person as the schema would give them, when every value is plainly valid; null when zod must judge. */
export function plainPerson(raw: unknown): PersonRecord | null {
  if (!isPerson(raw)) return null;
  return asParsed(raw as Raw);
}

import { isUtf8 } from 'node:buffer';
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { MAX_ATTACHMENT_BYTES, type AttachmentMediaType } from '../domain/records';
import { issuePath } from '../domain/fields';
import { hashFile } from '../attachments/read-file';
import { sniffMediaType } from '../attachments/media-type';
import { ruleSetOverrideSchema, type RuleSetOverride } from '../rules/ruleset-schema';
import { plainRecordsFile } from './fast-path';
import { recordsFileSchema, type RecordsFile } from './schema';
import { count } from '../domain/plural';
import type { z } from 'zod';

/** A records file that cannot be used; every problem is listed, each named by its JSON path. */
export class RecordsFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`The records file has ${count(problems.length, 'problem', 'problems')}:\n  ${problems.join('\n  ')}`);
    this.name = 'RecordsFileError';
  }
}

export interface ResolvedAttachment {
  path: string;
  absolutePath: string;
  sha256: string;
  size: number;
  mediaType: AttachmentMediaType;
}

export interface ParsedRecords {
  file: RecordsFile;
  overrides: Record<string, RuleSetOverride>;
  /** Attachment files by their `file` value, checked and hashed. */
  attachments: Map<string, ResolvedAttachment>;
}

export interface ParseOptions {
  /** The folder attachment paths are relative to (the records file's folder). */
  baseDir: string;
  ruleSetIds: ReadonlySet<string>;
}

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Cross-field and cross-record checks, on the raw JSON so that they run even when the shape is off
 * elsewhere; fed the overrides and one person at a time (a streamed import never holds them all),
 * remembering only the ids seen so far.
 */
export function semanticChecker(options: ParseOptions, attachments: Map<string, ResolvedAttachment>) {
  const problems: string[] = [];
  // Where each id was first seen, per kind of record, as the indexes of its person and of the record
  // in that person's list (one number: a string or a closure per record was a tenth of reading a
  // gym's file); the path is worded only for a duplicate.
  const firstSeen = { person: new Map<string, number>(), credential: new Map(), course: new Map(), card: new Map() };
  const paths = {
    person: (p: number) => `people[${p}].id`,
    credential: (p: number, i: number) => `people[${p}].credentials[${i}].id`,
    course: (p: number, i: number) => `people[${p}].activities[${i}].id`,
    card: (p: number, i: number) => `people[${p}].cprAed[${i}].id`,
  };
  const PER_PERSON = 2 ** 24;
  function unique(kind: keyof typeof firstSeen, value: unknown, person: number, index = 0) {
    if (typeof value !== 'string') return;
    const seen = firstSeen[kind];
    const earlier = seen.get(value);
    if (earlier === undefined) seen.set(value, person * PER_PERSON + index);
    else {
      const path = paths[kind](person, index);
      const earlierPath = paths[kind](Math.floor(earlier / PER_PERSON), earlier % PER_PERSON);
      problems.push(`${path}: "${value}" is used twice (also at ${earlierPath}); ids must be unique in the file`);
    }
  }

  function checkAttachments(owner: Raw, path: string) {
    list(owner.attachments).forEach((item, i) => {
      if (!isRecord(item)) return;
      const file = str(item.file);
      const at = `${path}.attachments[${i}]`;
      if (!file) return;
      if (isAbsolute(file) || normalize(file).split(/[\\/]/).includes('..')) {
        problems.push(`${at}.file: "${file}" must be a path inside the records file's folder`);
        return;
      }
      const absolutePath = join(options.baseDir, file);
      const inside = relative(options.baseDir, absolutePath);
      if (inside.startsWith(`..${sep}`)) {
        problems.push(`${at}.file: "${file}" must be a path inside the records file's folder`);
        return;
      }
      let resolved = attachments.get(file);
      if (!resolved) {
        try {
          if (!statSync(absolutePath).isFile()) throw new Error('not a file');
        } catch {
          problems.push(`${at}.file: "${file}" was not found next to the records file`);
          return;
        }
        // The same rules as the app: a real file inside the records folder (a link could point at
        // any file on the computer), of at most 25 MB.
        const real = realpathSync(absolutePath);
        if (lstatSync(absolutePath).isSymbolicLink() || relative(realpathSync(options.baseDir), real).startsWith('..')) {
          problems.push(`${at}.file: "${file}" is a link to a file outside the records folder; copy the certificate itself there`);
          return;
        }
        if (statSync(real).size > MAX_ATTACHMENT_BYTES) {
          problems.push(
            `${at}.file: "${file}" is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB; certificate files may be at most that`,
          );
          return;
        }
        const read = hashFile(absolutePath);
        if (read.size === 0) {
          problems.push(`${at}.file: "${file}" is empty`);
          return;
        }
        const mediaType = sniffMediaType(read.head);
        if (!mediaType) {
          problems.push(`${at}.file: "${file}" is not a PDF, JPEG, PNG or HEIC/HEIF file`);
          return;
        }
        resolved = { path: file, absolutePath, sha256: read.sha256, size: read.size, mediaType };
        attachments.set(file, resolved);
      }
      const declared = str(item.sha256)?.toLowerCase();
      if (declared && /^[0-9a-f]{64}$/.test(declared) && declared !== resolved.sha256) {
        problems.push(`${at}.sha256: does not match "${file}" (its SHA-256 is ${resolved.sha256}); the file changed or is the wrong one`);
      }
    });
  }

  function checkOverrides(ruleSetOverrides: unknown) {
    if (!isRecord(ruleSetOverrides)) return;
    for (const [ruleSet, override] of Object.entries(ruleSetOverrides)) {
      const path = `ruleSetOverrides.${ruleSet}`;
      if (!options.ruleSetIds.has(ruleSet)) {
        problems.push(`${path}: unknown rule set "${ruleSet}"; known: ${[...options.ruleSetIds].join(', ')}`);
        continue;
      }
      const parsed = ruleSetOverrideSchema.safeParse(override);
      if (!parsed.success)
        for (const issue of parsed.error.issues)
          problems.push(`${path}${issue.path.length ? `.${issuePath(issue.path)}` : ''}: ${issue.message}`);
    }
  }

  function checkPerson(person: unknown, p: number) {
    if (!isRecord(person)) return;
    const at = `people[${p}]`;
    unique('person', person.id, p);
    const ownCredentials = new Set<string>();
    list(person.credentials).forEach((credential, c) => {
      if (!isRecord(credential)) return;
      const path = `${at}.credentials[${c}]`;
      unique('credential', credential.id, p, c);
      const credentialId = str(credential.id);
      if (credentialId) ownCredentials.add(credentialId);
      const ruleSet = str(credential.ruleSet);
      if (ruleSet && !options.ruleSetIds.has(ruleSet))
        problems.push(`${path}.ruleSet: unknown rule set "${ruleSet}"; known: ${[...options.ruleSetIds].join(', ')}`);
      const application = isRecord(credential.application) ? credential.application : null;
      const submitted = str(application?.submitted);
      const accepted = str(application?.accepted);
      if (submitted && accepted && accepted < submitted)
        problems.push(`${path}.application.accepted: must not be before application.submitted`);
      const audit = isRecord(credential.audit) ? credential.audit : null;
      const notice = str(audit?.noticeReceived);
      const sent = str(audit?.documentsSent);
      if (notice && sent && sent < notice) problems.push(`${path}.audit.documentsSent: must not be before audit.noticeReceived`);
    });
    // A plain loop: this runs once per course, and a gym's file has tens of thousands.
    const courses = list(person.activities);
    for (let a = 0; a < courses.length; a++) {
      const course = courses[a];
      if (!isRecord(course)) continue;
      unique('course', course.id, p, a);
      const hasCeus = course.ceus !== undefined;
      const hasHours = course.contactHours !== undefined;
      if (hasCeus && hasHours) problems.push(`${at}.activities[${a}].contactHours: give either ceus or contactHours, not both`);
      if (!hasCeus && !hasHours)
        problems.push(`${at}.activities[${a}].ceus: missing; give ceus (as printed on the certificate) or contactHours`);
      if (course.petition !== undefined && course.approval !== 'petition') {
        problems.push(`${at}.activities[${a}].petition: only a course with approval "petition" has a petition`);
      }
      const refs = list(course.credentials);
      for (let r = 0; r < refs.length; r++) {
        const refId = str(refs[r]);
        if (refId && !ownCredentials.has(refId))
          problems.push(`${at}.activities[${a}].credentials[${r}]: "${refId}" is not a credential of this person`);
      }
      if (course.attachments !== undefined) checkAttachments(course, `${at}.activities[${a}]`);
    }
    list(person.cprAed).forEach((card, k) => {
      if (!isRecord(card)) return;
      const path = `${at}.cprAed[${k}]`;
      unique('card', card.id, p, k);
      const completed = str(card.completed);
      const expires = str(card.expires);
      if (completed && expires && expires < completed) problems.push(`${path}.expires: must not be before completed`);
      checkAttachments(card, path);
    });
  }
  return { problems, checkOverrides, checkPerson };
}

function semanticProblems(raw: Raw, options: ParseOptions, attachments: Map<string, ResolvedAttachment>): string[] {
  const checker = semanticChecker(options, attachments);
  checker.checkOverrides(raw.ruleSetOverrides);
  list(raw.people).forEach(checker.checkPerson);
  return checker.problems;
}

/** The JSON value of a records file's text; a RecordsFileError when it is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RecordsFileError([`(file): not valid JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
}

/** Parses and validates a records file; throws RecordsFileError listing every problem. */
export function parseRecords(text: string, options: ParseOptions): ParsedRecords {
  return validateRecords(parseJson(text), options);
}

/** The schema's issues as problems, each named by its JSON path (under `prefix`: a person's place in the file). */
export function issueProblems(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): string[] {
  const problems: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push(`${issuePath([...prefix, ...issue.path, key])}: unknown field; remove it`);
    } else {
      problems.push(`${issuePath([...prefix, ...issue.path]) || '(file)'}: ${issue.message}`);
    }
  }
  return problems;
}

/** Validates a records file's parsed JSON; throws RecordsFileError listing every problem. */
function validateRecords(raw: unknown, options: ParseOptions): ParsedRecords {
  if (!isRecord(raw)) throw new RecordsFileError(['(file): must be a JSON object with "format" and "people"']);

  const problems: string[] = [];
  // A plainly valid file is taken as it is; anything else goes to zod, which words every problem.
  const plain = plainRecordsFile(raw);
  const parsed = plain ? ({ success: true, data: plain } as const) : recordsFileSchema.safeParse(raw);
  if (!parsed.success) problems.push(...issueProblems(parsed.error.issues));
  const attachments = new Map<string, ResolvedAttachment>();
  problems.push(...semanticProblems(raw, options, attachments));
  if (problems.length > 0 || !parsed.success) throw new RecordsFileError([...new Set(problems)]);

  const overrides: Record<string, RuleSetOverride> = {};
  for (const [ruleSet, override] of Object.entries(parsed.data.ruleSetOverrides ?? {}))
    overrides[ruleSet] = ruleSetOverrideSchema.parse(override);
  return { file: parsed.data, overrides, attachments };
}

/**
 * A records file's text, checked to be UTF-8. Its own function so that the file's bytes are garbage
 * once the text is made, and the text once it is parsed: neither is held through validation and the
 * import that follows (for a chain, each is the size of the file).
 */
function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new RecordsFileError([`(file): cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  // Bytes that are not UTF-8 are refused, never silently turned into replacement characters
  // (isUtf8 checks natively, quicker than a fatal TextDecoder).
  if (!isUtf8(bytes)) throw new RecordsFileError([`(file): ${path} is not valid UTF-8 text; save the records file as UTF-8`]);
  // A byte-order mark is not part of the JSON (TextDecoder dropped it too).
  return bytes.toString('utf8', bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
}

/** Reads and parses a records file from disk; attachment paths are relative to its folder. */
export function readRecordsFile(path: string, ruleSetIds: ReadonlySet<string>): ParsedRecords {
  return validateRecords(parseJson(readText(path)), { baseDir: join(path, '..'), ruleSetIds });
}

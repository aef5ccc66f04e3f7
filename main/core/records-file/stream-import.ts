// `recert import FILE.json` into a data folder, streamed: each person is read, checked and written
// as it arrives, all in one write transaction, so that a chain's file (a million courses) is never
// held whole, neither as text nor as records. Any problem rolls the whole import back, with the same
// messages (and JSON paths) as the import of a parsed file (import.ts); only the ids, e-mails and
// employee IDs seen so far are kept for the checks across people.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { diskFullOr } from '../disk-full';
import type { Course, StoredAttachment } from '../domain/records';
import type { ContentStore } from '../attachments/file-store';
import { newId } from '../ids';
import { ruleSetOverrideSchema } from '../rules/ruleset-schema';
import type { Repositories } from '../store';
import { plainPerson } from './fast-path';
import type { ImportSummary } from './import';
import { JsonReadError, readRecordsJsonFile } from './json-reader';
import { issueProblems, RecordsFileError, semanticChecker, type ResolvedAttachment } from './parse';
import { recordsFileSchema, type AttachmentRecord, type PersonRecord } from './schema';
import { courseFromRecord, cardFromRecord, credentialFromRecord, personFromRecord } from './to-domain';
import { duplicatePeople, type PersonIdentity } from './update';

const personSchema = recordsFileSchema.shape.people.element;
/** Enough courses for whole multi-row statements, few enough to hold. */
const COURSES_PER_WRITE = 2000;

export interface StreamOptions {
  /**
   * The refusal of certificates the file gives no SHA-256 for (a bundle's records file must give
   * each), with the first few of them; without it, none is needed.
   */
  unsigned?: (files: string[]) => RecordsFileError;
}

/** Imports the records file at `path` (certificates beside it), all or nothing. */
export function importRecordsFileStreamed(
  path: string,
  ruleSetIds: ReadonlySet<string>,
  store: Repositories,
  files: ContentStore,
  options: StreamOptions = {},
): ImportSummary {
  const parseOptions = { baseDir: join(path, '..'), ruleSetIds };
  const attachments = new Map<string, ResolvedAttachment>();
  const people = semanticChecker(parseOptions, attachments);
  const shapeProblems: string[] = [];
  const storeProblems: string[] = [];
  const top: Record<string, unknown> = {};
  let peopleArray = false;
  const identities: PersonIdentity[] = [];
  const unsigned: string[] = [];
  const summary: ImportSummary = { people: 0, credentials: 0, courses: 0, cprAedCards: 0, attachments: 0 };
  const copied: string[] = [];
  const put = new Set<string>();
  const problemCount = () => shapeProblems.length + people.problems.length + storeProblems.length;

  const taken = (at: string, id: string) =>
    `${at}: "${id}" already exists in this data folder; the file was exported from here or its ids collide`;
  function collisions(record: PersonRecord, p: number) {
    if (store.people.get(record.id)) storeProblems.push(taken(`people[${p}].id`, record.id));
    record.credentials.forEach(
      (c, i) => store.credentials.get(c.id) && storeProblems.push(taken(`people[${p}].credentials[${i}].id`, c.id)),
    );
    record.courses.forEach((a, i) => store.courses.get(a.id) && storeProblems.push(taken(`people[${p}].activities[${i}].id`, a.id)));
    record.cprAed.forEach((k, i) => store.cprAedCards.get(k.id) && storeProblems.push(taken(`people[${p}].cprAed[${i}].id`, k.id)));
  }

  function attach(records: AttachmentRecord[] | undefined, owner: { courseId: string | null; cprAedCardId: string | null }) {
    for (const record of records ?? []) {
      const resolved = attachments.get(record.file);
      if (!resolved) throw new Error(`attachment ${record.file} was not resolved`);
      if (!put.has(resolved.sha256)) {
        if (!files.has(resolved.sha256)) copied.push(resolved.sha256);
        if (files.put(readFileSync(resolved.absolutePath)) !== resolved.sha256)
          throw new RecordsFileError([`${resolved.path}: changed while it was being imported; try again`]);
        put.add(resolved.sha256);
      }
      const attachment: StoredAttachment = {
        id: newId('f'),
        sha256: resolved.sha256,
        fileName: record.name ?? basename(record.file),
        mediaType: resolved.mediaType,
        size: resolved.size,
        ...owner,
      };
      store.attachments.insert(attachment);
      summary.attachments += 1;
    }
  }

  let pendingCourses: Course[] = [];
  function flushCourses() {
    store.courses.insertMany(pendingCourses);
    pendingCourses = [];
  }

  function insert(record: PersonRecord) {
    store.people.insert(personFromRecord(record));
    summary.people += 1;
    for (const c of record.credentials) store.credentials.insert(credentialFromRecord(c, record.id));
    summary.credentials += record.credentials.length;
    for (const a of record.courses) pendingCourses.push(courseFromRecord(a, record));
    summary.courses += record.courses.length;
    const certificates = record.courses.some((a) => a.attachments);
    // Courses go in many people's at a time, in full statements of rows; a course's certificate
    // needs its course stored first.
    if (certificates || pendingCourses.length >= COURSES_PER_WRITE) flushCourses();
    if (certificates) for (const a of record.courses) attach(a.attachments, { courseId: a.id, cprAedCardId: null });
    for (const k of record.cprAed) {
      store.cprAedCards.insert(cardFromRecord(k, record.id));
      summary.cprAedCards += 1;
      attach(k.attachments, { courseId: null, cprAedCardId: k.id });
    }
  }

  function load(wasEmpty: boolean) {
    readRecordsJsonFile(path, {
      member(key, value) {
        top[key] = value;
      },
      peopleArray() {
        peopleArray = true;
      },
      person(raw, p) {
        let record = plainPerson(raw);
        if (!record) {
          const parsed = personSchema.safeParse(raw);
          if (parsed.success) record = parsed.data;
          else shapeProblems.push(...issueProblems(parsed.error.issues, ['people', p]));
        }
        people.checkPerson(raw, p);
        if (!record) return;
        if (options.unsigned && unsigned.length < 3)
          for (const r of [...record.courses, ...record.cprAed]) for (const a of r.attachments ?? []) if (!a.sha256) unsigned.push(a.file);
        identities.push({ id: record.id, name: record.name, email: record.email, employeeId: record.employeeId, active: record.active });
        if (!wasEmpty) collisions(record, p);
        // After the first problem nothing more is written (it all rolls back), but every person is
        // still checked, so that the message lists every problem of the file.
        if (problemCount() === 0) insert(record);
      },
    });
    if (problemCount() === 0) flushCourses();
  }

  try {
    store.transaction(() => {
      const wasEmpty = store.people.isEmpty();
      const storedBefore = wasEmpty ? [] : store.people.list(true);
      // Into a folder without courses, the course indexes are built once after the rows.
      if (store.courses.countAll() === 0) store.withIndexesRebuilt(['activities', 'activity_credentials'], () => load(wasEmpty));
      else load(wasEmpty);

      const fileLevel = recordsFileSchema.safeParse(peopleArray ? { ...top, people: [] } : top);
      const overrides = semanticChecker(parseOptions, attachments);
      overrides.checkOverrides(top.ruleSetOverrides);
      const problems = [
        ...(fileLevel.success ? [] : issueProblems(fileLevel.error.issues)),
        ...shapeProblems,
        ...overrides.problems,
        ...people.problems,
      ];
      if (problems.length > 0) throw new RecordsFileError([...new Set(problems)]);
      if (options.unsigned && unsigned.length > 0) throw options.unsigned(unsigned.slice(0, 3));

      const existing = store.ruleSetOverrides.all();
      const parsedOverrides = Object.entries(fileLevel.data?.ruleSetOverrides ?? {}).map(
        ([ruleSet, override]) => [ruleSet, ruleSetOverrideSchema.parse(override)] as const,
      );
      const conflicts: string[] = [];
      for (const [ruleSet, override] of parsedOverrides) {
        const stored = existing[ruleSet];
        if (stored !== undefined && JSON.stringify(stored) !== JSON.stringify(override))
          conflicts.push(
            `ruleSetOverrides.${ruleSet}: differs from this data folder's setting; align them in Settings or remove it from the file`,
          );
      }
      // The file's people are in the store by now: their identities are checked against those
      // stored before (the people of a non-empty folder) and among themselves.
      conflicts.push(...storeProblems, ...duplicatePeople(identities, storedBefore));
      if (conflicts.length > 0) throw new RecordsFileError(conflicts);
      for (const [ruleSet, override] of parsedOverrides) store.ruleSetOverrides.set(ruleSet, override);
    });
  } catch (error) {
    for (const sha256 of copied) if (store.attachments.referencesTo(sha256) === 0) files.remove(sha256);
    if (error instanceof JsonReadError) throw new RecordsFileError([`(file): ${readErrorText(error, path)}`]);
    throw diskFullOr(error, dirname(files.root));
  }
  return summary;
}

function readErrorText(error: JsonReadError, path: string): string {
  if (error.message === 'not valid UTF-8 text') return `${path} is not valid UTF-8 text; save the records file as UTF-8`;
  return error.message;
}

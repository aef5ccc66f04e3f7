import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { diskFullOr } from '../disk-full';
import type { StoredAttachment } from '../domain/records';
import type { ContentStore } from '../attachments/file-store';
import { newId } from '../ids';
import type { Repositories } from '../store';
import { RecordsFileError, type ParsedRecords } from './parse';
import type { AttachmentRecord } from './schema';
import { duplicatePeople } from './update';
import { courseFromRecord, cardFromRecord, credentialFromRecord, personFromRecord } from './to-domain';

export interface ImportSummary {
  people: number;
  credentials: number;
  courses: number;
  cprAedCards: number;
  attachments: number;
}

/** Ids in the file that the store already holds: importing them would merge two people's records. */
function conflicts(parsed: ParsedRecords, store: Repositories): string[] {
  const problems: string[] = [];
  const existingOverrides = store.ruleSetOverrides.all();
  for (const [ruleSet, override] of Object.entries(parsed.overrides)) {
    const existing = existingOverrides[ruleSet];
    if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(override)) {
      problems.push(
        `ruleSetOverrides.${ruleSet}: differs from this data folder's setting; align them in Settings or remove it from the file`,
      );
    }
  }
  // A first import into an empty data folder cannot collide (every other record belongs to a person):
  // skip a lookup per id. Its people may still share an e-mail or employee ID among themselves.
  if (store.people.isEmpty()) return [...problems, ...duplicatePeople(parsed.file.people, store.people.list(true))];
  const taken = (path: string, id: string) =>
    `${path}: "${id}" already exists in this data folder; the file was exported from here or its ids collide`;
  parsed.file.people.forEach((person, p) => {
    if (store.people.get(person.id)) problems.push(taken(`people[${p}].id`, person.id));
    person.credentials.forEach((c, i) => store.credentials.get(c.id) && problems.push(taken(`people[${p}].credentials[${i}].id`, c.id)));
    person.courses.forEach((a, i) => store.courses.get(a.id) && problems.push(taken(`people[${p}].activities[${i}].id`, a.id)));
    person.cprAed.forEach((k, i) => store.cprAedCards.get(k.id) && problems.push(taken(`people[${p}].cprAed[${i}].id`, k.id)));
  });
  problems.push(...duplicatePeople(parsed.file.people, store.people.list(true)));
  return problems;
}

/**
 * Imports a parsed records file, all or nothing: certificate files are copied into the
 * content-addressed store first (harmless if the import then fails: unreferenced copies are
 * removed), then every row goes in one transaction.
 */
export function importRecords(parsed: ParsedRecords, store: Repositories, files: ContentStore): ImportSummary {
  const problems = conflicts(parsed, store);
  if (problems.length > 0) throw new RecordsFileError(problems);

  const copied: string[] = [];
  // A copy that fails (a full disk) takes back the copies before it: nothing is left behind.
  const removeCopies = () => {
    for (const sha256 of copied) if (store.attachments.referencesTo(sha256) === 0) files.remove(sha256);
  };
  try {
    for (const attachment of parsed.attachments.values()) {
      if (!files.has(attachment.sha256)) copied.push(attachment.sha256);
      const stored = files.put(readFileSync(attachment.absolutePath));
      if (stored !== attachment.sha256) throw new RecordsFileError([`${attachment.path}: changed while it was being imported; try again`]);
    }
  } catch (error) {
    removeCopies();
    throw diskFullOr(error, dirname(files.root));
  }

  const summary: ImportSummary = { people: 0, credentials: 0, courses: 0, cprAedCards: 0, attachments: 0 };
  function attach(records: AttachmentRecord[] | undefined, owner: { courseId: string | null; cprAedCardId: string | null }) {
    for (const record of records ?? []) {
      const resolved = parsed.attachments.get(record.file);
      if (!resolved) throw new Error(`attachment ${record.file} was not resolved`);
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

  try {
    store.transaction(() => {
      // Again inside the write (BEGIN IMMEDIATE): an import of the same file that another process
      // committed meanwhile is refused by name, not by the database's UNIQUE constraint.
      const late = conflicts(parsed, store);
      if (late.length > 0) throw new RecordsFileError(late);
      for (const [ruleSet, override] of Object.entries(parsed.overrides)) store.ruleSetOverrides.set(ruleSet, override);
      // People and credentials first, then every course at once (inserted in bulk, in file order),
      // then certificates and cards.
      for (const record of parsed.file.people) {
        store.people.insert(personFromRecord(record));
        summary.people += 1;
        for (const c of record.credentials) {
          store.credentials.insert(credentialFromRecord(c, record.id));
          summary.credentials += 1;
        }
      }
      const courses = parsed.file.people.flatMap((record) => record.courses.map((a) => courseFromRecord(a, record)));
      // A file that brings more courses than the store holds (a first import, a migration) builds
      // the course indexes once after its rows rather than row by row.
      if (courses.length > store.courses.countAll()) {
        store.withIndexesRebuilt(['activities', 'activity_credentials'], () => store.courses.insertMany(courses));
      } else {
        store.courses.insertMany(courses);
      }
      for (const record of parsed.file.people) {
        summary.courses += record.courses.length;
        for (const a of record.courses) attach(a.attachments, { courseId: a.id, cprAedCardId: null });
        for (const k of record.cprAed) {
          store.cprAedCards.insert(cardFromRecord(k, record.id));
          summary.cprAedCards += 1;
          attach(k.attachments, { courseId: null, cprAedCardId: k.id });
        }
      }
    });
  } catch (error) {
    removeCopies();
    throw diskFullOr(error, dirname(files.root));
  }
  return summary;
}

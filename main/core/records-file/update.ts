// `recert import --update` and the app's "Import records…": a records file brought into a store that
// may already hold the same people (a trainer's updated records reaching their manager). Planned
// first, with nothing written, so that a dry run and the app's preview show exactly what Apply does.
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { diskFullOr } from '../disk-full';
import type { Course, CprAedCard, Credential, Person, StoredAttachment } from '../domain/records';
import type { ImportCounts, ImportKind, ImportPreview, ImportPreviewRow, PersonConflict } from '../domain/views';
import type { ContentStore } from '../attachments/file-store';
import { formatDate } from '../dates';
import { newId } from '../ids';
import type { Repositories } from '../store';
import { RecordsFileError, type ParsedRecords, type ResolvedAttachment } from './parse';
import type { AttachmentRecord, PersonRecord } from './schema';

/** What tells one person from another: a person of the file without their records. */
export type PersonIdentity = Pick<PersonRecord, 'id' | 'name' | 'email' | 'employeeId' | 'active'>;
import { courseFromRecord, cardFromRecord, credentialFromRecord, personFromRecord } from './to-domain';

type Action = 'added' | 'updated' | 'unchanged';
interface Write<T> {
  action: Action;
  record: T;
}
interface NewAttachment {
  sha256: string;
  fileName: string;
  owner: { courseId: string | null; cprAedCardId: string | null };
}

export interface UpdatePlan {
  preview: ImportPreview;
  people: Write<Person>[];
  credentials: Write<Credential>[];
  courses: Write<Course>[];
  cards: Write<CprAedCard>[];
  attachments: NewAttachment[];
}

const KINDS: ImportKind[] = ['people', 'credentials', 'courses', 'cprAedCards'];
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The stored person a file's person is: by id, else by an employee ID or e-mail that matches exactly one stored person. */
function findStoredPerson(record: PersonIdentity, stored: Person[]): { person: Person; by: string } | { ambiguous: string } | null {
  const byId = stored.find((p) => p.id === record.id);
  if (byId) return { person: byId, by: 'id' };
  for (const [field, words] of [
    ['employeeId', 'employee ID'],
    ['email', 'e-mail'],
  ] as const) {
    const value = record[field]?.trim().toLowerCase();
    if (!value) continue;
    const matches = stored.filter((p) => p[field]?.trim().toLowerCase() === value);
    if (matches.length === 1 && matches[0]) return { person: matches[0], by: words };
    if (matches.length > 1) return { ambiguous: `${words} ${record[field] ?? ''} matches ${matches.length} stored people` };
  }
  return null;
}

/** A name, e-mail or employee ID as compared: case, outer and repeated spaces do not count. */
const identityKey = (value: string | null | undefined): string | null => value?.trim().replace(/\s+/g, ' ').toLowerCase() || null;

/**
 * Whether the file's person and the stored one of the same id have anything of a person's identity in
 * common: the name, or an e-mail or employee ID both give. With none, the id is all that joins them, and
 * an update would hand the stored person's courses and cards to someone else.
 */
function sharesIdentity(stored: Person, record: PersonRecord): boolean {
  if (identityKey(stored.name) === identityKey(record.name)) return true;
  return (['email', 'employeeId'] as const).some((field) => {
    const value = identityKey(record[field]);
    return value !== null && value === identityKey(stored[field]);
  });
}

const FIELD_WORDS = { email: 'e-mail', employeeId: 'employee ID' } as const;

/**
 * Two people may never share an e-mail or employee ID through an import: each person the import
 * writes is checked against everyone the store would then hold. A value the person already had is
 * not the import's doing (the app lets two people be given one e-mail), so only a new one is checked.
 */
function sharedIdentities(
  written: { at: string; person: Person; before: Person | undefined }[],
  everyone: ReadonlyMap<string, Person>,
): string[] {
  const problems: string[] = [];
  const reported = new Set<string>();
  // By value, so that a file of thousands of people is not compared pair by pair.
  const holders = { email: new Map<string, Person[]>(), employeeId: new Map<string, Person[]>() };
  for (const person of everyone.values()) {
    for (const field of ['email', 'employeeId'] as const) {
      const value = identityKey(person[field]);
      if (value === null) continue;
      const list = holders[field].get(value);
      if (list) list.push(person);
      else holders[field].set(value, [person]);
    }
  }
  for (const { at, person, before } of written) {
    for (const field of ['email', 'employeeId'] as const) {
      const value = identityKey(person[field]);
      if (value === null || (before && identityKey(before[field]) === value)) continue;
      for (const other of holders[field].get(value) ?? []) {
        if (other.id === person.id) continue;
        const pair = [field, ...[person.id, other.id].sort()].join(' ');
        if (reported.has(pair)) continue;
        reported.add(pair);
        problems.push(
          `${at}: "${person.name}" (${person.id}) would have the ${FIELD_WORDS[field]} ${person[field] ?? ''} of "${other.name}" (${other.id}); two people cannot share an ${FIELD_WORDS[field]}: correct it in the file or in this data folder`,
        );
      }
    }
  }
  return problems;
}

/**
 * Stored people a plain import would duplicate: a new id with an employee ID or e-mail already in the
 * store; and people of the file who share one with each other.
 */
export function duplicatePeople(people: readonly PersonIdentity[], stored: Person[]): string[] {
  const problems: string[] = [];
  const fromFile = people.map((record, p) => ({ at: `people[${p}]`, person: personFromRecord(record), before: undefined }));
  people.forEach((record, p) => {
    const found = stored.length > 0 ? findStoredPerson(record, stored) : null;
    if (found && 'person' in found && found.by !== 'id') {
      problems.push(
        `people[${p}]: "${record.name}" (${record.id}) has the ${found.by} of the stored "${found.person.name}" (${found.person.id}); importing would make a second record of one person. Import with --update (in the app: Import records…) to update "${found.person.name}" instead`,
      );
    } else if (found && 'ambiguous' in found) {
      problems.push(`people[${p}]: "${record.name}" (${record.id}): ${found.ambiguous}; two people cannot share it`);
    }
  });
  // Among the file's own people: a stored person's e-mail or employee ID is refused above.
  problems.push(...sharedIdentities(fromFile, new Map(fromFile.map(({ person }) => [person.id, person]))));
  return problems;
}

function emptyCounts(): Record<ImportKind, ImportCounts> {
  const counts = {} as Record<ImportKind, ImportCounts>;
  for (const kind of KINDS) counts[kind] = { added: 0, updated: 0, unchanged: 0, kept: 0 };
  return counts;
}

export interface UpdateOptions {
  /** A certification's name for the preview ("NASM-CPT"); the rule set id when not given. */
  credentialName?: (ruleSet: string) => string;
  /**
   * Stored people the person confirmed are the file's person of the same id, although nothing of
   * their identity matches (a conflict of the preview).
   */
  samePeople?: ReadonlySet<string>;
}

/** An update-import refused until the person confirms that each stored person is the file's. */
export class PersonConflictError extends RecordsFileError {
  constructor(readonly conflicts: PersonConflict[]) {
    super(conflicts.map((c) => c.text));
  }
}

/** Plans an update-import: nothing is written. Throws RecordsFileError for what cannot be matched safely. */
export function planUpdate(parsed: ParsedRecords, store: Repositories, options: UpdateOptions = {}): UpdatePlan {
  const credentialName = options.credentialName ?? ((ruleSet: string) => ruleSet);
  const problems: string[] = [];
  const conflicts: PersonConflict[] = [];
  const writtenPeople: { at: string; person: Person; before: Person | undefined }[] = [];
  const existingOverrides = store.ruleSetOverrides.all();
  for (const [ruleSet, override] of Object.entries(parsed.overrides)) {
    const existing = existingOverrides[ruleSet];
    if (existing !== undefined && !same(existing, override)) {
      problems.push(
        `ruleSetOverrides.${ruleSet}: differs from this data folder's setting; align them in Settings or remove it from the file`,
      );
    }
  }
  const storedPeople = store.people.list(true);
  const counts = emptyCounts();
  const rows: ImportPreviewRow[] = [];
  const matches: string[] = [];
  const plan: Omit<UpdatePlan, 'preview'> = { people: [], credentials: [], courses: [], cards: [], attachments: [] };
  const mentionedPeople = new Set<string>();

  function count<T>(kind: ImportKind, list: Write<T>[], action: Action, record: T, person: string, label: string) {
    counts[kind][action] += 1;
    list.push({ action, record });
    if (action !== 'unchanged') rows.push({ kind, action, person, label });
  }
  /** The record's own id, unless it belongs to someone else in the store. */
  function owned<T extends { personId: string }>(
    existing: T | undefined,
    personId: string,
    path: string,
    id: string,
  ): T | undefined | false {
    if (existing && existing.personId !== personId) {
      problems.push(`${path}: "${id}" belongs to another person in this data folder; the file's ids collide with this store's`);
      return false;
    }
    return existing;
  }

  parsed.file.people.forEach((record, p) => {
    const at = `people[${p}]`;
    const found = findStoredPerson(record, storedPeople);
    if (found && 'ambiguous' in found) {
      problems.push(`${at}: "${record.name}" cannot be matched: ${found.ambiguous}; give the person's id as stored`);
      return;
    }
    const stored = found?.person;
    const personId = stored?.id ?? record.id;
    if (mentionedPeople.has(personId)) {
      problems.push(`${at}: "${record.name}" is the same stored person as an earlier entry of the file`);
      return;
    }
    mentionedPeople.add(personId);
    if (found && found.by !== 'id') matches.push(`"${record.name}" matched by ${found.by} to the stored "${found.person.name}"`);
    if (found && found.by === 'id' && !sharesIdentity(found.person, record)) {
      conflicts.push({
        personId,
        storedName: found.person.name,
        fileName: record.name,
        text: `${at}: "${record.name}" in the file has the id of the stored "${found.person.name}" (${personId}), but not the name, e-mail or employee ID: updating would give ${found.person.name}'s records to ${record.name}`,
        confirmText: `"${record.name}" in the file is the same person as the stored "${found.person.name}": update that person's records with the file's`,
        confirmed: options.samePeople?.has(personId) ?? false,
      });
    }
    // A field the file leaves out keeps what the store knows (a trainer's own file has no employee ID).
    const fromFile = personFromRecord(record);
    const person: Person = {
      ...fromFile,
      id: personId,
      email: fromFile.email ?? stored?.email ?? null,
      employeeId: fromFile.employeeId ?? stored?.employeeId ?? null,
    };
    count('people', plan.people, stored ? (same(stored, person) ? 'unchanged' : 'updated') : 'added', person, person.name, person.name);
    writtenPeople.push({ at, person, before: stored });

    // Credentials: by id, else the one stored credential of the same certification.
    const storedCredentials = stored ? store.credentials.listByPerson(personId) : [];
    const credentialIds = new Map<string, string>();
    record.credentials.forEach((c, i) => {
      const existing = owned(store.credentials.get(c.id), personId, `${at}.credentials[${i}].id`, c.id);
      if (existing === false) return;
      const sameKind = storedCredentials.filter((s) => s.ruleSet === c.ruleSet);
      const match = existing ?? (sameKind.length === 1 ? sameKind[0] : undefined);
      const credential = { ...credentialFromRecord(c, personId), id: match?.id ?? c.id };
      credentialIds.set(c.id, credential.id);
      const label = `${credentialName(c.ruleSet)}${credential.number ? ` ${credential.number}` : ''}`;
      count(
        'credentials',
        plan.credentials,
        match ? (same(match, credential) ? 'unchanged' : 'updated') : 'added',
        credential,
        person.name,
        label,
      );
    });
    const mentionedCredentials = new Set(credentialIds.values());
    for (const s of storedCredentials)
      if (!mentionedCredentials.has(s.id))
        keep('credentials', person.name, `${credentialName(s.ruleSet)}${s.number ? ` ${s.number}` : ''}`);

    /** The file's certificates the stored record does not already have (by content). */
    function newFiles(files: AttachmentRecord[] | undefined, owner: NewAttachment['owner'], exists: boolean): NewAttachment[] {
      const storedFiles = !exists
        ? []
        : owner.courseId
          ? store.attachments.listByCourse(owner.courseId)
          : store.attachments.listByCard(owner.cprAedCardId ?? '');
      const have = new Set(storedFiles.map((a) => a.sha256));
      const added: NewAttachment[] = [];
      for (const file of files ?? []) {
        const resolved = parsed.attachments.get(file.file);
        if (!resolved || have.has(resolved.sha256)) continue;
        have.add(resolved.sha256);
        added.push({ sha256: resolved.sha256, fileName: file.name ?? basename(file.file), owner });
      }
      return added;
    }

    const mentionedCourses = new Set<string>();
    record.courses.forEach((a, i) => {
      const existing = owned(store.courses.get(a.id), personId, `${at}.activities[${i}].id`, a.id);
      if (existing === false) return;
      const fromFile = courseFromRecord(a, record);
      const course: Course = {
        ...fromFile,
        personId,
        credentialIds: fromFile.credentialIds.map((id) => credentialIds.get(id) ?? id),
      };
      mentionedCourses.add(a.id);
      const files = newFiles(a.attachments, { courseId: a.id, cprAedCardId: null }, existing !== undefined);
      plan.attachments.push(...files);
      const changed = !existing || !same(existing, course) || files.length > 0;
      count('courses', plan.courses, existing ? (changed ? 'updated' : 'unchanged') : 'added', course, person.name, a.title);
    });
    if (stored)
      for (const s of store.courses.listByPerson(personId)) if (!mentionedCourses.has(s.id)) keep('courses', person.name, s.title);

    const mentionedCards = new Set<string>();
    record.cprAed.forEach((k, i) => {
      const existing = owned(store.cprAedCards.get(k.id), personId, `${at}.cprAed[${i}].id`, k.id);
      if (existing === false) return;
      const card = cardFromRecord(k, personId);
      mentionedCards.add(k.id);
      const files = newFiles(k.attachments, { courseId: null, cprAedCardId: k.id }, existing !== undefined);
      plan.attachments.push(...files);
      const changed = !existing || !same(existing, card) || files.length > 0;
      const label = `${k.provider}, expires ${formatDate(k.expires)}`;
      count('cprAedCards', plan.cards, existing ? (changed ? 'updated' : 'unchanged') : 'added', card, person.name, label);
    });
    if (stored)
      for (const s of store.cprAedCards.listByPerson(personId))
        if (!mentionedCards.has(s.id)) keep('cprAedCards', person.name, `${s.provider}, expires ${formatDate(s.expires)}`);
  });
  for (const person of storedPeople) if (!mentionedPeople.has(person.id)) keep('people', person.name, person.name);

  function keep(kind: ImportKind, person: string, label: string) {
    counts[kind].kept += 1;
    rows.push({ kind, action: 'kept', person, label });
  }

  const everyone = new Map(storedPeople.map((p) => [p.id, p]));
  for (const { person } of writtenPeople) everyone.set(person.id, person);
  problems.push(...sharedIdentities(writtenPeople, everyone));

  if (problems.length > 0) throw new RecordsFileError(problems);
  const certificateFiles = new Set(plan.attachments.map((a) => a.sha256)).size;
  return { ...plan, preview: { counts, certificateFiles, matches, rows, conflicts } };
}

/** Refuses a plan with a conflict the person has not confirmed. */
export function requireConfirmed(plan: UpdatePlan): void {
  const open = plan.preview.conflicts.filter((c) => !c.confirmed);
  if (open.length > 0) throw new PersonConflictError(open);
}

/**
 * Plans and applies an update-import: certificate files are copied into the content store first
 * (unreferenced copies are removed if the write then fails), then every record in one transaction.
 * Nothing is deleted. The plan is made again inside the transaction (BEGIN IMMEDIATE: no other
 * process writes in between), so that what is added or updated is decided on the store as it is
 * then: another import of the same file that committed meanwhile is seen, not inserted over.
 * Answers the plan that was applied.
 */
export function applyUpdate(
  parsed: ParsedRecords,
  store: Repositories,
  files: ContentStore,
  options: UpdateOptions & { transaction?: <T>(write: () => T) => T } = {},
): UpdatePlan {
  const transaction = options.transaction ?? (<T>(write: () => T) => store.transaction(write));
  const early = planUpdate(parsed, store, options);
  requireConfirmed(early);
  const copied: string[] = [];
  const byHash = new Map([...parsed.attachments.values()].map((a) => [a.sha256, a]));
  const removeCopies = () => {
    for (const sha256 of copied) if (store.attachments.referencesTo(sha256) === 0) files.remove(sha256);
  };
  const copy = (plan: UpdatePlan) => {
    for (const attachment of plan.attachments) {
      const resolved = byHash.get(attachment.sha256);
      if (!resolved) throw new Error(`certificate ${attachment.sha256} was not resolved`);
      if (files.has(resolved.sha256)) continue;
      copied.push(resolved.sha256);
      if (files.put(readFileSync(resolved.absolutePath)) !== resolved.sha256)
        throw new RecordsFileError([`${resolved.path}: changed while it was being imported; try again`]);
    }
  };
  try {
    copy(early);
  } catch (error) {
    // A copy that fails (a full disk) takes back the copies before it: nothing is left behind.
    removeCopies();
    throw diskFullOr(error, dirname(files.root));
  }
  let applied: UpdatePlan;
  try {
    applied = transaction(() => {
      const plan = planUpdate(parsed, store, options);
      requireConfirmed(plan);
      // Only when the store changed since the early plan in a way that needs a file it has not got.
      copy(plan);
      write(plan, parsed, byHash, store);
      return plan;
    });
  } catch (error) {
    removeCopies();
    throw diskFullOr(error, dirname(files.root));
  }
  // A copy the final plan did not need (another process brought the same certificate) is kept only
  // when a record uses it.
  removeCopies();
  return applied;
}

/** Every record of the plan, inside the caller's transaction. */
function write(plan: UpdatePlan, parsed: ParsedRecords, byHash: ReadonlyMap<string, ResolvedAttachment>, store: Repositories): void {
  for (const [ruleSet, override] of Object.entries(parsed.overrides)) store.ruleSetOverrides.set(ruleSet, override);
  for (const { action, record } of plan.people) if (action === 'added') store.people.insert(record);
  for (const { action, record } of plan.people) if (action === 'updated') store.people.update(record);
  for (const { action, record } of plan.credentials) {
    if (action === 'added') store.credentials.insert(record);
    else if (action === 'updated') store.credentials.update(record);
  }
  for (const { action, record } of plan.courses) {
    if (action === 'added') store.courses.insert(record);
    else if (action === 'updated') store.courses.update(record);
  }
  for (const { action, record } of plan.cards) {
    if (action === 'added') store.cprAedCards.insert(record);
    else if (action === 'updated') store.cprAedCards.update(record);
  }
  for (const attachment of plan.attachments) {
    const resolved = byHash.get(attachment.sha256);
    if (!resolved) continue;
    const stored: StoredAttachment = {
      id: newId('f'),
      sha256: resolved.sha256,
      fileName: attachment.fileName,
      mediaType: resolved.mediaType,
      size: resolved.size,
      ...attachment.owner,
    };
    store.attachments.insert(stored);
  }
}

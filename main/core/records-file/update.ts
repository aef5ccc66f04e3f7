// `recert import --update` and the app's "Import records…": a records file brought into a store that
// may already hold the same people (a trainer's updated records reaching their manager). Planned
// first, with nothing written, so that a dry run and the app's preview show exactly what Apply does.
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { diskFullOr } from '../disk-full';
import type { Activity, CprAedCard, Credential, Person, StoredAttachment } from '../domain/records';
import type { ImportCounts, ImportKind, ImportPreview, ImportPreviewRow } from '../domain/views';
import type { ContentStore } from '../attachments/file-store';
import { formatDate } from '../dates';
import { newId } from '../ids';
import type { Repositories } from '../store';
import { RecordsFileError, type ParsedRecords } from './parse';
import type { AttachmentRecord, PersonRecord } from './schema';
import { activityFromRecord, cardFromRecord, credentialFromRecord, personFromRecord } from './to-domain';

type Action = 'added' | 'updated' | 'unchanged';
interface Write<T> {
  action: Action;
  record: T;
}
interface NewAttachment {
  sha256: string;
  fileName: string;
  owner: { activityId: string | null; cprAedCardId: string | null };
}

export interface UpdatePlan {
  preview: ImportPreview;
  people: Write<Person>[];
  credentials: Write<Credential>[];
  activities: Write<Activity>[];
  cards: Write<CprAedCard>[];
  attachments: NewAttachment[];
}

const KINDS: ImportKind[] = ['people', 'credentials', 'courses', 'cprAedCards'];
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The stored person a file's person is: by id, else by an employee ID or e-mail that matches exactly one stored person. */
function findStoredPerson(record: PersonRecord, stored: Person[]): { person: Person; by: string } | { ambiguous: string } | null {
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

/** Stored people a plain import would duplicate: a new id with an employee ID or e-mail already in the store. */
export function duplicatePeople(parsed: ParsedRecords, store: Repositories): string[] {
  if (store.people.isEmpty()) return [];
  const stored = store.people.list(true);
  const problems: string[] = [];
  parsed.file.people.forEach((record, p) => {
    const found = findStoredPerson(record, stored);
    if (found && 'person' in found && found.by !== 'id') {
      problems.push(
        `people[${p}]: "${record.name}" (${record.id}) has the ${found.by} of the stored "${found.person.name}" (${found.person.id}); importing would make a second record of one person. Import with --update (in the app: Import records…) to update "${found.person.name}" instead`,
      );
    }
  });
  return problems;
}

function emptyCounts(): Record<ImportKind, ImportCounts> {
  const counts = {} as Record<ImportKind, ImportCounts>;
  for (const kind of KINDS) counts[kind] = { added: 0, updated: 0, unchanged: 0, kept: 0 };
  return counts;
}

/** Plans an update-import: nothing is written. Throws RecordsFileError for what cannot be matched safely. */
export function planUpdate(
  parsed: ParsedRecords,
  store: Repositories,
  /** A certification's name for the preview ("NASM-CPT"); the rule set id when not given. */
  credentialName: (ruleSet: string) => string = (ruleSet) => ruleSet,
): UpdatePlan {
  const problems: string[] = [];
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
  const plan: Omit<UpdatePlan, 'preview'> = { people: [], credentials: [], activities: [], cards: [], attachments: [] };
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
    // A field the file leaves out keeps what the store knows (a trainer's own file has no employee ID).
    const fromFile = personFromRecord(record);
    const person: Person = {
      ...fromFile,
      id: personId,
      email: fromFile.email ?? stored?.email ?? null,
      employeeId: fromFile.employeeId ?? stored?.employeeId ?? null,
    };
    count('people', plan.people, stored ? (same(stored, person) ? 'unchanged' : 'updated') : 'added', person, person.name, person.name);

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
        : owner.activityId
          ? store.attachments.listByActivity(owner.activityId)
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

    const mentionedActivities = new Set<string>();
    record.activities.forEach((a, i) => {
      const existing = owned(store.activities.get(a.id), personId, `${at}.activities[${i}].id`, a.id);
      if (existing === false) return;
      const fromFile = activityFromRecord(a, record);
      const activity: Activity = {
        ...fromFile,
        personId,
        credentialIds: fromFile.credentialIds.map((id) => credentialIds.get(id) ?? id),
      };
      mentionedActivities.add(a.id);
      const files = newFiles(a.attachments, { activityId: a.id, cprAedCardId: null }, existing !== undefined);
      plan.attachments.push(...files);
      const changed = !existing || !same(existing, activity) || files.length > 0;
      count('courses', plan.activities, existing ? (changed ? 'updated' : 'unchanged') : 'added', activity, person.name, a.title);
    });
    if (stored)
      for (const s of store.activities.listByPerson(personId)) if (!mentionedActivities.has(s.id)) keep('courses', person.name, s.title);

    const mentionedCards = new Set<string>();
    record.cprAed.forEach((k, i) => {
      const existing = owned(store.cprAedCards.get(k.id), personId, `${at}.cprAed[${i}].id`, k.id);
      if (existing === false) return;
      const card = cardFromRecord(k, personId);
      mentionedCards.add(k.id);
      const files = newFiles(k.attachments, { activityId: null, cprAedCardId: k.id }, existing !== undefined);
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

  if (problems.length > 0) throw new RecordsFileError(problems);
  const certificateFiles = new Set(plan.attachments.map((a) => a.sha256)).size;
  return { ...plan, preview: { counts, certificateFiles, matches, rows } };
}

/**
 * Applies a plan: certificate files are copied into the content store first (unreferenced copies are
 * removed if the write then fails), then every record in one transaction. Nothing is deleted.
 */
export function applyUpdate(
  plan: UpdatePlan,
  parsed: ParsedRecords,
  store: Repositories,
  files: ContentStore,
  transaction: (write: () => void) => void = (write) => store.transaction(write),
): void {
  const copied: string[] = [];
  const byHash = new Map([...parsed.attachments.values()].map((a) => [a.sha256, a]));
  const removeCopies = () => {
    for (const sha256 of copied) if (store.attachments.referencesTo(sha256) === 0) files.remove(sha256);
  };
  try {
    for (const attachment of plan.attachments) {
      const resolved = byHash.get(attachment.sha256);
      if (!resolved) throw new Error(`certificate ${attachment.sha256} was not resolved`);
      if (files.has(resolved.sha256)) continue;
      copied.push(resolved.sha256);
      if (files.put(readFileSync(resolved.absolutePath)) !== resolved.sha256)
        throw new RecordsFileError([`${resolved.path}: changed while it was being imported; try again`]);
    }
  } catch (error) {
    // A copy that fails (a full disk) takes back the copies before it: nothing is left behind.
    removeCopies();
    throw diskFullOr(error, dirname(files.root));
  }
  try {
    transaction(() => {
      for (const [ruleSet, override] of Object.entries(parsed.overrides)) store.ruleSetOverrides.set(ruleSet, override);
      for (const { action, record } of plan.people) if (action === 'added') store.people.insert(record);
      for (const { action, record } of plan.people) if (action === 'updated') store.people.update(record);
      for (const { action, record } of plan.credentials) {
        if (action === 'added') store.credentials.insert(record);
        else if (action === 'updated') store.credentials.update(record);
      }
      for (const { action, record } of plan.activities) {
        if (action === 'added') store.activities.insert(record);
        else if (action === 'updated') store.activities.update(record);
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
    });
  } catch (error) {
    removeCopies();
    throw diskFullOr(error, dirname(files.root));
  }
}

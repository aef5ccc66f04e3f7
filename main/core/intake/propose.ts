// What one file read by the intake would become: the person, the credentials, the course(s) or card,
// and how it stands (proposed, already attached, a possible duplicate, unmatched…). Nothing is
// written here; a proposal is filed only when accepted (apply.ts).
import { formatDate } from '../dates';
import { calendarDateProblem, ceusProblem, contactHoursProblem, isPlainText, MAX_TEXT } from '../domain/fields';
import type { IntakeCorrection, IntakeFileReport, IntakeRead, IntakeStatus, MatchedBy } from '../domain/intake';

export type { IntakeRead } from '../domain/intake';
import type { Course, AttachmentMediaType, CprAedCard } from '../domain/records';
import type { ScannedDocument, ScannedField, ScannedFields } from '../domain/scan';
import { CHECK_BELOW } from '../scan/describe';
import type { Repositories } from '../store';
import { identifyPerson } from './identify';
import { nameWords } from './names';

/** A person matched at least this surely is filed without a look (an initial alone is not enough). */
export const SURE_MATCH = 0.85;

/**
 * The provider is often printed with no label (a logo's line): read so, it is a fair guess, and it
 * changes no verdict (the approval does, and is read on its own), so it does not hold a file back.
 */
const PROVIDER_CHECK_BELOW = 0.5;

export type PlannedRecord = { kind: 'course'; course: Omit<Course, 'id'> } | { kind: 'cpr-aed-card'; card: Omit<CprAedCard, 'id'> };

export interface Proposal {
  /** As `recert intake --json` prints it; record ids are null until filed. */
  report: IntakeFileReport;
  /** Filed without a look: a sure person, every field found surely, nothing like it stored. */
  sure: boolean;
  /** What keeps it from being sure, in words (each field to check). */
  notes: string[];
  /** The records it would create, complete: empty when something needed is missing. */
  planned: PlannedRecord[];
  /** The file's type and size, for its attachment (null for a file not read). */
  mediaType: AttachmentMediaType | null;
  size: number;
}

/** Courses read earlier in the same intake: a second copy of one is a possible duplicate too. */
export type Pending = Map<string, string>;

const fold = (text: string) => nameWords(text).join(' ');
const courseKey = (personId: string, title: string, completed: string) => `${personId}|${fold(title)}|${completed}`;
const cardKey = (personId: string, completed: string) => `${personId}|card|${completed}`;

const sure = (value: string | number): ScannedField<never> => ({ value: value as never, confidence: 1 });

/** The person's corrections replace what was read, each then as sure as can be. */
function corrected(fields: ScannedFields, correction: IntakeCorrection | undefined): ScannedFields {
  if (!correction) return fields;
  const out = { ...fields };
  for (const key of ['title', 'provider', 'completed', 'expires'] as const) {
    const value = correction[key];
    if (value !== undefined) out[key] = value.trim() === '' ? null : sure(value.trim());
  }
  if (correction.ceus !== undefined || correction.contactHours !== undefined) {
    out.ceus = correction.ceus === null || correction.ceus === undefined ? null : sure(correction.ceus);
    out.contactHours = correction.contactHours === null || correction.contactHours === undefined ? null : sure(correction.contactHours);
  }
  return out;
}

const WORDS: Record<string, string> = {
  title: 'course title',
  provider: 'provider',
  completed: 'completion date',
  expires: 'expiration date',
  amount: 'CEUs or contact hours',
  adultCpr: 'adult CPR',
  aed: 'AED',
  handsOn: 'hands-on skills session',
};

interface Built<T> {
  record: T | null;
  notes: string[];
}

function text(field: ScannedField<string> | null, key: string, notes: string[]): string | null {
  if (!field || field.value.trim() === '') {
    notes.push(`No ${WORDS[key] ?? key} was found: fill it in.`);
    return null;
  }
  const value = field.value.trim();
  if (value.length > MAX_TEXT || !isPlainText(value)) {
    notes.push(`The ${WORDS[key] ?? key} read is not plain text of at most ${MAX_TEXT} characters: correct it.`);
    return null;
  }
  if (field.confidence < (key === 'provider' ? PROVIDER_CHECK_BELOW : CHECK_BELOW)) {
    notes.push(`Check the ${WORDS[key] ?? key} (${Math.round(field.confidence * 100)} % sure).`);
  }
  return value;
}

function date(field: ScannedField<string> | null, key: string, notes: string[]): string | null {
  const value = text(field, key, notes);
  if (value === null) return null;
  const problem = calendarDateProblem(value);
  if (problem) {
    notes.push(`The ${WORDS[key] ?? key} ${problem}.`);
    return null;
  }
  return value;
}

function course(fields: ScannedFields, personId: string, credentialIds: string[], today: string): Built<Omit<Course, 'id'>> {
  const notes: string[] = [];
  const title = text(fields.title, 'title', notes);
  const provider = text(fields.provider, 'provider', notes);
  const completed = date(fields.completed, 'completed', notes);
  if (completed && completed > today) notes.push(`The completion date ${formatDate(completed)} is after today: check it.`);
  let ceus: number | null = null;
  let contactHours: number | null = null;
  const amount = fields.ceus ?? fields.contactHours;
  if (!amount) notes.push('No CEUs or contact hours were found: fill them in.');
  else {
    const problem = fields.ceus ? ceusProblem(fields.ceus.value) : contactHoursProblem(amount.value);
    if (problem) notes.push(`The ${fields.ceus ? 'CEUs' : 'contact hours'} read ${problem}.`);
    else if (fields.ceus) ceus = fields.ceus.value;
    else contactHours = amount.value;
    if (amount.confidence < CHECK_BELOW)
      notes.push(`Check the ${fields.ceus ? 'CEUs' : 'contact hours'} (${Math.round(amount.confidence * 100)} % sure).`);
  }
  if (!title || !provider || !completed || (ceus === null && contactHours === null)) return { record: null, notes };
  // Not stated: an approved provider's course, as a CSV import takes it (docs/cli.md).
  const approval = fields.approval?.value ?? 'approved-provider';
  const code = fields.approvalCode?.value.trim() ?? '';
  return {
    record: {
      personId,
      title,
      provider,
      approval,
      approvalCode: code && code.length <= MAX_TEXT && isPlainText(code) ? code : null,
      completed,
      ceus,
      contactHours,
      petition: approval === 'petition' ? { status: 'pending', filed: null, decided: null } : null,
      category: null,
      credentialIds,
    },
    notes,
  };
}

function card(fields: ScannedFields, personId: string, today: string): Built<Omit<CprAedCard, 'id'>> {
  const notes: string[] = [];
  const provider = text(fields.provider, 'provider', notes);
  const completed = date(fields.completed, 'completed', notes);
  const expires = date(fields.expires, 'expires', notes);
  if (completed && completed > today) notes.push(`The completion date ${formatDate(completed)} is after today: check it.`);
  if (completed && expires && expires <= completed) notes.push('The expiration date is not after the completion date: check both.');
  // What the card covers is taken as stated; unstated, it is not assumed (a wrong "yes" hides a gap).
  const facts = { adultCpr: false, aed: false, handsOn: false };
  for (const key of ['adultCpr', 'aed', 'handsOn'] as const) {
    const found = fields[key];
    if (!found) notes.push(`The card does not say whether it covers ${WORDS[key]}: check it (taken as no).`);
    else {
      facts[key] = found.value;
      if (found.confidence < CHECK_BELOW) notes.push(`Check ${WORDS[key]} (${Math.round(found.confidence * 100)} % sure).`);
    }
  }
  if (!provider || !completed || !expires) return { record: null, notes };
  return { record: { personId, provider, completed, expires, ...facts }, notes };
}

function documentWords(document: ScannedDocument): string {
  return document === 'cpr-aed-card' ? 'CPR/AED card' : document === 'transcript' ? 'transcript' : 'course certificate';
}

/** The stored course or card a file is already attached to, in words, with whose it is. */
function attachedTo(store: Repositories, sha256: string): { personId: string | null; document: ScannedDocument; text: string } | null {
  const attachment = store.attachments.findBySha(sha256);
  if (!attachment) return null;
  const storedCourse = attachment.courseId ? store.courses.get(attachment.courseId) : undefined;
  if (storedCourse) {
    const person = store.people.get(storedCourse.personId);
    return {
      personId: storedCourse.personId,
      document: 'course-certificate',
      text: `This file is already attached to "${storedCourse.title}" (${formatDate(storedCourse.completed)})${person ? ` of ${person.name}` : ''}.`,
    };
  }
  const card = attachment.cprAedCardId ? store.cprAedCards.get(attachment.cprAedCardId) : undefined;
  const person = card ? store.people.get(card.personId) : undefined;
  return {
    personId: card?.personId ?? null,
    document: 'cpr-aed-card',
    text: `This file is already attached to ${person ? `${person.name}'s` : 'a'} CPR/AED card${card ? ` of ${formatDate(card.completed)}` : ''}.`,
  };
}

function report(read: IntakeRead, document: ScannedDocument, status: IntakeStatus, reason: string | null): IntakeFileReport {
  return {
    file: read.file,
    sha256: read.sha256,
    document,
    status,
    reason,
    person: null,
    match: null,
    credentials: [],
    records: [],
    duplicateOf: null,
    inInbox: false,
  };
}

export interface ProposeOptions {
  store: Repositories;
  today: string;
  correction?: IntakeCorrection | undefined;
  /** Courses and cards proposed earlier in this intake, by key: filled in as files are proposed. */
  pending?: Pending;
}

export function propose(read: IntakeRead, { store, today, correction, pending }: ProposeOptions): Proposal {
  const refused = (status: IntakeStatus, reason: string, document: ScannedDocument = 'unknown'): Proposal => ({
    report: report(read, document, status, reason),
    sure: false,
    notes: [reason],
    planned: [],
    mediaType: null,
    size: 0,
  });
  if (read.kind === 'unreadable') return refused('unreadable', read.reason);
  if (read.kind === 'skipped') return refused('skipped', read.reason);
  const attached = attachedTo(store, read.sha256);
  if (attached) {
    const out = refused('already-attached', attached.text, attached.document);
    out.report.person = attached.personId;
    return out;
  }
  if (read.kind === 'stored') return refused('unreadable', 'The file was stored a moment ago and then removed: add it again.');
  const { result } = read;
  const kept = { mediaType: read.mediaType, size: read.size };
  if (result.document === 'unknown') {
    return refused('skipped', 'It does not look like a course certificate, a CPR/AED card or a transcript: nothing to file.');
  }

  const people = store.people.list(true);
  const credentials = store.credentials.listAll();
  let personId: string | null;
  let match: { by: MatchedBy; confidence: number } | null;
  let problem: string | null = null;
  if (correction?.personId !== undefined) {
    personId = correction.personId;
    match = null;
  } else {
    const found = identifyPerson(result.fields.name?.value ?? null, read.text, people, credentials);
    personId = found.personId;
    match = found.by ? { by: found.by, confidence: found.confidence } : null;
    problem = found.problem;
  }
  const person = personId ? people.find((p) => p.id === personId) : undefined;
  if (!person) return refused('unmatched', problem ?? 'No one is chosen: choose who it belongs to.', result.document);

  const own = credentials.filter((c) => c.personId === person.id).map((c) => c.id);
  const credentialIds = correction?.credentialIds ? correction.credentialIds.filter((id) => own.includes(id)) : own;
  const isCard = result.document === 'cpr-aed-card';
  const sets = result.document === 'transcript' ? (result.courses ?? []) : [corrected(result.fields, correction)];
  const notes: string[] = [];
  const planned: PlannedRecord[] = [];
  let complete = true;
  for (const [i, fields] of sets.entries()) {
    const built = isCard ? card(fields, person.id, today) : course(fields, person.id, isCard ? [] : credentialIds, today);
    notes.push(...built.notes.map((n) => (sets.length > 1 ? `Course ${i + 1}: ${n}` : n)));
    if (!built.record) complete = false;
    else
      planned.push(
        isCard
          ? { kind: 'cpr-aed-card', card: built.record as Omit<CprAedCard, 'id'> }
          : { kind: 'course', course: built.record as Omit<Course, 'id'> },
      );
  }
  if (sets.length === 0) {
    notes.push('No course was found in the transcript.');
    complete = false;
  }
  if (match && match.confidence < SURE_MATCH) {
    notes.unshift(`Check the person: the name on it fits ${person.name} only ${Math.round(match.confidence * 100)} %.`);
  }

  const out: IntakeFileReport = {
    ...report(read, result.document, 'proposed', null),
    person: person.id,
    match,
    credentials: isCard ? [] : credentialIds,
    records: sets.map((fields) => ({ kind: isCard ? ('cpr-aed-card' as const) : ('course' as const), id: null, fields })),
  };

  // Already logged? The same person, title and date (a card: the same date) as a stored record, or as
  // one read earlier in this intake.
  const stored = isCard ? store.cprAedCards.listByPerson(person.id) : store.courses.listByPerson(person.id);
  for (const record of planned) {
    const key =
      record.kind === 'course'
        ? courseKey(person.id, record.course.title, record.course.completed)
        : cardKey(person.id, record.card.completed);
    const same = stored.find(
      (s) => ('title' in s ? courseKey(s.personId, s.title, s.completed) : cardKey(s.personId, s.completed)) === key,
    );
    if (same) {
      const what =
        'title' in same ? `"${same.title}" of ${formatDate(same.completed)}` : `the CPR/AED card of ${formatDate(same.completed)}`;
      return {
        report: {
          ...out,
          status: 'possible-duplicate',
          reason: `${person.name} already has ${what}: it may be the same ${documentWords(result.document)}.`,
          duplicateOf: same.id,
        },
        sure: false,
        notes,
        planned,
        ...kept,
      };
    }
    const earlier = pending?.get(key);
    if (earlier !== undefined) {
      return {
        report: {
          ...out,
          status: 'possible-duplicate',
          reason: `It looks like the same ${documentWords(result.document)} as ${earlier}, read just before.`,
        },
        sure: false,
        notes,
        planned,
        ...kept,
      };
    }
  }
  for (const record of planned) {
    pending?.set(
      record.kind === 'course'
        ? courseKey(person.id, record.course.title, record.course.completed)
        : cardKey(person.id, record.card.completed),
      read.file,
    );
  }
  const isSure = complete && notes.length === 0 && (match === null ? correction?.personId !== undefined : match.confidence >= SURE_MATCH);
  return { report: out, sure: isSure, notes, planned: complete ? planned : [], ...kept };
}

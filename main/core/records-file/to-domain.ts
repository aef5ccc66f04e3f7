// From the records file's shape (optional fields, nested application/audit) to the app's records.
// Import stores these; `recert evaluate` and `recert packet` evaluate them the way stored ones are.
import type { Course, CprAedCard, Credential, Person } from '../domain/records';
import type { CourseRecord, CardRecord, CredentialRecord, PersonRecord } from './schema';

export function personFromRecord(record: Pick<PersonRecord, 'id' | 'name' | 'email' | 'employeeId' | 'active'>): Person {
  return {
    id: record.id,
    name: record.name,
    email: record.email ?? null,
    employeeId: record.employeeId ?? null,
    active: record.active ?? true,
  };
}

export function credentialFromRecord(record: CredentialRecord, personId: string): Credential {
  return {
    id: record.id,
    personId,
    ruleSet: record.ruleSet,
    number: record.number ?? null,
    expires: record.expires,
    cycleStart: record.cycleStart ?? null,
    certified: record.certified ?? null,
    applicationSubmitted: record.application?.submitted ?? null,
    applicationAccepted: record.application?.accepted ?? null,
    auditNoticeReceived: record.audit?.noticeReceived ?? null,
    documentsSent: record.audit?.documentsSent ?? null,
  };
}

/** Every credential id of a person, worked out once per person rather than once per course. */
const everyCredential = new WeakMap<PersonRecord, string[]>();
function credentialIdsOf(person: PersonRecord): string[] {
  let ids = everyCredential.get(person);
  if (!ids) {
    ids = [...new Set(person.credentials.map((c) => c.id))];
    everyCredential.set(person, ids);
  }
  return ids;
}

/** docs/records-file.md: a course without `credentials` counts toward every credential of its person. */
export function courseFromRecord(record: CourseRecord, person: PersonRecord): Course {
  return {
    id: record.id,
    personId: person.id,
    title: record.title,
    provider: record.provider,
    approval: record.approval,
    approvalCode: record.approvalCode ?? null,
    completed: record.completed,
    ceus: record.ceus ?? null,
    contactHours: record.contactHours ?? null,
    petition: record.petition
      ? { status: record.petition.status, filed: record.petition.filed ?? null, decided: record.petition.decided ?? null }
      : null,
    category: record.category ?? null,
    credentialIds: record.credentials ? [...new Set(record.credentials)] : [...credentialIdsOf(person)],
  };
}

export function cardFromRecord(record: CardRecord, personId: string): CprAedCard {
  return {
    id: record.id,
    personId,
    provider: record.provider,
    completed: record.completed,
    expires: record.expires,
    adultCpr: record.adultCpr,
    aed: record.aed,
    handsOn: record.handsOn,
  };
}

/** How many certificate files each of the person's courses and cards lists; absent: none (as the store's counts). */
export function certificateCounts(person: PersonRecord): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of person.courses) if (record.attachments?.length) counts.set(record.id, record.attachments.length);
  for (const record of person.cprAed) if (record.attachments?.length) counts.set(record.id, record.attachments.length);
  return counts;
}

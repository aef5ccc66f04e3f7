import { toHundredths, toThousandths } from '../store/amounts';
import type { ActivityFacts, CprAedCardFacts, CredentialFacts } from '../rules/types';
import type { ActivityRecord, CardRecord, CredentialRecord, PersonRecord } from './schema';

// From the records file's shape to the engine's facts.

export function credentialFacts(record: CredentialRecord): CredentialFacts {
  return {
    id: record.id,
    expires: record.expires,
    cycleStart: record.cycleStart ?? null,
    applicationSubmitted: record.application?.submitted ?? null,
    applicationAccepted: record.application?.accepted ?? null,
    auditNoticeReceived: record.audit?.noticeReceived ?? null,
    documentsSent: record.audit?.documentsSent ?? null,
  };
}

export function activityFacts(record: ActivityRecord): ActivityFacts {
  return {
    id: record.id,
    title: record.title,
    provider: record.provider,
    approval: record.approval,
    completed: record.completed,
    ceuThousandths: record.ceus === undefined ? null : toThousandths(record.ceus),
    contactHourHundredths: record.contactHours === undefined ? null : toHundredths(record.contactHours),
    petitionStatus: record.petition?.status ?? null,
    category: record.category ?? null,
    hasCertificate: (record.attachments?.length ?? 0) > 0,
  };
}

export function cardFacts(record: CardRecord): CprAedCardFacts {
  return {
    id: record.id,
    completed: record.completed,
    expires: record.expires,
    adultCpr: record.adultCpr,
    aed: record.aed,
    handsOn: record.handsOn,
    hasCertificate: (record.attachments?.length ?? 0) > 0,
  };
}

/** FORMAT.md: an activity without `credentials` counts toward every credential of its person. */
export function activitiesOf(person: PersonRecord, credentialId: string): ActivityRecord[] {
  return person.activities.filter((a) => (a.credentials ?? person.credentials.map((c) => c.id)).includes(credentialId));
}

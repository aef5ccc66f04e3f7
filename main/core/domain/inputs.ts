// What the service accepts, once the contract's schemas have parsed a caller's input. The contract
// (preload/contract) is checked at compile time to produce exactly these shapes (main/dispatch.ts),
// so the service can be written and tested without knowing about zod or the bridge.
import type { CalendarDate } from '../dates';
import type { Course, AttachmentOwner, CprAedCard, Credential, Person, Theme } from './records';
import type { CourseLogQuery } from './views';

export type ById = { id: string };
export type ByPerson = { personId: string };
export type AsOf = { asOf?: CalendarDate | undefined };

export type PersonInput = Omit<Person, 'id' | 'active'>;
export type PersonUpdate = Omit<Person, 'active'> & { active: boolean };

/** A new credential: the application and audit dates are recorded later through their own intents. */
export type CredentialInput = Omit<Credential, 'id'>;
export type RecordedDate = 'applicationSubmitted' | 'applicationAccepted' | 'auditNoticeReceived' | 'documentsSent';
/** Edits the credential itself; a recorded date left out (undefined) is kept as stored. */
export type CredentialUpdate = Omit<Credential, 'personId' | RecordedDate> & { [K in RecordedDate]?: CalendarDate | null | undefined };

export type CourseInput = Omit<Course, 'id'>;
export type CourseUpdate = Omit<Course, 'personId'>;

export type CprAedCardInput = Omit<CprAedCard, 'id'>;
export type CprAedCardUpdate = Omit<CprAedCard, 'personId'>;

export type CourseLogInput = CourseLogQuery & AsOf;

/** Intent inputs: one date on one credential; null takes the record back. */
export type RecordApplicationInput = { credentialId: string; applicationSubmitted: CalendarDate | null };
export type AcceptRecertificationInput = { credentialId: string; applicationAccepted: CalendarDate | null };
export type RecordAuditNoticeInput = { credentialId: string; auditNoticeReceived: CalendarDate | null };
export type MarkDocumentsSentInput = { credentialId: string; documentsSent: CalendarDate | null };

export type AddAttachmentInput = { owner: AttachmentOwner; fileName: string; contentBase64: string };

export type RuleSetOverrideInput = { ruleSet: string; cprAedWaiver: { from: CalendarDate; until: CalendarDate | null } | null };

export type SettingsInput = { theme: Theme };

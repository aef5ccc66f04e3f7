import { z } from 'zod';
import { calendarDateSchema, idSchema, optionalDate, optionalText, requiredText } from '../../main/core/domain/fields';
import type { Credential } from '../../main/core/domain/records';
import { method, returns } from './method';
import { byId, byPerson } from './people';

/** A recorded date, or null to take the record back; left out = kept as stored (updates only). */
const keptDate = calendarDateSchema.nullable().optional();

/** An intent's date: required, or null to take the record back. */
const recordedDate = calendarDateSchema.nullable();

const credentialFields = {
  ruleSet: requiredText(64),
  number: optionalText(64),
  expires: calendarDateSchema,
  cycleStart: optionalDate,
  /** The original certification date, as the certificate prints it. */
  certified: optionalDate,
};

const recordedDates = {
  applicationSubmitted: optionalDate,
  applicationAccepted: optionalDate,
  auditNoticeReceived: optionalDate,
  documentsSent: optionalDate,
};

const credentialInput = z.strictObject({ personId: idSchema, ...credentialFields, ...recordedDates });

const byCredential = { credentialId: idSchema };

export const credentialsContract = {
  listCredentials: method(byPerson, returns<Credential[]>()),
  getCredential: method(byId, returns<Credential>()),
  createCredential: method(credentialInput, returns<Credential>()),
  /** Edits the credential itself; the application and audit dates change only when given. */
  updateCredential: method(
    z.strictObject({
      id: idSchema,
      ...credentialFields,
      applicationSubmitted: keptDate,
      applicationAccepted: keptDate,
      auditNoticeReceived: keptDate,
      documentsSent: keptDate,
    }),
    returns<Credential>(),
  ),
  deleteCredential: method(byId, returns<{ deleted: true }>()),

  // Intents: one date on one credential, so that no screen copies a whole credential to change it.
  recordApplication: method(z.strictObject({ ...byCredential, applicationSubmitted: recordedDate }), returns<Credential>()),
  acceptRecertification: method(z.strictObject({ ...byCredential, applicationAccepted: recordedDate }), returns<Credential>()),
  recordAuditNotice: method(z.strictObject({ ...byCredential, auditNoticeReceived: recordedDate }), returns<Credential>()),
  markDocumentsSent: method(z.strictObject({ ...byCredential, documentsSent: recordedDate }), returns<Credential>()),
} as const;

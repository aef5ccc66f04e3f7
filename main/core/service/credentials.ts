import type {
  AcceptRecertificationInput,
  ById,
  ByPerson,
  CredentialInput,
  CredentialUpdate,
  MarkDocumentsSentInput,
  RecordApplicationInput,
  RecordAuditNoticeInput,
  RecordedDate,
} from '../domain/inputs';
import type { Credential } from '../domain/records';
import { invalid } from '../errors';
import { newId } from '../ids';
import type { ServiceContext } from './context';
import { writes } from './writes';

/** The recorded dates must follow one another; the first problem names its field. */
function checkDatesInOrder(c: Credential): void {
  if (c.applicationAccepted && !c.applicationSubmitted) throw invalid('applicationAccepted', 'needs the application date first');
  if (c.applicationAccepted && c.applicationSubmitted && c.applicationAccepted < c.applicationSubmitted) {
    throw invalid('applicationAccepted', 'must not be before the application date');
  }
  if (c.documentsSent && !c.auditNoticeReceived) throw invalid('documentsSent', 'needs the audit notice date first');
  if (c.documentsSent && c.auditNoticeReceived && c.documentsSent < c.auditNoticeReceived) {
    throw invalid('documentsSent', 'must not be before the audit notice date');
  }
}

export function credentialsService(ctx: ServiceContext) {
  const { store } = ctx;

  function save(credential: Credential): Credential {
    checkDatesInOrder(credential);
    ctx.write(() => store.credentials.update(credential));
    return credential;
  }
  /** One recorded date changes; everything else stays as stored (no read-merge-write in a screen). */
  function change(credentialId: string, changes: Partial<Credential>): Credential {
    const existing = ctx.requireCredential(credentialId, 'credentialId');
    return save({ ...existing, ...changes });
  }

  return {
    listCredentials: ({ personId }: ByPerson): Credential[] => {
      ctx.requirePerson(personId, 'personId');
      return store.credentials.listByPerson(personId);
    },
    getCredential: ({ id }: ById): Credential => ctx.requireCredential(id),
    createCredential: writes((input: CredentialInput): Credential => {
      ctx.requirePerson(input.personId, 'personId');
      ctx.requireRuleSet(input.ruleSet);
      const credential: Credential = { id: newId('c'), ...input };
      checkDatesInOrder(credential);
      ctx.write(() => store.credentials.insert(credential));
      return credential;
    }),
    updateCredential: writes((input: CredentialUpdate): Credential => {
      const existing = ctx.requireCredential(input.id);
      ctx.requireRuleSet(input.ruleSet);
      const kept = (key: RecordedDate) => (input[key] === undefined ? existing[key] : input[key]);
      return save({
        ...existing,
        ruleSet: input.ruleSet,
        number: input.number,
        expires: input.expires,
        cycleStart: input.cycleStart,
        certified: input.certified,
        applicationSubmitted: kept('applicationSubmitted'),
        applicationAccepted: kept('applicationAccepted'),
        auditNoticeReceived: kept('auditNoticeReceived'),
        documentsSent: kept('documentsSent'),
      });
    }),
    deleteCredential: writes(({ id }: ById): { deleted: true } => {
      ctx.requireCredential(id);
      ctx.write(() => store.credentials.delete(id));
      return { deleted: true };
    }),
    /** Removing the application also removes its acceptance: one cannot stand without the other. */
    recordApplication: writes(({ credentialId, applicationSubmitted }: RecordApplicationInput): Credential =>
      change(credentialId, applicationSubmitted === null ? { applicationSubmitted, applicationAccepted: null } : { applicationSubmitted }),
    ),
    acceptRecertification: writes(({ credentialId, applicationAccepted }: AcceptRecertificationInput): Credential =>
      change(credentialId, { applicationAccepted }),
    ),
    /** Clearing the notice clears the whole audit record, documents-sent date included. */
    recordAuditNotice: writes(({ credentialId, auditNoticeReceived }: RecordAuditNoticeInput): Credential =>
      change(credentialId, auditNoticeReceived === null ? { auditNoticeReceived, documentsSent: null } : { auditNoticeReceived }),
    ),
    markDocumentsSent: writes(({ credentialId, documentsSent }: MarkDocumentsSentInput): Credential =>
      change(credentialId, { documentsSent }),
    ),
  };
}

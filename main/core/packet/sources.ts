// Where a packet's facts come from: the app's store, or a records file with its certificate files.
// Both are read into the app's records and evaluated the same way; only where files live differs.
import type { Course, CprAedCard, Credential, Person, StoredAttachment } from '../domain/records';
import type { ContentStore } from '../attachments/file-store';
import { type CalendarDate } from '../dates';
import { effectiveRuleSets, evaluateLoaded, evaluatePerson, type PersonRecords, type StoredVerdict } from '../evaluation';
import type { ParsedRecords } from '../records-file/parse';
import type { AttachmentRecord } from '../records-file/schema';
import { courseFromRecord, cardFromRecord, certificateCounts, credentialFromRecord, personFromRecord } from '../records-file/to-domain';
import { explainBlocker, explainWarning, statusText } from '../rules/describe';
import { warningCodes } from '../rules/verdict-format';
import type { RuleSet } from '../rules/ruleset-schema';
import { withOverride } from '../rules/rulesets';
import type { Repositories } from '../store';
import { planPacket, type ExhibitFile, type PacketPlan } from './plan';

export class PacketSourceError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'PacketSourceError';
  }
}

interface Evaluated {
  person: Person;
  credential: Credential;
  ruleSet: RuleSet;
  records: PersonRecords;
  stored: StoredVerdict;
  /** The certificate files of a course or card. */
  filesOf(ownerId: string): ExhibitFile[];
}

function plan(
  { person, credential, ruleSet, records, stored, filesOf }: Evaluated,
  asOf: CalendarDate,
  generatedOn: CalendarDate,
): PacketPlan {
  const { verdict } = stored;
  return planPacket({
    generatedOn,
    asOf,
    person: { name: person.name, email: person.email, employeeId: person.employeeId },
    credential: { number: credential.number, auditNoticeReceived: credential.auditNoticeReceived, documentsSent: credential.documentsSent },
    ruleSet,
    verdict,
    statusText: statusText(verdict, ruleSet, credential.applicationAccepted ? null : credential.applicationSubmitted, asOf),
    blockers: verdict.blockers.map((code) => explainBlocker(code, verdict, ruleSet)),
    warnings: warningCodes(verdict).map((code) => explainWarning(code, verdict, ruleSet)),
    courses: records.courses
      .filter((a: Course) => a.credentialIds.includes(credential.id))
      .map((a) => ({
        id: a.id,
        completed: a.completed,
        title: a.title,
        provider: a.provider,
        approval: a.approval,
        approvalCode: a.approvalCode,
        petitionStatus: a.petition?.status ?? null,
        files: filesOf(a.id),
      })),
    cards: records.cards.map((k: CprAedCard) => ({ ...k, files: filesOf(k.id) })),
  });
}

/**
 * The plan for one stored credential. `evaluated`: the person's records and verdicts when the caller
 * keeps them (the service's read model); read and evaluated here when absent (the command line).
 */
export function planFromStore(
  store: Repositories,
  files: ContentStore,
  ruleSets: readonly RuleSet[],
  credentialId: string,
  asOf: CalendarDate,
  generatedOn: CalendarDate,
  evaluated?: (personId: string, asOf: CalendarDate) => PersonRecords & { verdicts: StoredVerdict[] },
): PacketPlan {
  const credential = store.credentials.get(credentialId);
  if (!credential) throw new PacketSourceError(`credentialId: no credential with id "${credentialId}"`, 'credentialId');
  const person = store.people.get(credential.personId);
  const rules = effectiveRuleSets(ruleSets, store);
  const ruleSet = rules.get(credential.ruleSet);
  if (!person || !ruleSet) throw new PacketSourceError(`credentialId: the credential's person or rule set is missing`, 'credentialId');
  const records = evaluated ? evaluated(person.id, asOf) : evaluatePerson(store, rules, person.id, asOf);
  const stored = records.verdicts.find((v) => v.credential.id === credential.id);
  if (!stored) throw new PacketSourceError(`credentialId: could not evaluate "${credentialId}"`, 'credentialId');
  const storedFile = (attachment: StoredAttachment): ExhibitFile => ({
    fileName: attachment.fileName,
    sha256: attachment.sha256,
    size: attachment.size,
    mediaType: attachment.mediaType,
    path: files.pathOf(attachment.sha256),
  });
  const filesOf = (ownerId: string) =>
    (records.certificates.get(ownerId) ?? 0) === 0
      ? []
      : [...store.attachments.listByCourse(ownerId), ...store.attachments.listByCard(ownerId)].map(storedFile);
  return plan({ person, credential, ruleSet, records, stored, filesOf }, asOf, generatedOn);
}

/** The plan for one credential of a records file; certificate files are read beside it. */
export function planFromRecords(
  parsed: ParsedRecords,
  ruleSets: readonly RuleSet[],
  personId: string,
  credentialId: string,
  asOf: CalendarDate,
  generatedOn: CalendarDate,
): PacketPlan {
  const record = parsed.file.people.find((p) => p.id === personId);
  if (!record) throw new PacketSourceError(`--person: no person "${personId}" in the records file`, 'person');
  const credentialRecord = record.credentials.find((c) => c.id === credentialId);
  if (!credentialRecord) throw new PacketSourceError(`--credential: "${personId}" has no credential "${credentialId}"`, 'credential');
  const shipped = ruleSets.find((r) => r.id === credentialRecord.ruleSet);
  if (!shipped) throw new PacketSourceError(`--credential: unknown rule set ${credentialRecord.ruleSet}`, 'credential');
  const ruleSet = withOverride(shipped, parsed.overrides[shipped.id]);
  const credential = credentialFromRecord(credentialRecord, record.id);
  const records: PersonRecords = {
    credentials: [credential],
    courses: record.courses.map((a) => courseFromRecord(a, record)),
    cards: record.cprAed.map((k) => cardFromRecord(k, record.id)),
    certificates: certificateCounts(record),
  };
  const [stored] = evaluateLoaded(new Map([[ruleSet.id, ruleSet]]), records, asOf);
  if (!stored) throw new PacketSourceError(`--credential: could not evaluate "${credentialId}"`, 'credential');
  const fileOf = (attachment: AttachmentRecord): ExhibitFile => {
    const resolved = parsed.attachments.get(attachment.file);
    if (!resolved) throw new PacketSourceError(`attachment ${attachment.file} was not resolved`, 'file');
    return {
      fileName: attachment.name ?? attachment.file.split('/').pop() ?? attachment.file,
      sha256: resolved.sha256,
      size: resolved.size,
      mediaType: resolved.mediaType,
      path: resolved.absolutePath,
    };
  };
  const attachmentsOf = new Map([...record.courses, ...record.cprAed].map((r) => [r.id, r.attachments ?? []]));
  const filesOf = (ownerId: string) => (attachmentsOf.get(ownerId) ?? []).map(fileOf);
  return plan({ person: personFromRecord(record), credential, ruleSet, records, stored, filesOf }, asOf, generatedOn);
}

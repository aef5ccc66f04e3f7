// Where a packet's facts come from: the app's store, or a records file with its certificate files.
import type { StoredAttachment } from '../../../preload/contract';
import type { ContentStore } from '../attachments/file-store';
import { type CalendarDate } from '../dates';
import { effectiveRuleSets, evaluatePerson } from '../evaluation';
import { evaluateRecords } from '../records-file/evaluate';
import { activitiesOf } from '../records-file/facts';
import type { ParsedRecords } from '../records-file/parse';
import type { AttachmentRecord } from '../records-file/schema';
import { explainBlocker, explainWarning, statusText } from '../rules/describe';
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

function storedFile(files: ContentStore, attachment: StoredAttachment): ExhibitFile {
  return {
    fileName: attachment.fileName,
    sha256: attachment.sha256,
    size: attachment.size,
    mediaType: attachment.mediaType,
    path: files.pathOf(attachment.sha256),
  };
}

/** The plan for one stored credential. */
export function planFromStore(
  store: Repositories,
  files: ContentStore,
  ruleSets: readonly RuleSet[],
  credentialId: string,
  asOf: CalendarDate,
  generatedOn: CalendarDate,
): PacketPlan {
  const credential = store.credentials.get(credentialId);
  if (!credential) throw new PacketSourceError(`credentialId: no credential with id "${credentialId}"`, 'credentialId');
  const person = store.people.get(credential.personId);
  const rules = effectiveRuleSets(ruleSets, store);
  const ruleSet = rules.get(credential.ruleSet);
  if (!person || !ruleSet) throw new PacketSourceError(`credentialId: the credential's person or rule set is missing`, 'credentialId');
  const [stored] = evaluatePerson(store, rules, person.id, asOf, credential.id);
  if (!stored) throw new PacketSourceError(`credentialId: could not evaluate "${credentialId}"`, 'credentialId');
  const { verdict } = stored;
  return planPacket({
    generatedOn,
    asOf,
    person: { name: person.name, email: person.email, employeeId: person.employeeId },
    credential: { number: credential.number, auditNoticeReceived: credential.auditNoticeReceived, documentsSent: credential.documentsSent },
    ruleSet,
    verdict,
    statusText: statusText(verdict, ruleSet, credential.applicationAccepted ? null : credential.applicationSubmitted),
    blockers: verdict.blockers.map((code) => explainBlocker(code, verdict, ruleSet)),
    warnings: verdict.warnings.map((code) => explainWarning(code, verdict, ruleSet)),
    activities: store.activities.listByCredential(credential.id).map((a) => ({
      id: a.id,
      completed: a.completed,
      title: a.title,
      provider: a.provider,
      approval: a.approval,
      approvalCode: a.approvalCode,
      petitionStatus: a.petition?.status ?? null,
      files: store.attachments.listByActivity(a.id).map((f) => storedFile(files, f)),
    })),
    cards: store.cprAedCards
      .listByPerson(person.id)
      .map((k) => ({ ...k, files: store.attachments.listByCard(k.id).map((f) => storedFile(files, f)) })),
  });
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
  const person = parsed.file.people.find((p) => p.id === personId);
  if (!person) throw new PacketSourceError(`--person: no person "${personId}" in the records file`, 'person');
  const credential = person.credentials.find((c) => c.id === credentialId);
  if (!credential) throw new PacketSourceError(`--credential: "${personId}" has no credential "${credentialId}"`, 'credential');
  const ruleSet = ruleSets.find((r) => r.id === credential.ruleSet);
  if (!ruleSet) throw new PacketSourceError(`--credential: unknown rule set ${credential.ruleSet}`, 'credential');
  const report = evaluateRecords({ ...parsed.file, people: [{ ...person, credentials: [credential] }] }, ruleSets, parsed.overrides, asOf);
  const verdict = report.results[0];
  if (!verdict) throw new PacketSourceError(`--credential: could not evaluate "${credentialId}"`, 'credential');
  const effective = withOverride(ruleSet, parsed.overrides[ruleSet.id]);
  const fileOf = (record: AttachmentRecord): ExhibitFile => {
    const resolved = parsed.attachments.get(record.file);
    if (!resolved) throw new PacketSourceError(`attachment ${record.file} was not resolved`, 'file');
    return {
      fileName: record.name ?? record.file.split('/').pop() ?? record.file,
      sha256: resolved.sha256,
      size: resolved.size,
      mediaType: resolved.mediaType,
      path: resolved.absolutePath,
    };
  };
  return planPacket({
    generatedOn,
    asOf,
    person: { name: person.name, email: person.email ?? null, employeeId: person.employeeId ?? null },
    credential: {
      number: credential.number ?? null,
      auditNoticeReceived: credential.audit?.noticeReceived ?? null,
      documentsSent: credential.audit?.documentsSent ?? null,
    },
    ruleSet: effective,
    verdict,
    statusText: statusText(verdict, effective, credential.application?.accepted ? null : (credential.application?.submitted ?? null)),
    blockers: verdict.blockers.map((code) => explainBlocker(code, verdict, effective)),
    warnings: verdict.warnings.map((code) => explainWarning(code, verdict, effective)),
    activities: activitiesOf(person, credential.id).map((a) => ({
      id: a.id,
      completed: a.completed,
      title: a.title,
      provider: a.provider,
      approval: a.approval,
      approvalCode: a.approvalCode ?? null,
      petitionStatus: a.petition?.status ?? null,
      files: (a.attachments ?? []).map(fileOf),
    })),
    cards: person.cprAed.map((k) => ({ ...k, files: (k.attachments ?? []).map(fileOf) })),
  });
}

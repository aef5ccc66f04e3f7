import type {
  StoredAttachment,
  PacketExportStatus,
  CredentialEvaluation,
  Activity,
  Attachment,
  Credential,
  CprAedCard,
  MethodName,
  ParsedInputOf,
  Person,
  ResultOf,
  RuleSetSummary,
  Settings,
  Theme,
} from '../../preload/contract';
import { themes } from '../../preload/contract';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentStore } from './attachments/file-store';
import type { PacketJobs } from './packet/jobs';
import type { PacketPlan } from './packet/plan';
import { PacketSourceError, planFromStore } from './packet/sources';
import { replaceControlCharacters } from './text';
import { auditChecklist } from './audit-checklist';
import { courseLog, type PersonSnapshot } from './course-log';
import { daysBetween, localToday, type CalendarDate } from './dates';
import { effectiveRuleSets, evaluateEveryone, evaluatePerson, type StoredVerdict } from './evaluation';
import { cprAedReasonText, explainBlocker, explainWarning, groupFindings, statusText } from './rules/describe';
import type { RuleSet } from './rules/ruleset-schema';
import { sniffMediaType } from './attachments/media-type';
import { invalid, notFound, ServiceError } from './errors';
import { newId } from './ids';
import type { Repositories } from './store';

/** What differs between the desktop app and browser mode, supplied by each (main/core stays electron-free). */
export interface Platform {
  /** Desktop: the save dialog; null when the user cancels. Absent in browser mode (the packet downloads). */
  chooseSaveLocation?(suggestedName: string): Promise<string | null>;
  /** Desktop: reveal a file in the system's file manager. */
  showInFolder?(path: string): void;
  /** The URL a screen loads to preview an attachment; browser mode's route by default. */
  attachmentUrl?(attachmentId: string): string;
}

export interface ServiceDeps {
  store: Repositories;
  files: ContentStore;
  dataDir: string;
  ruleSets: readonly RuleSet[];
  packets: PacketJobs;
  platform: Platform;
  /** Where browser mode keeps finished packets until they are downloaded. */
  exportsDir: string;
  /** Today's date: injected so that tests can pin it; the engine itself never reads a clock. */
  today?: () => CalendarDate;
}

function summaryOf(ruleSet: RuleSet): RuleSetSummary {
  return {
    id: ruleSet.id,
    name: ruleSet.name,
    credential: ruleSet.credential,
    body: ruleSet.body,
    unit: { singular: ruleSet.unit.singular, plural: ruleSet.unit.plural },
    petitionFee: ruleSet.petition.fee.value,
    auditResponseDays: ruleSet.audit.responseDays.value,
    categories: ruleSet.requirement.categories.map((c) => ({ id: c.id, name: c.name })),
  };
}

export type Service = { [M in MethodName]: (input: ParsedInputOf<M>) => ResultOf<M> | Promise<ResultOf<M>> };

/** "Audit packet - Dana Rivera - NASM-CPT - 2026-11-21.pdf", safe as a file name everywhere. */
export function packetFileName(person: string, credential: string, date: string): string {
  const safe = (text: string) =>
    replaceControlCharacters(text, ' ')
      .replace(/[\\/:*?"<>|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  return `Audit packet - ${safe(person)} - ${safe(credential)} - ${date}.pdf`;
}

/** One function per contract method. Inputs are already parsed by the contract's schemas. */
export function createService({
  store,
  files,
  dataDir,
  ruleSets,
  packets,
  platform,
  exportsDir,
  today = localToday,
}: ServiceDeps): Service {
  const knownRuleSets = new Set(ruleSets.map((r) => r.id));

  // Every write bumps the version; evaluations and course-log rows are cached per version, so that
  // scrolling 100,000 courses or switching screens does not re-read and re-evaluate each time.
  let version = 0;
  function write<T>(change: () => T): T {
    const result = store.transaction(change);
    version += 1;
    return result;
  }
  let snapshotCache: { key: string; snapshot: PersonSnapshot } | null = null;
  function snapshotOf(personId: string, asOf: CalendarDate): { version: number; snapshot: PersonSnapshot } {
    const key = `${personId}|${asOf}|${version}`;
    if (snapshotCache?.key !== key) {
      const rules = effectiveRuleSets(ruleSets, store);
      snapshotCache = { key, snapshot: { ...evaluatePerson(store, rules, personId, asOf), ruleSets: rules } };
    }
    return { version, snapshot: snapshotCache.snapshot };
  }
  const queryCourseLog = courseLog(snapshotOf);

  function present(stored: StoredVerdict, rules: Map<string, RuleSet>, asOf: CalendarDate, person: Person): CredentialEvaluation {
    const ruleSet = rules.get(stored.credential.ruleSet);
    if (!ruleSet) throw new ServiceError('internal', `Rule set ${stored.credential.ruleSet} is not installed.`);
    const { activities: _perCourse, warnings: _codes, explain: _explain, ...verdict } = stored.verdict;
    return {
      asOf,
      person,
      credential: stored.credential,
      ruleSet: summaryOf(ruleSet),
      verdict,
      cprAedText: cprAedReasonText(stored.verdict.cprAed.reason),
      statusText: statusText(
        stored.verdict,
        ruleSet,
        stored.credential.applicationAccepted ? null : stored.credential.applicationSubmitted,
      ),
      blockers: verdict.blockers.map((code) => explainBlocker(code, stored.verdict, ruleSet)),
      warnings: groupFindings(
        stored.verdict.warnings.map((code) => explainWarning(code, stored.verdict, ruleSet)),
        stored.verdict.cprAed.id,
        (kind, count) =>
          kind === 'no-certificate'
            ? `${count} counted courses have no certificate attached: an audit risk`
            : kind === 'petition-pending'
              ? `${count} petitions pending: their CEUs count once approved`
              : null,
      ),
      auditDaysLeft: verdict.deadlines.auditDue && !stored.credential.documentsSent ? daysBetween(asOf, verdict.deadlines.auditDue) : null,
    };
  }

  function requirePerson(id: string, field = 'id'): Person {
    const person = store.people.get(id);
    if (!person) throw notFound(field, 'person', id);
    return person;
  }
  function requireCredential(id: string, field = 'id'): Credential {
    const credential = store.credentials.get(id);
    if (!credential) throw notFound(field, 'credential', id);
    return credential;
  }
  function requireActivity(id: string, field = 'id'): Activity {
    const activity = store.activities.get(id);
    if (!activity) throw notFound(field, 'course', id);
    return activity;
  }
  function requireCard(id: string, field = 'id'): CprAedCard {
    const card = store.cprAedCards.get(id);
    if (!card) throw notFound(field, 'CPR/AED card', id);
    return card;
  }
  function requireRuleSet(id: string): void {
    if (!knownRuleSets.has(id)) {
      throw invalid('ruleSet', `unknown rule set "${id.slice(0, 64)}"; choose one of ${[...knownRuleSets].join(', ')}`);
    }
  }
  /** Credentials an activity counts toward must be the same person's; duplicates collapse. */
  function checkedCredentialIds(personId: string, ids: readonly string[]): string[] {
    const unique = [...new Set(ids)];
    unique.forEach((id, index) => {
      const credential = store.credentials.get(id);
      if (!credential || credential.personId !== personId) {
        throw notFound(`credentialIds[${ids.indexOf(id) >= 0 ? ids.indexOf(id) : index}]`, 'credential of this person', id);
      }
    });
    return unique;
  }
  function requireOwner(owner: { kind: 'activity' | 'cpr-aed-card'; id: string }): {
    activityId: string | null;
    cprAedCardId: string | null;
  } {
    if (owner.kind === 'activity') {
      requireActivity(owner.id, 'owner.id');
      return { activityId: owner.id, cprAedCardId: null };
    }
    requireCard(owner.id, 'owner.id');
    return { activityId: null, cprAedCardId: owner.id };
  }
  /** After rows are gone, drop the certificate files no row points at any more. */
  function releaseFiles(hashes: Iterable<string>): void {
    for (const sha256 of new Set(hashes)) {
      if (store.attachments.referencesTo(sha256) === 0) files.remove(sha256);
    }
  }
  function attachmentHashesOfPerson(personId: string): string[] {
    const cards = store.cprAedCards.listByPerson(personId).flatMap((c) => store.attachments.listByCard(c.id));
    const courses = store.activities.listByPerson(personId).flatMap((a) => store.attachments.listByActivity(a.id));
    return [...cards, ...courses].map((a) => a.sha256);
  }
  function withPreview(attachment: StoredAttachment): Attachment {
    return { ...attachment, previewUrl: platform.attachmentUrl ? platform.attachmentUrl(attachment.id) : `attachments/${attachment.id}` };
  }

  function packetStatus(jobId: string, field = 'jobId'): PacketExportStatus {
    const job = packets.status(jobId);
    if (!job) throw notFound(field, 'packet export', jobId);
    const done = job.state === 'done';
    return {
      jobId: job.jobId,
      state: job.state,
      done: job.progress.done,
      total: job.progress.total,
      message: job.progress.message,
      fileName: job.fileName,
      savedTo: done && platform.chooseSaveLocation ? job.destination : null,
      downloadPath: done && !platform.chooseSaveLocation ? `exports/${job.jobId}` : null,
      canShowInFolder: done && !!platform.showInFolder,
      error: job.error,
    };
  }

  function readTheme(): Theme {
    const stored = store.settings.get('theme');
    return themes.includes(stored as Theme) ? (stored as Theme) : 'system';
  }

  return {
    listPeople: ({ includeInactive }) => store.people.list(includeInactive ?? false),
    getPerson: ({ id }) => requirePerson(id),
    createPerson: (input) => {
      const person: Person = { id: newId('p'), ...input, active: true };
      write(() => store.people.insert(person));
      return person;
    },
    updatePerson: (input) => {
      requirePerson(input.id);
      write(() => store.people.update(input));
      return requirePerson(input.id);
    },
    deletePerson: ({ id }) => {
      requirePerson(id);
      const hashes = attachmentHashesOfPerson(id);
      write(() => store.people.delete(id));
      releaseFiles(hashes);
      return { deleted: true };
    },

    listRuleSets: () => ruleSets.map(summaryOf),
    getRuleSet: ({ id }) => {
      const ruleSet = effectiveRuleSets(ruleSets, store).get(id);
      if (!ruleSet) throw notFound('id', 'rule set', id);
      return ruleSet;
    },
    evaluateCredential: ({ credentialId, asOf }) => {
      const credential = requireCredential(credentialId, 'credentialId');
      const person = requirePerson(credential.personId, 'credentialId');
      const date = asOf ?? today();
      const { snapshot } = snapshotOf(person.id, date);
      const stored = snapshot.verdicts.find((v) => v.credential.id === credential.id);
      if (!stored) throw new ServiceError('internal', `Rule set ${credential.ruleSet} is not installed.`);
      return present(stored, snapshot.ruleSets, date, person);
    },
    updateRuleSetOverride: ({ ruleSet, cprAedWaiver }) => {
      requireRuleSet(ruleSet);
      write(() => (cprAedWaiver ? store.ruleSetOverrides.set(ruleSet, { cprAedWaiver }) : store.ruleSetOverrides.remove(ruleSet)));
      const updated = effectiveRuleSets(ruleSets, store).get(ruleSet);
      if (!updated) throw notFound('ruleSet', 'rule set', ruleSet);
      return updated;
    },
    getAuditChecklist: ({ credentialId, asOf }) => {
      const credential = requireCredential(credentialId, 'credentialId');
      const date = asOf ?? today();
      const { snapshot } = snapshotOf(credential.personId, date);
      const stored = snapshot.verdicts.find((v) => v.credential.id === credential.id);
      if (!stored) throw new ServiceError('internal', `Rule set ${credential.ruleSet} is not installed.`);
      return auditChecklist({
        credentialId,
        asOf: date,
        verdict: stored.verdict,
        documentsSent: credential.documentsSent,
        activities: new Map(snapshot.activities.map((a) => [a.id, a])),
        cards: new Map(store.cprAedCards.listByPerson(credential.personId).map((k) => [k.id, k])),
        certificates: (owner) => snapshot.certificates.get(owner) ?? 0,
      });
    },
    evaluateEveryone: ({ asOf, includeInactive }) => {
      const rules = effectiveRuleSets(ruleSets, store);
      const date = asOf ?? today();
      const people = new Map(store.people.list(includeInactive ?? false).map((p) => [p.id, p]));
      return evaluateEveryone(store, rules, date).flatMap((stored) => {
        const person = people.get(stored.personId);
        return person ? [present(stored, rules, date, person)] : [];
      });
    },

    listCredentials: ({ personId }) => {
      requirePerson(personId, 'personId');
      return store.credentials.listByPerson(personId);
    },
    getCredential: ({ id }) => requireCredential(id),
    createCredential: (input) => {
      requirePerson(input.personId, 'personId');
      requireRuleSet(input.ruleSet);
      const credential: Credential = { id: newId('c'), ...input };
      write(() => store.credentials.insert(credential));
      return credential;
    },
    updateCredential: (input) => {
      const existing = requireCredential(input.id);
      requireRuleSet(input.ruleSet);
      const credential: Credential = { ...input, personId: existing.personId };
      write(() => store.credentials.update(credential));
      return credential;
    },
    deleteCredential: ({ id }) => {
      requireCredential(id);
      write(() => store.credentials.delete(id));
      return { deleted: true };
    },

    queryCourseLog: ({ asOf, ...query }) => {
      requirePerson(query.personId, 'personId');
      if (query.credentialId !== undefined) {
        const credential = requireCredential(query.credentialId, 'credentialId');
        if (credential.personId !== query.personId) throw notFound('credentialId', 'credential of this person', query.credentialId);
      }
      return queryCourseLog({ ...query, asOf: asOf ?? today() });
    },
    listActivities: ({ personId, credentialId }) => {
      requirePerson(personId, 'personId');
      if (credentialId === undefined) return store.activities.listByPerson(personId);
      const credential = requireCredential(credentialId, 'credentialId');
      if (credential.personId !== personId) throw notFound('credentialId', 'credential of this person', credentialId);
      return store.activities.listByCredential(credentialId);
    },
    getActivity: ({ id }) => requireActivity(id),
    createActivity: (input) => {
      requirePerson(input.personId, 'personId');
      const activity: Activity = { id: newId('a'), ...input, credentialIds: checkedCredentialIds(input.personId, input.credentialIds) };
      write(() => store.activities.insert(activity));
      return activity;
    },
    updateActivity: (input) => {
      const existing = requireActivity(input.id);
      const activity: Activity = {
        ...input,
        personId: existing.personId,
        credentialIds: checkedCredentialIds(existing.personId, input.credentialIds),
      };
      write(() => store.activities.update(activity));
      return activity;
    },
    deleteActivity: ({ id }) => {
      requireActivity(id);
      const hashes = store.attachments.listByActivity(id).map((a) => a.sha256);
      write(() => store.activities.delete(id));
      releaseFiles(hashes);
      return { deleted: true };
    },

    listCprAedCards: ({ personId }) => {
      requirePerson(personId, 'personId');
      return store.cprAedCards.listByPerson(personId);
    },
    getCprAedCard: ({ id }) => requireCard(id),
    createCprAedCard: (input) => {
      requirePerson(input.personId, 'personId');
      const card: CprAedCard = { id: newId('k'), ...input };
      write(() => store.cprAedCards.insert(card));
      return card;
    },
    updateCprAedCard: (input) => {
      const existing = requireCard(input.id);
      const card: CprAedCard = { ...input, personId: existing.personId };
      write(() => store.cprAedCards.update(card));
      return card;
    },
    deleteCprAedCard: ({ id }) => {
      requireCard(id);
      const hashes = store.attachments.listByCard(id).map((a) => a.sha256);
      write(() => store.cprAedCards.delete(id));
      releaseFiles(hashes);
      return { deleted: true };
    },

    listAttachments: ({ owner }) => {
      const { activityId, cprAedCardId } = requireOwner(owner);
      return (activityId ? store.attachments.listByActivity(activityId) : store.attachments.listByCard(cprAedCardId ?? '')).map(
        withPreview,
      );
    },
    addAttachment: ({ owner, fileName, contentBase64 }) => {
      const links = requireOwner(owner);
      const bytes = Buffer.from(contentBase64, 'base64');
      if (bytes.length === 0) throw invalid('contentBase64', `"${fileName}" is empty: choose the certificate file itself`);
      const mediaType = sniffMediaType(bytes);
      if (!mediaType) {
        throw invalid(
          'contentBase64',
          `"${fileName}" is not a PDF, JPEG, PNG or HEIC/HEIF file: save or scan the certificate in one of those formats`,
        );
      }
      const sha256 = files.put(bytes);
      const attachment: StoredAttachment = { id: newId('f'), sha256, fileName, mediaType, size: bytes.length, ...links };
      try {
        write(() => store.attachments.insert(attachment));
      } catch (error) {
        releaseFiles([sha256]);
        throw error;
      }
      return withPreview(attachment);
    },
    removeAttachment: ({ id }) => {
      const attachment = store.attachments.get(id);
      if (!attachment) throw notFound('id', 'attachment', id);
      write(() => store.attachments.delete(id));
      releaseFiles([attachment.sha256]);
      return { deleted: true };
    },

    startPacketExport: async ({ credentialId, asOf }) => {
      const date = today();
      let plan: PacketPlan;
      try {
        plan = planFromStore(store, files, ruleSets, credentialId, asOf ?? date, date);
      } catch (error) {
        if (error instanceof PacketSourceError) throw new ServiceError('not-found', error.message, error.field);
        throw error;
      }
      const fileName = packetFileName(plan.person.name, plan.credential.shortName, date);
      let destination: string;
      if (platform.chooseSaveLocation) {
        const chosen = await platform.chooseSaveLocation(fileName);
        if (!chosen) return null;
        destination = chosen;
      } else {
        mkdirSync(exportsDir, { recursive: true });
        destination = join(exportsDir, `${newId('packet')}.pdf`);
      }
      return packetStatus(packets.start(plan, destination, fileName).jobId);
    },
    getPacketExport: ({ jobId }) => packetStatus(jobId),
    cancelPacketExport: ({ jobId }) => {
      packetStatus(jobId);
      packets.cancel(jobId);
      return packetStatus(jobId);
    },
    showPacketInFolder: ({ jobId }) => {
      const status = packetStatus(jobId);
      if (!platform.showInFolder)
        throw new ServiceError(
          'invalid-input',
          'Show in folder is available in the desktop app; in the browser, open your downloads.',
          'jobId',
        );
      if (!status.savedTo) throw invalid('jobId', 'the packet is not saved yet');
      platform.showInFolder(status.savedTo);
      return { shown: true };
    },

    getSettings: (): Settings => ({ dataDir, theme: readTheme() }),
    updateSettings: ({ theme }) => {
      write(() => store.settings.set('theme', theme));
      return { dataDir, theme: readTheme() };
    },
  };
}

export { ServiceError };

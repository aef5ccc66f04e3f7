import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StoredAttachment } from '../domain/records';
import { writeFileAtomic } from '../atomic-write';
import type { ContentStore } from '../attachments/file-store';
import { groupBy } from '../group-by';
import { replaceControlCharacters } from '../text';
import type { Repositories } from '../store';
import {
  RECORDS_FORMAT,
  type CourseRecord,
  type AttachmentRecord,
  type CardRecord,
  type CredentialRecord,
  type PersonInFile,
  type RecordsFileDocument,
} from './schema';

/** A file name that is safe on every platform, keeping the certificate's own name where it can. */
/**
 * File systems limit a name to 255 bytes, not characters: 80 CJK characters or 60 emoji are over it.
 * Shortened to 200 UTF-8 bytes at a whole character, keeping the extension.
 */
const MAX_NAME_BYTES = 200;
function fitBytes(text: string, max: number): string {
  let out = '';
  let size = 0;
  for (const char of text) {
    const bytes = Buffer.byteLength(char);
    if (size + bytes > max) break;
    out += char;
    size += bytes;
  }
  return out;
}

export function safeFileName(name: string): string {
  const cleaned = replaceControlCharacters(name, '_')
    .normalize('NFC')
    .replace(/[\\/:*?"<>|]+/g, '_')
    .replace(/^\.+/, '')
    .trim();
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  const stem = extension ? cleaned.slice(0, dot) : cleaned;
  const short =
    Buffer.byteLength(cleaned) <= MAX_NAME_BYTES ? cleaned : `${fitBytes(stem, MAX_NAME_BYTES - Buffer.byteLength(extension))}${extension}`;
  return short || 'certificate';
}

/** certs/<first 12 hex of the SHA-256>/<file name>: the same file is written once; names stay readable. */
export function attachmentRecord(attachment: StoredAttachment): AttachmentRecord {
  const fileName = safeFileName(attachment.fileName);
  const record: AttachmentRecord = { file: `certs/${attachment.sha256.slice(0, 12)}/${fileName}`, sha256: attachment.sha256 };
  return fileName === attachment.fileName ? record : { file: record.file, name: attachment.fileName, sha256: attachment.sha256 };
}

/** Builds the records document from the store, in store order, with every field docs/records-file.md names. */
export function buildRecordsDocument(store: Repositories): RecordsFileDocument {
  const overrides = store.ruleSetOverrides.all();
  const attachments = store.attachments.listAll();
  const attachmentsByCourse = groupBy(
    attachments.filter((a) => a.courseId),
    (a) => a.courseId,
  );
  const attachmentsByCard = groupBy(
    attachments.filter((a) => a.cprAedCardId),
    (a) => a.cprAedCardId,
  );
  const credentialsByPerson = groupBy(store.credentials.listAll(), (c) => c.personId);
  const coursesByPerson = groupBy(store.courses.listAll(), (a) => a.personId);
  const cardsByPerson = groupBy(store.cprAedCards.listAll(), (k) => k.personId);

  const people: PersonInFile[] = store.people.listInStoreOrder().map((person) => {
    const credentials: CredentialRecord[] = (credentialsByPerson.get(person.id) ?? []).map((c) => ({
      id: c.id,
      ruleSet: c.ruleSet,
      ...(c.number ? { number: c.number } : {}),
      expires: c.expires,
      ...(c.cycleStart ? { cycleStart: c.cycleStart } : {}),
      ...(c.certified ? { certified: c.certified } : {}),
      ...(c.applicationSubmitted
        ? { application: { submitted: c.applicationSubmitted, ...(c.applicationAccepted ? { accepted: c.applicationAccepted } : {}) } }
        : {}),
      ...(c.auditNoticeReceived
        ? { audit: { noticeReceived: c.auditNoticeReceived, ...(c.documentsSent ? { documentsSent: c.documentsSent } : {}) } }
        : {}),
    }));
    const courses: CourseRecord[] = (coursesByPerson.get(person.id) ?? []).map((a) => {
      const files = (attachmentsByCourse.get(a.id) ?? []).map(attachmentRecord);
      return {
        id: a.id,
        title: a.title,
        provider: a.provider,
        approval: a.approval,
        ...(a.approvalCode ? { approvalCode: a.approvalCode } : {}),
        completed: a.completed,
        ...(a.ceus !== null ? { ceus: a.ceus } : { contactHours: a.contactHours ?? 0 }),
        ...(a.petition
          ? {
              petition: {
                status: a.petition.status,
                ...(a.petition.filed ? { filed: a.petition.filed } : {}),
                ...(a.petition.decided ? { decided: a.petition.decided } : {}),
              },
            }
          : {}),
        ...(a.category ? { category: a.category } : {}),
        credentials: a.credentialIds,
        ...(files.length > 0 ? { attachments: files } : {}),
      };
    });
    const cprAed: CardRecord[] = (cardsByPerson.get(person.id) ?? []).map((k) => {
      const files = (attachmentsByCard.get(k.id) ?? []).map(attachmentRecord);
      return {
        id: k.id,
        provider: k.provider,
        completed: k.completed,
        expires: k.expires,
        adultCpr: k.adultCpr,
        aed: k.aed,
        handsOn: k.handsOn,
        ...(files.length > 0 ? { attachments: files } : {}),
      };
    });
    return {
      id: person.id,
      name: person.name,
      ...(person.email ? { email: person.email } : {}),
      ...(person.employeeId ? { employeeId: person.employeeId } : {}),
      ...(person.active ? {} : { active: false }),
      credentials,
      activities: courses,
      cprAed,
    };
  });

  return { format: RECORDS_FORMAT, ...(Object.keys(overrides).length > 0 ? { ruleSetOverrides: overrides } : {}), people };
}

export interface ExportSummary {
  people: number;
  certificateFiles: number;
}

/** Writes the records file and the certificate files beside it (each file atomically; certificates first). */
export function exportRecords(store: Repositories, files: ContentStore, outFile: string): ExportSummary {
  const document = buildRecordsDocument(store);
  const folder = dirname(outFile);
  const written = new Set<string>();
  const shaByPath = new Map<string, string>();
  for (const attachment of store.attachments.listAll()) shaByPath.set(attachmentRecord(attachment).file, attachment.sha256);
  for (const [path, sha256] of shaByPath) {
    const target = join(folder, path);
    mkdirSync(dirname(target), { recursive: true });
    if (!existsSync(target)) writeFileAtomic(target, files.read(sha256));
    written.add(path);
  }
  mkdirSync(folder, { recursive: true });
  writeFileAtomic(outFile, `${JSON.stringify(document, null, 2)}\n`);
  return { people: document.people.length, certificateFiles: written.size };
}

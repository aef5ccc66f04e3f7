// The app's intake inbox: certificates read one by one on this computer, each kept with what was read
// until it is filed (all chosen at once, one transaction, files attached) or dismissed. Every
// proposal is made again from the store as it is now, so a course filed meanwhile makes the next
// file a possible duplicate; the words of every status come from here, never from the screen.
import { writes } from './writes';
import { join } from 'node:path';
import { contentStore } from '../attachments/file-store';
import { formatDate } from '../dates';
import { count } from '../domain/plural';
import type { IntakeCorrection, InboxFiled, InboxItem, InboxView } from '../domain/intake';
import type { ScannedFields } from '../domain/scan';
import { invalid, notFound } from '../errors';
import { newId } from '../ids';
import { fileAccepted, type Accepted } from '../intake/apply';
import { INBOX_FOLDER } from '../intake/keep';
import { propose, type Pending, type Proposal } from '../intake/propose';
import { readIntakeBytes } from '../intake/read';
import type { InboxRow } from '../store/intake-inbox';
import type { ServiceContext } from './context';

const STEPS: Record<string, string> = {
  'recognizing text': 'Recognising text',
  'loading language traineddata': 'Loading the English model',
};

const STATUS_TEXT: Record<InboxItem['status'], string> = {
  proposed: 'Check before filing',
  applied: 'Filed',
  'already-attached': 'Already attached',
  'possible-duplicate': 'Possible duplicate',
  unmatched: 'Choose the person',
  unreadable: 'Could not be read',
  skipped: 'Not a certificate',
};

function documentText(proposal: Proposal): string {
  const { document } = proposal.report;
  if (document === 'course-certificate') return 'Course certificate';
  if (document === 'cpr-aed-card') return 'CPR/AED card';
  if (document === 'transcript') return `Transcript of ${count(proposal.report.records.length, 'course', 'courses')}`;
  return proposal.report.status === 'unreadable' ? 'Unreadable file' : 'Not a certificate';
}

function recordLine(kind: 'course' | 'cpr-aed-card', f: ScannedFields): string {
  const parts =
    kind === 'course'
      ? [
          f.title?.value ?? 'no title',
          f.provider?.value ?? 'no provider',
          f.completed ? formatDate(f.completed.value) : 'no date',
          f.ceus ? `${f.ceus.value} CEUs` : f.contactHours ? `${f.contactHours.value} h` : 'no CEUs',
        ]
      : [
          f.provider?.value ?? 'no provider',
          f.completed ? `completed ${formatDate(f.completed.value)}` : 'no completion date',
          f.expires ? `expires ${formatDate(f.expires.value)}` : 'no expiration date',
        ];
  return parts.join(', ');
}

export function intakeService(ctx: ServiceContext) {
  const { store } = ctx;
  const inboxFiles = contentStore(join(ctx.dataDir, INBOX_FOLDER));
  let progress: { text: string | null } = { text: null };

  function proposeAll(): { row: InboxRow; proposal: Proposal }[] {
    const pending: Pending = new Map();
    return store.inbox.list().map((row) => ({
      row,
      proposal: propose(row.read, { store, today: ctx.today(), correction: row.correction ?? undefined, pending }),
    }));
  }

  function itemView(row: InboxRow, proposal: Proposal): InboxItem {
    const { report } = proposal;
    const person = report.person ? store.people.get(report.person) : undefined;
    // A backup holds the records, not the inbox's waiting files: after a restore (or a folder cleaned
    // by hand) a row can outlive its file, and is then shown for what it is, never offered to file.
    const fileGone = row.read.kind === 'read' && row.sha256 !== null && !inboxFiles.has(row.sha256);
    const canFile = !fileGone && proposal.planned.length > 0 && (report.status === 'proposed' || report.status === 'possible-duplicate');
    const sure = !fileGone && proposal.sure && report.status === 'proposed';
    const single = report.records.length === 1 ? report.records[0] : undefined;
    const duplicate = report.duplicateOf ? (store.courses.get(report.duplicateOf) ?? store.cprAedCards.get(report.duplicateOf)) : undefined;
    return {
      id: row.id,
      fileName: row.fileName,
      status: report.status,
      documentText: documentText(proposal),
      statusText: fileGone ? 'File missing' : sure ? 'Ready to file' : STATUS_TEXT[report.status],
      notes: [
        ...(fileGone
          ? [
              `${row.fileName} is no longer in the inbox's folder (a backup restores the records, not the files waiting here): add it again, or dismiss it.`,
            ]
          : []),
        ...(report.reason ? [report.reason, ...proposal.notes.filter((n) => n !== report.reason)] : proposal.notes),
      ],
      person: person ? { id: person.id, name: person.name } : null,
      matchText: report.match
        ? `Matched by ${report.match.by.replace('-', ' ')} (${Math.round(report.match.confidence * 100)} % sure)`
        : person && row.correction?.personId
          ? 'Chosen by you'
          : null,
      credentialIds: report.credentials,
      recordLines: report.records.map((r) => recordLine(r.kind, r.fields)),
      editable:
        single && report.document !== 'transcript'
          ? {
              kind: single.kind,
              title: single.fields.title?.value ?? '',
              provider: single.fields.provider?.value ?? '',
              completed: single.fields.completed?.value ?? '',
              ceus: single.fields.ceus?.value ?? null,
              contactHours: single.fields.contactHours?.value ?? null,
              expires: single.fields.expires?.value ?? '',
            }
          : null,
      canFile,
      sure,
      duplicateOf: duplicate
        ? {
            id: duplicate.id,
            kind: 'title' in duplicate ? ('course' as const) : ('cpr-aed-card' as const),
            text:
              'title' in duplicate
                ? `"${duplicate.title}" of ${formatDate(duplicate.completed)}`
                : `CPR/AED card of ${formatDate(duplicate.completed)}`,
          }
        : null,
    };
  }

  function view(): InboxView {
    const items = proposeAll().map(({ row, proposal }) => itemView(row, proposal));
    const ready = items.filter((i) => i.sure).length;
    const check = items.filter((i) => !i.sure && (i.canFile || i.status === 'unmatched' || i.status === 'proposed')).length;
    const others = items.length - ready - check;
    const summaryText =
      items.length === 0
        ? 'The inbox is empty.'
        : `${count(items.length, 'file', 'files')} in the inbox: ${ready} ready to file, ${check} to check${others > 0 ? `, ${others} not to file (dismiss ${others === 1 ? 'it' : 'them'})` : ''}.`;
    const rules = ctx.rules();
    const people = store.people.list().map((p) => ({
      id: p.id,
      name: p.name,
      credentials: store.credentials.listByPerson(p.id).map((c) => ({
        id: c.id,
        label: `${rules.get(c.ruleSet)?.credential ?? c.ruleSet}${c.number ? ` ${c.number}` : ''}`,
      })),
    }));
    return { items, summaryText, people };
  }

  function requireRow(id: string, field: string): InboxRow {
    const row = store.inbox.get(id);
    if (!row) throw notFound(field, 'file in the inbox', id);
    return row;
  }
  function releaseInboxFiles(hashes: Iterable<string | null>): void {
    for (const sha256 of new Set(hashes)) if (sha256 && store.inbox.referencesTo(sha256) === 0) inboxFiles.remove(sha256);
  }

  return {
    getInbox: (): InboxView => view(),
    getIntakeProgress: () => progress,
    /** Reads one file on this computer into the inbox; nothing is filed. */
    readIntoInbox: writes(
      async ({
        fileName,
        contentBase64,
        personId,
      }: {
        fileName: string;
        contentBase64: string;
        personId?: string | undefined;
      }): Promise<InboxItem> => {
        if (personId !== undefined) ctx.requirePerson(personId, 'personId');
        const bytes = Buffer.from(contentBase64, 'base64');
        let read;
        try {
          read = await readIntakeBytes(fileName, bytes, {
            isStored: (sha) => store.attachments.findBySha(sha) !== undefined,
            onProgress: ({ status, progress: done }) => {
              progress = { text: `${STEPS[status] ?? 'Reading the photo'}… ${Math.round(done * 100)} %` };
            },
          });
        } finally {
          progress = { text: null };
        }
        // Not a certificate type, or empty: nothing to keep, said at once in the list of files not added.
        if (read.kind !== 'read' && read.kind !== 'stored' && read.sha256 === null) {
          throw invalid('contentBase64', `${fileName} was not added: ${read.reason}`);
        }
        const row: InboxRow = { id: newId('in'), fileName, sha256: read.sha256, added: ctx.now().toISOString(), read, correction: null };
        // Read on the trainer's own Courses: a file that names no one known is taken to be theirs.
        if (personId !== undefined && propose(read, { store, today: ctx.today() }).report.status === 'unmatched') {
          row.correction = { personId };
        }
        if (read.kind === 'read') inboxFiles.put(bytes);
        ctx.write(() => store.inbox.insert(row));
        const found = proposeAll().find((p) => p.row.id === row.id);
        if (!found) throw new Error('the file just added is not in the inbox');
        return itemView(found.row, found.proposal);
      },
    ),
    /** Fixes or reassigns one file: each given field replaces what was read. */
    correctInboxItem: writes(({ id, correction }: { id: string; correction: IntakeCorrection }): InboxView => {
      const row = requireRow(id, 'id');
      if (correction.personId) ctx.requirePerson(correction.personId, 'correction.personId');
      const personId = correction.personId ?? row.correction?.personId;
      for (const [i, credentialId] of (correction.credentialIds ?? []).entries()) {
        const credential = store.credentials.get(credentialId);
        if (!credential || credential.personId !== personId)
          throw notFound(`correction.credentialIds[${i}]`, 'credential of this person', credentialId);
      }
      // A new person: the credentials chosen for the one before are not theirs.
      const merged: IntakeCorrection = { ...row.correction, ...correction };
      if (correction.personId !== undefined && correction.personId !== row.correction?.personId && correction.credentialIds === undefined) {
        delete merged.credentialIds;
      }
      ctx.write(() => store.inbox.correct(id, merged));
      return view();
    }),
    /** Files the chosen files together: every course and card with its file, in one transaction. */
    fileInboxItems: writes(({ ids }: { ids: string[] }): InboxFiled => {
      const all = new Map(proposeAll().map((p) => [p.row.id, p]));
      const chosen = [...new Set(ids)].map((id, i) => {
        const found = all.get(id);
        if (!found) throw notFound(`ids[${i}]`, 'file in the inbox', id);
        const { row, proposal } = found;
        const item = itemView(row, proposal);
        if (!item.canFile || row.read.kind !== 'read' || !proposal.mediaType) {
          throw invalid(`ids[${i}]`, `${row.fileName} cannot be filed yet: ${item.notes[0] ?? item.statusText}`);
        }
        return { row, proposal, mediaType: proposal.mediaType };
      });
      if (chosen.length === 0) throw invalid('ids', 'choose at least one file to file');
      const accepted: Accepted[] = chosen.map(({ row, proposal, mediaType }) => ({
        fileName: row.fileName,
        sha256: row.sha256 ?? '',
        mediaType,
        size: proposal.size,
        bytes: () => inboxFiles.read(row.sha256 ?? ''),
        planned: proposal.planned,
      }));
      const filed = fileAccepted(accepted, store, ctx.files, ctx.write, ctx.releaseFiles, () => {
        for (const { row } of chosen) store.inbox.delete(row.id);
      });
      releaseInboxFiles(chosen.map((c) => c.row.sha256));
      const what = [
        filed.courses > 0 ? count(filed.courses, 'course', 'courses') : null,
        filed.cards > 0 ? count(filed.cards, 'CPR/AED card', 'CPR/AED cards') : null,
      ].filter((w): w is string => w !== null);
      return {
        view: view(),
        text: `Filed ${count(chosen.length, 'file', 'files')}: ${what.join(' and ')}, each with its certificate attached.`,
      };
    }),
    /** Takes files out of the inbox without filing them. */
    dismissInboxItems: writes(({ ids }: { ids: string[] }): InboxView => {
      const rows = [...new Set(ids)].map((id, i) => requireRow(id, `ids[${i}]`));
      ctx.write(() => {
        for (const row of rows) store.inbox.delete(row.id);
      });
      releaseInboxFiles(rows.map((r) => r.sha256));
      return view();
    }),
  };
}

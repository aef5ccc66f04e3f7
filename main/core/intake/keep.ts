// A stack read by `recert intake`: the files it could not file on its own (not sure enough, no one
// matched, maybe a duplicate) wait in the app's certificate inbox, where a person can look at each,
// fix or reassign it and file it. Files already waiting there are not added twice.
import { join } from 'node:path';
import { contentStore } from '../attachments/file-store';
import type { IntakeRead } from '../domain/intake';
import { newId } from '../ids';
import type { Repositories } from '../store';
import type { InboxRow } from '../store/intake-inbox';
import type { Proposal } from './propose';
import { readCertificateFile } from '../scan/bounds';

/** Where inbox files wait in the data folder, by content, apart from the attachments. */
export const INBOX_FOLDER = 'inbox';

/** The statuses a look can settle: a wrong reading, the person to choose, a duplicate to confirm. */
const REVIEWABLE = new Set(['proposed', 'unmatched', 'possible-duplicate']);

export interface KeepOptions {
  store: Repositories;
  dataDir: string;
  now: Date;
  write: <T>(change: () => T) => T;
}

export interface ReadFile {
  /** Where the file is on disk. */
  path: string;
  read: IntakeRead;
  proposal: Proposal;
}

/** Puts every reviewable file into the inbox (one transaction) and marks its report `inInbox`. */
export function keepForReview(files: readonly ReadFile[], options: KeepOptions): number {
  const { store } = options;
  const inboxFiles = contentStore(join(options.dataDir, INBOX_FOLDER));
  const waiting = new Set(store.inbox.list().map((row) => row.sha256));
  const rows: InboxRow[] = [];
  for (const { path, read, proposal } of files) {
    if (read.kind !== 'read' || !REVIEWABLE.has(proposal.report.status)) continue;
    if (!waiting.has(read.sha256)) {
      // The file first (written whole under its hash), then the rows that name it, together: a crash
      // between the two leaves an unused file in inbox/, never a row whose file is missing. A file
      // changed since it was read is left where it is: what was read is not what would be kept.
      let bytes: Buffer;
      try {
        bytes = readCertificateFile(path);
      } catch {
        continue;
      }
      if (inboxFiles.put(bytes) !== read.sha256) continue;
      waiting.add(read.sha256);
      rows.push({ id: newId('in'), fileName: read.file, sha256: read.sha256, added: options.now.toISOString(), read, correction: null });
    }
    proposal.report.inInbox = true;
  }
  options.write(() => {
    for (const row of rows) store.inbox.insert(row);
  });
  return rows.length;
}

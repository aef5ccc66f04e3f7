// Filing accepted proposals: every file is stored by content first (a file stored twice is kept
// once), then every course, card and attachment is written in ONE transaction, so an intake is filed
// whole or not at all. Should the transaction fail, the files it would have used are released again.
import type { ContentStore } from '../attachments/file-store';
import type { AttachmentMediaType, StoredAttachment } from '../domain/records';
import { newId } from '../ids';
import type { Repositories } from '../store';
import type { PlannedRecord } from './propose';

export interface Accepted {
  fileName: string;
  sha256: string;
  mediaType: AttachmentMediaType;
  size: number;
  /** The file's bytes, read only now: nothing is stored for a file until it is accepted. */
  bytes: () => Uint8Array;
  planned: PlannedRecord[];
}

export interface Filed {
  /** The new records' ids, per accepted file, in the order of its planned records. */
  ids: string[][];
  courses: number;
  cards: number;
}

export function fileAccepted(
  accepted: readonly Accepted[],
  store: Repositories,
  files: ContentStore,
  write: <T>(change: () => T) => T,
  release: (hashes: Iterable<string>) => void,
  /** More of the same write, inside its transaction (the inbox rows filed are removed with it). */
  alsoInside: () => void = () => undefined,
): Filed {
  const stored: string[] = [];
  try {
    for (const item of accepted) {
      const sha256 = files.put(item.bytes());
      stored.push(sha256);
      if (sha256 !== item.sha256) throw new Error(`${item.fileName} changed after it was read: read it again`);
    }
    return write(() => {
      const ids: string[][] = [];
      let courses = 0;
      let cards = 0;
      for (const item of accepted) {
        const own: string[] = [];
        for (const record of item.planned) {
          const attachment: Omit<StoredAttachment, 'courseId' | 'cprAedCardId'> = {
            id: newId('f'),
            sha256: item.sha256,
            fileName: item.fileName,
            mediaType: item.mediaType,
            size: item.size,
          };
          if (record.kind === 'course') {
            const id = newId('a');
            store.courses.insert({ ...record.course, id });
            store.attachments.insert({ ...attachment, courseId: id, cprAedCardId: null });
            own.push(id);
            courses += 1;
          } else {
            const id = newId('k');
            store.cprAedCards.insert({ ...record.card, id });
            store.attachments.insert({ ...attachment, courseId: null, cprAedCardId: id });
            own.push(id);
            cards += 1;
          }
        }
        ids.push(own);
      }
      alsoInside();
      return { ids, courses, cards };
    });
  } catch (error) {
    release(stored);
    throw error;
  }
}

import type { StoredAttachment } from '../domain/records';
import type { Db } from './open';

interface AttachmentRow {
  id: string;
  sha256: string;
  file_name: string;
  media_type: StoredAttachment['mediaType'];
  size: number;
  activity_id: string | null;
  cpr_aed_card_id: string | null;
}

function toAttachment(row: AttachmentRow): StoredAttachment {
  return {
    id: row.id,
    sha256: row.sha256,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: row.size,
    courseId: row.activity_id,
    cprAedCardId: row.cpr_aed_card_id,
  };
}

export function attachmentsRepository(db: Db) {
  const byCourse = db.prepare<[string], AttachmentRow>('SELECT * FROM attachments WHERE activity_id = ? ORDER BY rowid');
  const byCard = db.prepare<[string], AttachmentRow>('SELECT * FROM attachments WHERE cpr_aed_card_id = ? ORDER BY rowid');
  const all = db.prepare<[], AttachmentRow>('SELECT * FROM attachments ORDER BY rowid');
  const byId = db.prepare<[string], AttachmentRow>('SELECT * FROM attachments WHERE id = ?');
  const firstBySha = db.prepare<[string], AttachmentRow>('SELECT * FROM attachments WHERE sha256 = ? ORDER BY rowid LIMIT 1');
  const bySha = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM attachments WHERE sha256 = ?');
  const cardsWithFiles = db.prepare<[], { id: string }>(
    'SELECT DISTINCT cpr_aed_card_id AS id FROM attachments WHERE cpr_aed_card_id IS NOT NULL',
  );
  const countsOfPerson = db.prepare<[string, string], { owner: string; n: number }>(
    `SELECT f.activity_id AS owner, count(*) AS n FROM activities a JOIN attachments f ON f.activity_id = a.id WHERE a.person_id = ? GROUP BY f.activity_id
     UNION ALL
     SELECT f.cpr_aed_card_id AS owner, count(*) AS n FROM cpr_aed_cards k JOIN attachments f ON f.cpr_aed_card_id = k.id WHERE k.person_id = ? GROUP BY f.cpr_aed_card_id`,
  );
  const countsOfCourses = db
    .prepare<[string], [string, number]>(
      'SELECT activity_id, count(*) FROM attachments WHERE activity_id IN (SELECT value FROM json_each(?)) GROUP BY activity_id',
    )
    .raw(true);
  const insert = db.prepare(`INSERT INTO attachments (id, sha256, file_name, media_type, size, activity_id, cpr_aed_card_id)
    VALUES (@id, @sha256, @fileName, @mediaType, @size, @courseId, @cprAedCardId)`);
  const remove = db.prepare<[string]>('DELETE FROM attachments WHERE id = ?');

  return {
    listByCourse(courseId: string): StoredAttachment[] {
      return byCourse.all(courseId).map(toAttachment);
    },
    listByCard(cardId: string): StoredAttachment[] {
      return byCard.all(cardId).map(toAttachment);
    },
    listAll(): StoredAttachment[] {
      return all.all().map(toAttachment);
    },
    get(id: string): StoredAttachment | undefined {
      const row = byId.get(id);
      return row ? toAttachment(row) : undefined;
    },
    /** The first attachment of this file, if any course or card has it. */
    findBySha(sha256: string): StoredAttachment | undefined {
      const row = firstBySha.get(sha256);
      return row ? toAttachment(row) : undefined;
    },
    /** How many rows still point at a stored file: 0 means the file may be removed. */
    referencesTo(sha256: string): number {
      return bySha.get(sha256)?.n ?? 0;
    },
    /** Which CPR/AED cards have at least one photo or scan (everyone's, or one person's). */
    cardsWithCertificates(): Set<string> {
      return new Set(cardsWithFiles.all().map((r) => r.id));
    },
    /** How many files each of a person's courses and cards has (those with none are absent). */
    countsOfPerson(personId: string): Map<string, number> {
      return new Map(countsOfPerson.all(personId, personId).map((r) => [r.owner, r.n]));
    },
    /** How many files each of these courses has (those with none are absent): one page of the course log. */
    countsOfCourses(courseIds: readonly string[]): Map<string, number> {
      return new Map(countsOfCourses.all(JSON.stringify(courseIds)));
    },
    insert(attachment: StoredAttachment): void {
      insert.run(attachment);
    },
    delete(id: string): boolean {
      return remove.run(id).changes > 0;
    },
  };
}

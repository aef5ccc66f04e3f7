import type { IntakeCorrection, IntakeRead } from '../domain/intake';
import type { Db } from './open';

export interface InboxRow {
  id: string;
  fileName: string;
  sha256: string | null;
  added: string;
  read: IntakeRead;
  correction: IntakeCorrection | null;
}

interface Row {
  id: string;
  file_name: string;
  sha256: string | null;
  added: string;
  read: string;
  correction: string | null;
}

const toRow = (row: Row): InboxRow => ({
  id: row.id,
  fileName: row.file_name,
  sha256: row.sha256,
  added: row.added,
  read: JSON.parse(row.read) as IntakeRead,
  correction: row.correction === null ? null : (JSON.parse(row.correction) as IntakeCorrection),
});

export function inboxRepository(db: Db) {
  const all = db.prepare<[], Row>('SELECT * FROM intake_inbox ORDER BY rowid');
  const byId = db.prepare<[string], Row>('SELECT * FROM intake_inbox WHERE id = ?');
  const bySha = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM intake_inbox WHERE sha256 = ?');
  const insert = db.prepare(
    'INSERT INTO intake_inbox (id, file_name, sha256, added, read, correction) VALUES (@id, @fileName, @sha256, @added, @read, @correction)',
  );
  const setCorrection = db.prepare<[string | null, string]>('UPDATE intake_inbox SET correction = ? WHERE id = ?');
  const remove = db.prepare<[string]>('DELETE FROM intake_inbox WHERE id = ?');
  return {
    list(): InboxRow[] {
      return all.all().map(toRow);
    },
    get(id: string): InboxRow | undefined {
      const row = byId.get(id);
      return row ? toRow(row) : undefined;
    },
    /** How many inbox rows keep this file: 0 means its copy in inbox/ may go. */
    referencesTo(sha256: string): number {
      return bySha.get(sha256)?.n ?? 0;
    },
    insert(row: InboxRow): void {
      insert.run({ ...row, read: JSON.stringify(row.read), correction: row.correction ? JSON.stringify(row.correction) : null });
    },
    correct(id: string, correction: IntakeCorrection | null): void {
      setCorrection.run(correction ? JSON.stringify(correction) : null, id);
    },
    delete(id: string): boolean {
      return remove.run(id).changes > 0;
    },
  };
}

import type { Credential } from '../domain/records';
import type { Db } from './open';

interface CredentialRow {
  id: string;
  person_id: string;
  rule_set: string;
  number: string | null;
  expires: string;
  cycle_start: string | null;
  certified: string | null;
  application_submitted: string | null;
  application_accepted: string | null;
  audit_notice_received: string | null;
  documents_sent: string | null;
}

function toCredential(row: CredentialRow): Credential {
  return {
    id: row.id,
    personId: row.person_id,
    ruleSet: row.rule_set,
    number: row.number,
    expires: row.expires,
    cycleStart: row.cycle_start,
    certified: row.certified,
    applicationSubmitted: row.application_submitted,
    applicationAccepted: row.application_accepted,
    auditNoticeReceived: row.audit_notice_received,
    documentsSent: row.documents_sent,
  };
}

const COLUMNS = `id, person_id, rule_set, number, expires, cycle_start, certified, application_submitted,
  application_accepted, audit_notice_received, documents_sent`;
const VALUES = `@id, @personId, @ruleSet, @number, @expires, @cycleStart, @certified, @applicationSubmitted,
  @applicationAccepted, @auditNoticeReceived, @documentsSent`;

export function credentialsRepository(db: Db) {
  const byPerson = db.prepare<[string], CredentialRow>(`SELECT ${COLUMNS} FROM credentials WHERE person_id = ? ORDER BY rowid`);
  const all = db.prepare<[], CredentialRow>(`SELECT ${COLUMNS} FROM credentials ORDER BY rowid`);
  const byId = db.prepare<[string], CredentialRow>(`SELECT ${COLUMNS} FROM credentials WHERE id = ?`);
  const insert = db.prepare(`INSERT INTO credentials (${COLUMNS}) VALUES (${VALUES})`);
  const update = db.prepare(`UPDATE credentials SET rule_set = @ruleSet, number = @number, expires = @expires,
    cycle_start = @cycleStart, certified = @certified, application_submitted = @applicationSubmitted, application_accepted = @applicationAccepted,
    audit_notice_received = @auditNoticeReceived, documents_sent = @documentsSent WHERE id = @id`);
  const remove = db.prepare<[string]>('DELETE FROM credentials WHERE id = ?');

  return {
    listByPerson(personId: string): Credential[] {
      return byPerson.all(personId).map(toCredential);
    },
    listAll(): Credential[] {
      return all.all().map(toCredential);
    },
    get(id: string): Credential | undefined {
      const row = byId.get(id);
      return row ? toCredential(row) : undefined;
    },
    insert(credential: Credential): void {
      insert.run(credential);
    },
    update(credential: Credential): void {
      update.run(credential);
    },
    delete(id: string): boolean {
      return remove.run(id).changes > 0;
    },
  };
}

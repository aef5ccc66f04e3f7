// The records as the sync engine sees them: a row's data read from its table, the versions kept in
// sync_records, and storing a record's shown version back into its table ("materialising" it).
import type { Db } from '../store';
import { CREDENTIAL_IDS, KINDS, parentOf, recordKinds, type RecordKind } from './kinds';
import { isConflict, sortVersions, type RecordData, type Version } from './versions';

export interface KeptRecord {
  kind: RecordKind;
  id: string;
  person: string | null;
  versions: Version[];
}

interface KeptRow {
  kind: RecordKind;
  id: string;
  person: string | null;
  versions: string;
}

/** Why a record's shown version is not in its table yet. */
export type WaitingReason = 'parent' | 'file' | 'credential' | 'rejected';

export function recordStore(db: Db, hasFile: (sha256: string) => boolean) {
  const columns = new Map<RecordKind, string[]>();
  for (const kind of recordKinds) {
    const info = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${KINDS[kind].table}')`).all();
    columns.set(
      kind,
      info.map((c) => c.name),
    );
  }
  const rowOf = new Map(
    recordKinds.map((kind) => [kind, db.prepare<[string], Record<string, unknown>>(`SELECT * FROM ${KINDS[kind].table} WHERE id = ?`)]),
  );
  const exists = new Map(
    recordKinds.map((kind) => [
      kind,
      db.prepare<[string], number>(`SELECT EXISTS (SELECT 1 FROM ${KINDS[kind].table} WHERE id = ?)`).pluck(),
    ]),
  );
  const linksOf = db
    .prepare<[string], string>('SELECT credential_id FROM activity_credentials WHERE activity_id = ? ORDER BY credential_id')
    .pluck();
  const credentialOwner = db.prepare<[string], string>('SELECT person_id FROM credentials WHERE id = ?').pluck();
  const link = db.prepare<[string, string]>('INSERT OR IGNORE INTO activity_credentials (activity_id, credential_id) VALUES (?, ?)');
  const unlink = db.prepare<[string, string]>('DELETE FROM activity_credentials WHERE activity_id = ? AND credential_id = ?');
  const personOfCourse = db.prepare<[string], string>('SELECT person_id FROM activities WHERE id = ?').pluck();
  const personOfCard = db.prepare<[string], string>('SELECT person_id FROM cpr_aed_cards WHERE id = ?').pluck();

  const getKept = db.prepare<[string, string], KeptRow>('SELECT kind, id, person, versions FROM sync_records WHERE kind = ? AND id = ?');
  const putKept = db.prepare(
    `INSERT INTO sync_records (kind, id, person, parent_kind, parent_id, versions, conflicted)
     VALUES (@kind, @id, @person, @parentKind, @parentId, @versions, @conflicted)
     ON CONFLICT (kind, id) DO UPDATE SET person = excluded.person, parent_kind = excluded.parent_kind,
       parent_id = excluded.parent_id, versions = excluded.versions, conflicted = excluded.conflicted`,
  );
  const childrenOf = db.prepare<[string, string], { kind: RecordKind; id: string }>(
    'SELECT kind, id FROM sync_records WHERE parent_id = ? AND parent_kind = ?',
  );
  const wait = db.prepare<[string, string, string]>(
    'INSERT INTO sync_waiting (kind, id, reason) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET reason = excluded.reason',
  );
  const unwait = db.prepare<[string, string]>('DELETE FROM sync_waiting WHERE kind = ? AND id = ?');
  const upserts = new Map<string, ReturnType<Db['prepare']>>();
  type Statement = ReturnType<Db['prepare']>;
  const deletes = new Map(recordKinds.map((kind) => [kind, db.prepare<[string]>(`DELETE FROM ${KINDS[kind].table} WHERE id = ?`)]));

  function upsertFor(kind: RecordKind, keys: string[]) {
    const cacheKey = `${kind}:${keys.join(',')}`;
    let statement = upserts.get(cacheKey);
    if (!statement) {
      const quoted = keys.map((k) => `"${k}"`);
      const update = keys.length > 0 ? `DO UPDATE SET ${quoted.map((q) => `${q} = excluded.${q}`).join(', ')}` : 'DO NOTHING';
      statement = db.prepare(
        `INSERT INTO ${KINDS[kind].table} (id${quoted.map((q) => `, ${q}`).join('')}) VALUES (?${keys.map(() => ', ?').join('')})
         ON CONFLICT (id) ${update}`,
      );
      upserts.set(cacheKey, statement);
    }
    return statement;
  }

  /** The record's data as its table holds it now, or null when it is not there. */
  function currentData(kind: RecordKind, id: string): RecordData {
    const row = rowOf.get(kind)?.get(id);
    if (!row) return null;
    const data: Record<string, unknown> = { ...row };
    delete data.id;
    if (kind === 'course') data[CREDENTIAL_IDS] = linksOf.all(id);
    return data;
  }

  /** Whose record this is (a certificate file is its course's or card's person's). */
  function personOf(kind: RecordKind, id: string, data: RecordData): string | null {
    if (kind === 'person') return id;
    if (!data) return null;
    if (typeof data.person_id === 'string') return data.person_id;
    if (kind === 'attachment') {
      if (typeof data.activity_id === 'string')
        return personOfCourse.get(data.activity_id) ?? getKept.get('course', data.activity_id)?.person ?? null;
      if (typeof data.cpr_aed_card_id === 'string')
        return personOfCard.get(data.cpr_aed_card_id) ?? getKept.get('card', data.cpr_aed_card_id)?.person ?? null;
    }
    return null;
  }

  function kept(kind: RecordKind, id: string): KeptRecord | undefined {
    const row = getKept.get(kind, id);
    return row ? { ...row, versions: JSON.parse(row.versions) as Version[] } : undefined;
  }

  function keep(record: KeptRecord): void {
    const shown = record.versions.find((v) => v.data !== null)?.data ?? null;
    const parent = shown ? parentOf(record.kind, shown) : null;
    putKept.run({
      kind: record.kind,
      id: record.id,
      person: record.person,
      parentKind: parent?.kind ?? null,
      parentId: parent?.id ?? null,
      versions: JSON.stringify(sortVersions(record.versions)),
      conflicted: isConflict(record.versions) ? 1 : 0,
    });
  }

  /**
   * Stores the shown version in its table (the caller runs it quietly, in a transaction). A
   * deletion removes the row (its children's rows go with it, by the schema's cascades; their
   * versions are kept and wait for the parent to return). Answers why it must wait, if it must.
   */
  function materialise(kind: RecordKind, id: string, data: RecordData): WaitingReason | null {
    unwait.run(kind, id);
    if (data === null) {
      if (deletes.get(kind)?.run(id).changes) {
        for (const child of childrenOf.all(id, kind)) wait.run(child.kind, child.id, 'parent');
      }
      return null;
    }
    const parent = parentOf(kind, data);
    if (KINDS[kind].parents.length > 0 && (!parent || !exists.get(parent.kind)?.get(parent.id))) {
      wait.run(kind, id, 'parent');
      return 'parent';
    }
    if (kind === 'attachment' && (typeof data.sha256 !== 'string' || !hasFile(data.sha256))) {
      wait.run(kind, id, 'file');
      return 'file';
    }
    const known = columns.get(kind) ?? [];
    const keys = known.filter((column) => column !== 'id' && column in data);
    const isNew = !exists.get(kind)?.get(id);
    try {
      // One statement: SQLite undoes a refused statement by itself (ABORT), the transaction goes on.
      (upsertFor(kind, keys) as Statement).run([id, ...keys.map((k) => data[k])]);
    } catch {
      // A version this schema refuses (a newer device's value): kept, and counted as waiting.
      wait.run(kind, id, 'rejected');
      return 'rejected';
    }
    // Records that waited for this one (or left with it when it was deleted) can now be stored.
    if (isNew && kind !== 'attachment') for (const child of childrenOf.all(id, kind)) wait.run(child.kind, child.id, 'parent');
    if (kind === 'course') return linkCredentials(id, data, isNew);
    return null;
  }

  function linkCredentials(id: string, data: Record<string, unknown>, isNew: boolean): WaitingReason | null {
    const wanted = Array.isArray(data[CREDENTIAL_IDS])
      ? (data[CREDENTIAL_IDS] as unknown[]).filter((x): x is string => typeof x === 'string')
      : [];
    // A course just stored has no links yet (they go with the course): one query fewer per course on a catch-up.
    const have = new Set(isNew ? [] : linksOf.all(id));
    let missing = false;
    for (const credential of wanted) {
      if (have.delete(credential)) continue;
      if (credentialOwner.get(credential) !== data.person_id) {
        // A credential deleted since is not waited for; one not yet arrived is.
        const credentialRecord = kept('credential', credential);
        if (!credentialRecord || credentialRecord.versions[0]?.data !== null) missing = true;
        continue;
      }
      link.run(id, credential);
    }
    for (const extra of have) unlink.run(id, extra);
    if (missing) {
      wait.run('course', id, 'credential');
      return 'credential';
    }
    return null;
  }

  const waitingRows = db.prepare<[], { kind: RecordKind; id: string; reason: WaitingReason }>('SELECT kind, id, reason FROM sync_waiting');
  const order = new Map(recordKinds.map((kind, i) => [kind, i]));
  const waitingSha = db
    .prepare<[], string>(
      "SELECT json_extract(r.versions, '$[0].data.sha256') FROM sync_waiting w JOIN sync_records r ON r.kind = w.kind AND r.id = w.id WHERE w.reason = 'file'",
    )
    .pluck();

  return {
    columns,
    currentData,
    personOf,
    kept,
    keep,
    materialise,
    /** Records waiting, parents' kinds first. */
    waiting(): { kind: RecordKind; id: string; reason: WaitingReason }[] {
      return waitingRows.all().sort((a, b) => (order.get(a.kind) ?? 0) - (order.get(b.kind) ?? 0) || a.id.localeCompare(b.id));
    },
    waitingSignature(): string {
      return waitingRows
        .all()
        .map((r) => `${r.kind}:${r.id}:${r.reason}`)
        .sort()
        .join('|');
    },
    unwait(kind: RecordKind, id: string): void {
      unwait.run(kind, id);
    },
    /** The certificate files that records wait for. */
    waitingFiles(): string[] {
      return waitingSha.all().filter((sha): sha is string => typeof sha === 'string');
    },
  };
}

export type RecordStore = ReturnType<typeof recordStore>;

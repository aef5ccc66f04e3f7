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

/**
 * The records a pass of `materialiseMany` need not mark waiting for a new parent, since its caller
 * stores them after it (in a later kind's pass); 'all' when every record kept is one of those (none
 * was kept before this sync), so that no children are looked up.
 */
export type StoredLater = ((kind: RecordKind, id: string) => boolean) | 'all';

/** Rows to one statement when many records are stored at once. */
const ROWS_PER_STATEMENT = 100;
/** Below this many rows a load keeps a table's indexes as it goes (counting the table would cost more). */
const BULK_LOAD_ROWS = 1000;

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
  const linksOf = db
    .prepare<[string], string>('SELECT credential_id FROM activity_credentials WHERE activity_id = ? ORDER BY credential_id')
    .pluck();
  const unlink = db.prepare<[string, string]>('DELETE FROM activity_credentials WHERE activity_id = ? AND credential_id = ?');
  const personOfCourse = db.prepare<[string], string>('SELECT person_id FROM activities WHERE id = ?').pluck();
  const personOfCard = db.prepare<[string], string>('SELECT person_id FROM cpr_aed_cards WHERE id = ?').pluck();

  type Statement = ReturnType<Db['prepare']>;
  const getKept = db.prepare<[string, string], KeptRow>('SELECT kind, id, person, versions FROM sync_records WHERE kind = ? AND id = ?');
  const keptAmong = db.prepare<[string, string], KeptRow>(
    'SELECT kind, id, person, versions FROM sync_records WHERE kind = ? AND id IN (SELECT value FROM json_each(?))',
  );
  const putKeptRows = statementsByRows(
    db,
    (values) =>
      `INSERT INTO sync_records (kind, id, person, parent_kind, parent_id, versions, conflicted) VALUES ${values('(?, ?, ?, ?, ?, ?, ?)')}
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
  const upserts = new Map<string, Statement>();
  const existingIn = new Map(
    recordKinds.map((kind) => [
      kind,
      db.prepare<[string], string>(`SELECT id FROM ${KINDS[kind].table} WHERE id IN (SELECT value FROM json_each(?))`).pluck(),
    ]),
  );
  const unwaitMany = db.prepare<[string, string]>('DELETE FROM sync_waiting WHERE kind = ? AND id IN (SELECT value FROM json_each(?))');
  const childrenAmong = db.prepare<[string, string], { kind: RecordKind; id: string }>(
    'SELECT kind, id FROM sync_records WHERE parent_kind = ? AND parent_id IN (SELECT value FROM json_each(?))',
  );
  const ownersAmong = db.prepare<[string], { id: string; person_id: string }>(
    'SELECT id, person_id FROM credentials WHERE id IN (SELECT value FROM json_each(?))',
  );
  const linkRows = statementsByRows(
    db,
    (values) => `INSERT OR IGNORE INTO activity_credentials (activity_id, credential_id) VALUES ${values('(?, ?)')}`,
  );
  const deletes = new Map(recordKinds.map((kind) => [kind, db.prepare<[string]>(`DELETE FROM ${KINDS[kind].table} WHERE id = ?`)]));

  function upsertFor(kind: RecordKind, keys: string[], rows: number): Statement {
    const cacheKey = `${kind}:${rows}:${keys.join(',')}`;
    let statement = upserts.get(cacheKey);
    if (!statement) {
      const quoted = keys.map((k) => `"${k}"`);
      const update = keys.length > 0 ? `DO UPDATE SET ${quoted.map((q) => `${q} = excluded.${q}`).join(', ')}` : 'DO NOTHING';
      const row = `(?${keys.map(() => ', ?').join('')})`;
      statement = db.prepare(
        `INSERT INTO ${KINDS[kind].table} (id${quoted.map((q) => `, ${q}`).join('')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}
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

  const anyKept = db.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM sync_records)').pluck();

  function kept(kind: RecordKind, id: string): KeptRecord | undefined {
    const row = getKept.get(kind, id);
    return row ? { ...row, versions: JSON.parse(row.versions) as Version[] } : undefined;
  }

  function keep(record: KeptRecord): void {
    keepMany([record]);
  }

  /** The kept records of these ids (of one kind), by id: one statement per chunk instead of one per record. */
  function keptMany(kind: RecordKind, ids: readonly string[]): Map<string, KeptRecord> {
    const found = new Map<string, KeptRecord>();
    for (let start = 0; start < ids.length; start += ROWS_PER_STATEMENT)
      for (const row of keptAmong.all(kind, JSON.stringify(ids.slice(start, start + ROWS_PER_STATEMENT))))
        found.set(row.id, { ...row, versions: JSON.parse(row.versions) as Version[] });
    return found;
  }

  /** Writes the records' versions, many to a statement (each record once). */
  function keepMany(records: readonly KeptRecord[]): void {
    for (let start = 0; start < records.length; start += ROWS_PER_STATEMENT) {
      const chunk = records.slice(start, start + ROWS_PER_STATEMENT);
      const values: unknown[] = [];
      for (const record of chunk) {
        const shown = record.versions.find((v) => v.data !== null)?.data ?? null;
        const parent = shown ? parentOf(record.kind, shown) : null;
        values.push(
          record.kind,
          record.id,
          record.person,
          parent?.kind ?? null,
          parent?.id ?? null,
          JSON.stringify(sortVersions(record.versions)),
          isConflict(record.versions) ? 1 : 0,
        );
      }
      putKeptRows(chunk.length).run(values);
    }
  }

  /**
   * Stores the shown version in its table (the caller runs it quietly, in a transaction). A
   * deletion removes the row (its children's rows go with it, by the schema's cascades; their
   * versions are kept and wait for the parent to return). Answers why it must wait, if it must.
   */
  function materialise(kind: RecordKind, id: string, data: RecordData): WaitingReason | null {
    return materialiseMany(kind, [{ id, data }]).get(id) ?? null;
  }

  /**
   * `materialise` for many records of one kind (ids distinct), a chunk of them to each statement:
   * a catch-up stores tens of thousands of records, and one call into SQLite per record and step
   * was most of its time. `later`: the records stored after these (see StoredLater). Answers why
   * each record that must wait waits.
   */
  function materialiseMany(
    kind: RecordKind,
    items: readonly { id: string; data: RecordData }[],
    later?: StoredLater,
  ): Map<string, WaitingReason> {
    const waits = new Map<string, WaitingReason>();
    for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT)
      materialiseChunk(kind, items.slice(start, start + ROWS_PER_STATEMENT), later, waits);
    return waits;
  }

  function materialiseChunk(
    kind: RecordKind,
    items: readonly { id: string; data: RecordData }[],
    later: StoredLater | undefined,
    waits: Map<string, WaitingReason>,
  ): void {
    const waitFor = (id: string, reason: WaitingReason) => {
      wait.run(kind, id, reason);
      waits.set(id, reason);
    };
    const ids = items.map((item) => item.id);
    unwaitMany.run(kind, JSON.stringify(ids));
    const existing = existingAmong(kind, ids);
    const parentsThere = new Set<string>();
    if (KINDS[kind].parents.length > 0) {
      const wanted = new Map<RecordKind, Set<string>>();
      for (const { data } of items) {
        const parent = data ? parentOf(kind, data) : null;
        if (parent) wanted.set(parent.kind, (wanted.get(parent.kind) ?? new Set()).add(parent.id));
      }
      for (const [parentKind, parentIds] of wanted)
        for (const parentId of existingAmong(parentKind, [...parentIds])) parentsThere.add(`${parentKind}:${parentId}`);
    }
    const storable: { id: string; data: Record<string, unknown> }[] = [];
    for (const { id, data } of items) {
      if (data === null) {
        if (existing.has(id) && deletes.get(kind)?.run(id).changes) {
          for (const child of childrenOf.all(id, kind)) wait.run(child.kind, child.id, 'parent');
        }
        continue;
      }
      const parent = parentOf(kind, data);
      if (KINDS[kind].parents.length > 0 && (!parent || !parentsThere.has(`${parent.kind}:${parent.id}`))) {
        waitFor(id, 'parent');
        continue;
      }
      if (kind === 'attachment' && (typeof data.sha256 !== 'string' || !hasFile(data.sha256))) {
        waitFor(id, 'file');
        continue;
      }
      storable.push({ id, data });
    }
    const stored = upsertAll(kind, storable, (id) => waitFor(id, 'rejected'));
    // Records that waited for a new one (or left with it when it was deleted) can now be stored.
    const fresh = stored.filter((item) => !existing.has(item.id)).map((item) => item.id);
    if (fresh.length > 0 && kind !== 'attachment' && later !== 'all') {
      for (const child of childrenAmong.all(kind, JSON.stringify(fresh)))
        if (!later?.(child.kind, child.id)) wait.run(child.kind, child.id, 'parent');
    }
    if (kind === 'course') linkCredentials(stored, existing, (id) => waitFor(id, 'credential'));
  }

  /** Which of these ids (of one kind) have a row. */
  function existingAmong(kind: RecordKind, ids: readonly string[]): Set<string> {
    const found = new Set<string>();
    for (let start = 0; start < ids.length; start += ROWS_PER_STATEMENT)
      for (const id of existingIn.get(kind)?.all(JSON.stringify(ids.slice(start, start + ROWS_PER_STATEMENT))) ?? []) found.add(id);
    return found;
  }

  /**
   * Stores the rows, those with the same columns many to a statement. A statement SQLite refuses
   * is undone whole (ABORT), and its rows are then stored one by one, so that only the row the
   * schema refuses (a newer device's value) is left out: kept, and counted as waiting.
   */
  function upsertAll(
    kind: RecordKind,
    items: readonly { id: string; data: Record<string, unknown> }[],
    rejected: (id: string) => void,
  ): { id: string; data: Record<string, unknown> }[] {
    const known = columns.get(kind) ?? [];
    const groups = new Map<string, { keys: string[]; items: { id: string; data: Record<string, unknown> }[] }>();
    for (const item of items) {
      const keys = known.filter((column) => column !== 'id' && column in item.data);
      const signature = keys.join(',');
      const group = groups.get(signature) ?? { keys, items: [] };
      group.items.push(item);
      groups.set(signature, group);
    }
    const stored: { id: string; data: Record<string, unknown> }[] = [];
    for (const { keys, items: group } of groups.values()) {
      const values = (rows: readonly { id: string; data: Record<string, unknown> }[]) => {
        const flat: unknown[] = [];
        for (const { id, data } of rows) {
          flat.push(id);
          for (const key of keys) flat.push(data[key]);
        }
        return flat;
      };
      if (group.length > 1) {
        try {
          upsertFor(kind, keys, group.length).run(values(group));
          stored.push(...group);
          continue;
        } catch {
          // One of them is refused: each on its own below.
        }
      }
      for (const item of group) {
        try {
          upsertFor(kind, keys, 1).run(values([item]));
          stored.push(item);
        } catch {
          rejected(item.id);
        }
      }
    }
    return stored;
  }

  function linkCredentials(
    courses: readonly { id: string; data: Record<string, unknown> }[],
    existing: ReadonlySet<string>,
    missing: (id: string) => void,
  ): void {
    const wantedOf = (data: Record<string, unknown>) =>
      Array.isArray(data[CREDENTIAL_IDS]) ? (data[CREDENTIAL_IDS] as unknown[]).filter((x): x is string => typeof x === 'string') : [];
    const credentials = [...new Set(courses.flatMap((course) => wantedOf(course.data)))];
    const owners = new Map<string, string>();
    for (let start = 0; start < credentials.length; start += ROWS_PER_STATEMENT)
      for (const row of ownersAmong.all(JSON.stringify(credentials.slice(start, start + ROWS_PER_STATEMENT))))
        owners.set(row.id, row.person_id);
    /** Course and credential ids in turn, a pair per link. */
    const links: string[] = [];
    for (const { id, data } of courses) {
      // A course just stored has no links yet (they go with the course): no query for them.
      const have = new Set(existing.has(id) ? linksOf.all(id) : []);
      let waits = false;
      for (const credential of wantedOf(data)) {
        if (have.delete(credential)) continue;
        if (owners.get(credential) !== data.person_id) {
          // A credential deleted since is not waited for; one not yet arrived is.
          const credentialRecord = kept('credential', credential);
          if (!credentialRecord || credentialRecord.versions[0]?.data !== null) waits = true;
          continue;
        }
        links.push(id, credential);
      }
      for (const extra of have) unlink.run(id, extra);
      if (waits) missing(id);
    }
    for (let start = 0; start < links.length; start += ROWS_PER_STATEMENT * 2) {
      const values = links.slice(start, start + ROWS_PER_STATEMENT * 2);
      linkRows(values.length / 2).run(values);
    }
  }

  const indexesOf = db.prepare<[string], { name: string; sql: string }>(
    "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY rowid",
  );

  /**
   * Runs `load` (which brings `rows` rows into `table`) with the table's own indexes dropped and
   * built again afterwards when it brings more rows than the table holds, as a records-file import
   * does: building an index once over sorted keys is cheaper than keeping it row by row. The caller
   * is in a transaction, and `load` reads nothing through those indexes.
   */
  function bulkLoad<T>(table: string, rows: number, load: () => T): T {
    if (!db.inTransaction) throw new Error('bulkLoad must run inside a transaction');
    if (rows < BULK_LOAD_ROWS) return load();
    const held = db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get() ?? 0;
    if (rows <= held) return load();
    const indexes = indexesOf.all(table);
    for (const index of indexes) db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
    const result = load();
    for (const index of indexes) db.exec(index.sql);
    return result;
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
    /** Whether any record is kept (none before a new device's first sync). */
    anyKept(): boolean {
      return anyKept.get() === 1;
    },
    keep,
    keptMany,
    keepMany,
    bulkLoad,
    materialise,
    materialiseMany,
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

/**
 * Statements that write `rows` rows each, prepared once per row count: `sql` gets a function that
 * repeats one row's placeholders that many times.
 */
function statementsByRows(db: Db, sql: (values: (row: string) => string) => string): (rows: number) => ReturnType<Db['prepare']> {
  const prepared = new Map<number, ReturnType<Db['prepare']>>();
  return (rows) => {
    let statement = prepared.get(rows);
    if (!statement) {
      statement = db.prepare(sql((row) => Array.from({ length: rows }, () => row).join(', ')));
      prepared.set(rows, statement);
    }
    return statement;
  };
}

// The baseline of every import figure: Debian's sqlite3 shell `.import`ing the same rows from CSV,
// into Recert's own schema (constraints, indexes, trigger, foreign keys) with the same pragmas; and,
// for the size of the database, the same rows in plain tables of the shell's own making.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { COURSE_COLUMNS, type CourseRow } from '../../main/core/store/course-columns';

type Cell = string | number | boolean | null | undefined;
type Raw = Record<string, unknown>;

/** Writes CSV rows to a file a batch at a time, so that a million rows never sit in one string. */
class CsvFile {
  private readonly fd: number;
  private buffer: string[] = [];
  rows = 0;
  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }
  row(cells: Cell[]): void {
    this.rows += 1;
    this.buffer.push(
      cells
        .map((c) => (c === null || c === undefined ? '' : typeof c === 'boolean' ? (c ? '1' : '0') : `"${String(c).replace(/"/g, '""')}"`))
        .join(','),
    );
    if (this.buffer.length >= 10_000) this.flush();
  }
  private flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, `${this.buffer.join('\n')}\n`);
    this.buffer = [];
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

const TABLES = {
  people: ['id', 'name', 'email', 'employee_id'],
  credentials: [
    'id',
    'person_id',
    'rule_set',
    'number',
    'expires',
    'cycle_start',
    'certified',
    'application_submitted',
    'application_accepted',
    'audit_notice_received',
    'documents_sent',
  ],
  activities: COURSE_COLUMNS,
  activity_credentials: ['activity_id', 'credential_id'],
  cpr_aed_cards: ['id', 'person_id', 'provider', 'completed', 'expires', 'adult_cpr', 'aed', 'hands_on'],
} as const;
type Table = keyof typeof TABLES;
const INTEGER_COLUMNS = new Set(['ceu_thousandths', 'contact_hour_hundredths', 'adult_cpr', 'aed', 'hands_on']);

export interface BaselineRows {
  counts: Record<Table, number>;
  /** The shell script that imports the CSV into Recert's schema. */
  intoSchema: (schema: string) => string;
  /** The shell script that imports the CSV into plain tables: the size the same rows take in SQLite. */
  plain: string;
}

/** The records' rows as one CSV file per table in `dir`, and the shell scripts that import them. */
export function writeBaselineRows(records: { people: readonly unknown[] }, dir: string): BaselineRows {
  const files = Object.fromEntries(Object.keys(TABLES).map((t) => [t, new CsvFile(join(dir, `${t}.csv`))])) as Record<Table, CsvFile>;
  const get = (o: unknown, key: string): Cell => (o as Raw | undefined)?.[key] as Cell;
  for (const p of records.people as Raw[]) {
    files.people.row([get(p, 'id'), get(p, 'name'), get(p, 'email'), get(p, 'employeeId')]);
    const credentials = (p.credentials as Raw[] | undefined) ?? [];
    for (const c of credentials)
      files.credentials.row([
        get(c, 'id'),
        get(p, 'id'),
        get(c, 'ruleSet'),
        get(c, 'number'),
        get(c, 'expires'),
        get(c, 'cycleStart'),
        get(c, 'certified'),
        get(c.application, 'submitted'),
        get(c.application, 'accepted'),
        get(c.audit, 'noticeReceived'),
        get(c.audit, 'documentsSent'),
      ]);
    for (const a of (p.activities as Raw[] | undefined) ?? []) {
      const ceus = get(a, 'ceus');
      const hours = get(a, 'contactHours');
      const row: Record<keyof CourseRow, Cell> = {
        id: get(a, 'id'),
        person_id: get(p, 'id'),
        title: get(a, 'title'),
        provider: get(a, 'provider'),
        approval: get(a, 'approval'),
        approval_code: get(a, 'approvalCode'),
        completed: get(a, 'completed'),
        ceu_thousandths: typeof ceus === 'number' ? Math.round(ceus * 1000) : null,
        contact_hour_hundredths: typeof hours === 'number' ? Math.round(hours * 100) : null,
        petition_status: get(a.petition, 'status'),
        petition_filed: get(a.petition, 'filed'),
        petition_decided: get(a.petition, 'decided'),
        category: get(a, 'category'),
      };
      files.activities.row(COURSE_COLUMNS.map((column) => row[column]));
      const linked = (a.credentials as string[] | undefined) ?? credentials.map((c) => c.id as string);
      for (const id of linked) files.activity_credentials.row([get(a, 'id'), id]);
    }
    for (const k of (p.cprAed as Raw[] | undefined) ?? [])
      files.cpr_aed_cards.row([
        get(k, 'id'),
        get(p, 'id'),
        get(k, 'provider'),
        get(k, 'completed'),
        get(k, 'expires'),
        get(k, 'adultCpr'),
        get(k, 'aed'),
        get(k, 'handsOn'),
      ]);
  }
  for (const f of Object.values(files)) f.close();
  const counts = Object.fromEntries(Object.entries(files).map(([t, f]) => [t, f.rows])) as Record<Table, number>;
  const tables = Object.entries(TABLES) as [Table, readonly string[]][];
  const imports = tables.map(([t]) => `.import --csv ${join(dir, `${t}.csv`)} s_${t}`);
  // .import writes text; staging tables and NULLIF turn empty cells into NULL, as the app stores them.
  const staging = tables.map(([t, columns]) => `CREATE TEMP TABLE s_${t} (${columns.join(', ')});`);
  const cast = (column: string) => (INTEGER_COLUMNS.has(column) ? `CAST(NULLIF(${column}, '') AS INTEGER)` : `NULLIF(${column}, '')`);
  const copies = tables.map(
    ([t, columns]) => `INSERT INTO ${t} (${columns.join(', ')}) SELECT ${columns.map(cast).join(', ')} FROM s_${t};`,
  );
  return {
    counts,
    intoSchema: (schema) =>
      [
        'PRAGMA journal_mode = WAL;',
        'PRAGMA synchronous = FULL;',
        'PRAGMA foreign_keys = ON;',
        schema,
        ...staging,
        ...imports,
        'BEGIN;',
        ...copies,
        'COMMIT;',
        'SELECT count(*) FROM activities;',
      ].join('\n'),
    plain: [
      ...tables.map(([t, columns]) => `CREATE TABLE ${t} (${columns.join(', ')});`),
      ...tables.map(([t]) => `.import --csv ${join(dir, `${t}.csv`)} ${t}`),
      'VACUUM;',
    ].join('\n'),
  };
}

/** Recert's schema as SQL statements (tables, indexes, trigger), read from a store it made. */
export function appSchema(db: { prepare: (sql: string) => { all: () => unknown[] } }): string {
  return (
    db.prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid").all() as { sql: string }[]
  )
    .map((r) => `${r.sql};`)
    .join('\n');
}

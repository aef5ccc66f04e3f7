// The activities table's columns, listed once. Every read and write of a course is built from the
// list, and a row read as an array is read at the place of a column in the list it was read with:
// the compiler checks each name against the row, and each value's type follows from its column.
import type { ApprovalKind, PetitionStatus } from '../domain/records';

/** One row of the activities table (a course), by column. */
export interface CourseRow {
  id: string;
  person_id: string;
  title: string;
  provider: string;
  approval: ApprovalKind;
  approval_code: string | null;
  completed: string;
  ceu_thousandths: number | null;
  contact_hour_hundredths: number | null;
  petition_status: PetitionStatus | null;
  petition_filed: string | null;
  petition_decided: string | null;
  category: string | null;
}

/** Every column of the table, in the table's order. */
export const COURSE_COLUMNS = [
  'id',
  'person_id',
  'title',
  'provider',
  'approval',
  'approval_code',
  'completed',
  'ceu_thousandths',
  'contact_hour_hundredths',
  'petition_status',
  'petition_filed',
  'petition_decided',
  'category',
] as const satisfies readonly (keyof CourseRow)[];

// None left out: a column added to CourseRow and not to the list stops the build here, naming it.
type Unlisted = Exclude<keyof CourseRow, (typeof COURSE_COLUMNS)[number]>;
const _everyColumnListed: [Unlisted] extends [never] ? true : Unlisted = true;
void _everyColumnListed;

/** A row read as an array with `columns`: each column's value at its place. */
export type RawRow<Row, Columns extends readonly (keyof Row)[]> = { -readonly [I in keyof Columns]: Row[Columns[I]] };

/** Where each of `columns` is in a row read with them, as a number the compiler knows. */
export type Places<Columns extends readonly string[]> = {
  readonly [I in keyof Columns & `${number}` as Columns[I]]: I extends `${infer N extends number}` ? N : never;
};

export function placesOf<const Columns extends readonly string[]>(columns: Columns): Places<Columns> {
  return Object.fromEntries(columns.map((column, i) => [column, i])) as Places<Columns>;
}

/**
 * The SELECT list of `columns` from the activities table as `a`: each its own column, unless
 * `expressions` says what to read in its place (a subquery, or a constant where it is not needed).
 */
export function selectList<Column extends string>(columns: readonly Column[], expressions: Partial<Record<Column, string>> = {}): string[] {
  return columns.map((column) => expressions[column] ?? `a.${column}`);
}

/**
 * The WHERE condition for one person's courses (the `?`), with `also` on their other columns, to
 * be read in record order: the rowids found in activities_by_person_completed, whose entries follow
 * the date, are taken in rowid order, so `ORDER BY a.rowid` sorts nothing.
 */
export function ofPersonByRowid(also?: string): string {
  return `a.rowid IN (SELECT rowid FROM activities WHERE person_id = ?${also ? ` AND ${also}` : ''})`;
}

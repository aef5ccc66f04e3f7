// Courses from a spreadsheet or a provider's transcript, for one stored person. The columns are
// found by their header (or chosen by the person in the app); every cell is checked with the same
// rules as the course form, and a file with any bad row imports nothing.
import { approvalKinds, type Course, type ApprovalKind } from '../domain/records';
import { ceusSchema, contactHoursSchema, optionalText, requiredText } from '../domain/fields';
import { parseSheetDate, SHEET_DATE_FORMS } from './dates';
import { stringify } from 'csv-stringify/sync';
import { CsvError, findColumns, readCsv, type CsvRow } from './table';
import { sheetCell } from './write';

export const COURSE_COLUMNS = {
  title: ['title', 'course', 'course title', 'course name'],
  provider: ['provider', 'organization', 'sponsor'],
  completed: ['completed', 'date', 'date completed', 'completion date'],
  ceus: ['ceus', 'ceu', 'credits', 'ceus earned'],
  contactHours: ['contact hours', 'hours'],
  approvalCode: ['approval code', 'course code', 'course number', 'approval number'],
  approval: ['approval'],
} as const;
export type CourseColumn = keyof typeof COURSE_COLUMNS;
export const COURSE_COLUMN_NAMES = Object.keys(COURSE_COLUMNS) as CourseColumn[];

/** How each column is named in messages: the header a person would write. */
export const COURSE_COLUMN_WORDS: Record<CourseColumn, string> = {
  title: 'title',
  provider: 'provider',
  completed: 'date completed',
  ceus: 'CEUs',
  contactHours: 'contact hours',
  approvalCode: 'approval code',
  approval: 'approval',
};

/** Which column of the file holds each field (-1: none). */
export type CourseColumnMapping = Record<CourseColumn, number>;

export interface CourseCsvPlan {
  header: string[];
  mapping: CourseColumnMapping;
  rows: { line: number; course: Omit<Course, 'id' | 'personId' | 'credentialIds'> }[];
  /** "line 4, date completed: …"; any problem refuses the whole file. */
  problems: string[];
}

function cell(row: CsvRow, index: number): string {
  return index >= 0 ? (row.cells[index] ?? '').trim() : '';
}

/** "1.5", "1,5" (a European decimal comma) or "2 hours" → a number; anything else → NaN. */
function amount(text: string): number {
  const match = /^(\d+(?:[.,]\d+)?)(?:\s*[a-z. ]*)?$/i.exec(text);
  return match?.[1] ? Number(match[1].replace(',', '.')) : Number.NaN;
}

/** Reads a course CSV. `mapping` overrides the columns found by their headers (the app's column choice). */
export function planCourseCsv(csvText: string, mapping?: Partial<CourseColumnMapping>): CourseCsvPlan {
  const table = readCsv(csvText);
  const columns: CourseColumnMapping = { ...findColumns(table.header, COURSE_COLUMNS), ...mapping };
  for (const [field, index] of Object.entries(columns)) {
    if (index >= table.header.length) throw new CsvError(`The ${COURSE_COLUMN_WORDS[field as CourseColumn]} column is not in the file.`);
  }
  const missing = (['title', 'provider', 'completed'] as const).filter((c) => columns[c] < 0).map((c) => `"${COURSE_COLUMN_WORDS[c]}"`);
  if (columns.ceus < 0 && columns.contactHours < 0) missing.push('"CEUs" or "contact hours"');
  // Not thrown: the app shows the columns it found so that the person can choose the missing ones.
  if (missing.length > 0) {
    return {
      header: table.header,
      mapping: columns,
      rows: [],
      problems: [
        `line 1: no ${missing.join(', ')} column; name the columns in the first row (title, provider, date completed, CEUs or contact hours, approval code, approval) or choose them`,
      ],
    };
  }
  if (table.rows.length === 0) throw new CsvError('The file has a header but no rows: add one row per course.');

  const problems: string[] = [];
  const rows: CourseCsvPlan['rows'] = [];
  // Built once, not per row: building them took most of the time of a file of 100,000 rows.
  const [required, code] = [requiredText(), optionalText(64)];
  for (const row of table.rows) {
    const before = problems.length;
    const problem = (column: CourseColumn, message: string) =>
      problems.push(`line ${row.line}, ${COURSE_COLUMN_WORDS[column]}: ${message}`);
    const text = <T>(
      column: CourseColumn,
      schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } },
    ) => {
      const parsed = schema.safeParse(cell(row, columns[column]));
      if (parsed.success) return parsed.data;
      problem(column, parsed.error.issues[0]?.message ?? 'is not valid');
      return undefined;
    };
    const title = text('title', required);
    const provider = text('provider', required);
    const approvalCode = text('approvalCode', code) ?? null;
    const dateText = cell(row, columns.completed);
    const completed = parseSheetDate(dateText);
    if (!dateText) problem('completed', `is required (${SHEET_DATE_FORMS})`);
    else if (!completed) problem('completed', `"${dateText}" is not a calendar date (${SHEET_DATE_FORMS})`);

    const ceusText = cell(row, columns.ceus);
    const hoursText = cell(row, columns.contactHours);
    let ceus: number | null = null;
    let contactHours: number | null = null;
    if (ceusText && hoursText) problem('contactHours', 'give either CEUs or contact hours on a row, not both');
    else if (ceusText) {
      const parsed = ceusSchema.safeParse(amount(ceusText));
      if (parsed.success) ceus = parsed.data;
      else problem('ceus', `"${ceusText}" ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
    } else if (hoursText) {
      const parsed = contactHoursSchema.safeParse(amount(hoursText));
      if (parsed.success) contactHours = parsed.data;
      else problem('contactHours', `"${hoursText}" ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
    } else problem(columns.ceus >= 0 ? 'ceus' : 'contactHours', 'is required (as printed on the certificate)');

    const approvalText = cell(row, columns.approval).toLowerCase();
    const approval = (approvalText || 'approved-provider') as ApprovalKind;
    if (!approvalKinds.includes(approval)) problem('approval', `"${approvalText}" must be one of ${approvalKinds.join(', ')}`);

    if (problems.length > before || title === undefined || provider === undefined || !completed) continue;
    rows.push({
      line: row.line,
      course: { title, provider, approval, approvalCode, completed, ceus, contactHours, petition: null, category: null },
    });
  }
  return { header: table.header, mapping: columns, rows, problems };
}

/** The course log as CSV, with the headers the import reads back (export then import gives the same courses). */
export function courseLogCsv(
  courses: readonly Course[],
  credentialLabel: (id: string) => string,
  certificates: (id: string) => number,
): string {
  const header = [
    'Title',
    'Provider',
    'Date completed',
    'CEUs',
    'Contact hours',
    'Approval code',
    'Approval',
    'Petition',
    'Counts toward',
    'Certificates',
  ];
  const rows = courses.map((a) => [
    a.title,
    a.provider,
    a.completed,
    a.ceus ?? '',
    a.contactHours ?? '',
    a.approvalCode ?? '',
    a.approval,
    a.petition?.status ?? '',
    a.credentialIds.map(credentialLabel).join('; '),
    certificates(a.id),
  ]);
  // Excel opens a UTF-8 file with a byte-order mark as UTF-8 (names in any script stay readable).
  return `\uFEFF${stringify([header, ...rows].map((row) => row.map(sheetCell)))}`;
}

// Reading a spreadsheet's CSV the way people export them: a header row, commas, semicolons or tabs
// (sniffed from the header), quoted fields, a UTF-8 byte-order mark, blank lines. Parsing is
// csv-parse's; this module only finds the columns and keeps each row's line number for messages.
import { parse } from 'csv-parse/sync';

export interface CsvRow {
  /** The line of the file the row starts on (1 = the header). */
  line: number;
  cells: string[];
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

/** The separator the header row uses most, outside quotes. */
export function sniffDelimiter(text: string): ',' | ';' | '\t' {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char in counts) counts[char as keyof typeof counts] += 1;
  }
  const best = (Object.entries(counts) as [',' | ';' | '\t', number][]).sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 0 ? best[0] : ',';
}

const MAX_COLUMNS = 1000;

export function readCsv(text: string): CsvTable {
  if (text.includes('\u0000')) throw new CsvError('The file is not a text CSV file (it contains binary data): export the sheet as CSV.');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: sniffDelimiter(text),
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CsvError(`The file could not be read as CSV (${detail}); check the quotes on that line.`);
  }
  const [head, ...rest] = records;
  if (!head) throw new CsvError('The file is empty: it needs a header row naming the columns, then one row per record.');
  // A header of 200,000 columns is no spreadsheet's: refused before anything is done per column
  // (and never spread into Math.max's arguments, which overflowed the stack).
  if (head.record.length > MAX_COLUMNS)
    throw new CsvError(
      `line 1: the header has ${head.record.length} columns, more than the ${MAX_COLUMNS} a CSV file here may have; the first row must name the columns.`,
    );
  const longest = head.record.reduce((most, name) => Math.max(most, name.length), 0);
  if (longest > 200) {
    throw new CsvError(`line 1: a column name of ${longest} characters is not a header; the first row must name the columns.`);
  }
  // info.lines is the line a record ends on: the row's own line, unless a quoted cell spans lines.
  const rows = rest.map((r) => ({ line: r.info.lines, cells: r.record })).filter((r) => r.cells.some((cell) => cell !== ''));
  return { header: head.record, rows };
}

/** "E-mail", "e mail", "EMAIL" and "Employee ID" → "email", "employeeid": compared without case or punctuation. */
export function headerKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * For each wanted field, the index of the first column whose header is one of its names, or -1.
 * `names` are written as a person would ("date completed"); they are compared by headerKey.
 */
export function findColumns<F extends string>(header: readonly string[], names: Record<F, readonly string[]>): Record<F, number> {
  const keys = header.map(headerKey);
  const found = {} as Record<F, number>;
  for (const field of Object.keys(names) as F[]) {
    const wanted = new Set(names[field].map(headerKey));
    found[field] = keys.findIndex((key) => wanted.has(key));
  }
  return found;
}

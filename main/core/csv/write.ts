// Cells of the CSV files Recert writes for people to open in a spreadsheet (the team report, the
// course log). Text from a person that starts like a formula would run as one when the file is
// opened ("=HYPERLINK(...)" in a trainer's name): as OWASP recommends for CSV injection, such a cell
// is written with a leading apostrophe, so the spreadsheet shows it as text. Numbers, true/false and
// dates are written as they are.

export type SheetValue = string | number | boolean | null | undefined;

/** What a spreadsheet reads as the start of a formula (or of a cell it rewrites): = + - @, tab, CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell's text: empty for nothing, text that would be a formula kept as text. */
export function sheetCell(value: SheetValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  return FORMULA_START.test(value) ? `'${value}` : value;
}

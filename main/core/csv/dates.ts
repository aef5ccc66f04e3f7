// The date forms spreadsheets and provider transcripts use: 2026-02-01, 2/1/2026 (US month first),
// 1 Feb 2026. Anything else, or a date that does not exist, is refused rather than guessed.
import { isCalendarDate, type CalendarDate } from '../dates';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function calendar(year: number, month: number, day: number): CalendarDate | null {
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isCalendarDate(date) ? date : null;
}

export function parseSheetDate(text: string): CalendarDate | null {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return isCalendarDate(value) ? value : null;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (us) return calendar(Number(us[3]), Number(us[1]), Number(us[2]));
  const long = /^(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4})$/.exec(value);
  if (long) {
    const month = MONTHS.indexOf((long[2] ?? '').slice(0, 3).toLowerCase());
    if (
      month < 0 ||
      ((long[2] ?? '').length > 3 &&
        !/^(january|february|march|april|may|june|july|august|september|october|november|december)$/i.test(long[2] ?? ''))
    ) {
      return null;
    }
    return calendar(Number(long[3]), month + 1, Number(long[1]));
  }
  return null;
}

export const SHEET_DATE_FORMS = 'YYYY-MM-DD, M/D/YYYY or D Mon YYYY';

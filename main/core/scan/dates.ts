// Dates as certificates print them: 2026-02-01, 2/1/2026 (US, month first), February 1, 2026,
// 1 February 2026 or 1st Feb 2026, 01.02.2026 (European, day first), Spanish "14 de marzo de 2026",
// and month-year forms used for a card's renewal (06/2027, June 2027), read as the month's last day.
// A document written day first (14/03/2026, or in Spanish) reads its slashed dates day first. A date
// that does not exist is no date.
import { isCalendarDate, type CalendarDate } from '../dates';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const SPANISH: Record<string, number> = {
  enero: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  septiembre: 9,
  setiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
};
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const SPANISH_MONTH = `(${Object.keys(SPANISH).join('|')})`;

/** How a document writes its numeric dates: month first (US) or day first. */
export type DateOrder = 'month-first' | 'day-first';

export interface FoundDate {
  date: CalendarDate;
  /** Where in the line it starts, and its text. */
  index: number;
  text: string;
  /** Month and year only: the day is the month's last. */
  monthOnly: boolean;
}

function make(year: number, month: number, day: number): CalendarDate | null {
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return year >= 1980 && year <= 2100 && isCalendarDate(date) ? date : null;
}
function lastDay(year: number, month: number): CalendarDate | null {
  return make(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
}
const monthNumber = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

const PATTERNS: { re: RegExp; read(m: RegExpExecArray, order: DateOrder): CalendarDate | null; monthOnly?: boolean }[] = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, read: (m) => make(Number(m[1]), Number(m[2]), Number(m[3])) },
  {
    re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'gi'),
    read: (m) => make(Number(m[3]), monthNumber(m[1] ?? ''), Number(m[2])),
  },
  {
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+${MONTH},?\\s+(\\d{4})\\b`, 'gi'),
    read: (m) => make(Number(m[3]), monthNumber(m[2] ?? ''), Number(m[1])),
  },
  {
    re: new RegExp(`\\b(\\d{1,2})\\s+(?:de\\s+)?${SPANISH_MONTH}\\s+(?:de(?:l)?\\s+)?(\\d{4})\\b`, 'gi'),
    read: (m) => make(Number(m[3]), SPANISH[(m[2] ?? '').toLowerCase()] ?? 0, Number(m[1])),
  },
  { re: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g, read: (m, order) => numeric(m, order) },
  { re: /\b(\d{1,2})-(\d{1,2})-(\d{4})\b/g, read: (m, order) => numeric(m, order) },
  { re: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g, read: (m) => make(Number(m[3]), Number(m[2]), Number(m[1])) },
  { re: /\b(\d{1,2})\/(\d{4})\b/g, read: (m) => lastDay(Number(m[2]), Number(m[1])), monthOnly: true },
  { re: new RegExp(`\\b${MONTH},?\\s+(\\d{4})\\b`, 'gi'), read: (m) => lastDay(Number(m[2]), monthNumber(m[1] ?? '')), monthOnly: true },
];

function numeric(m: RegExpExecArray, order: DateOrder): CalendarDate | null {
  const [first, second, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return order === 'day-first' ? make(year, second, first) : make(year, first, second);
}

/**
 * Day first when a slashed date can only be read so (14/03/2026) or the document is in Spanish;
 * otherwise month first, as US certificates print them.
 */
export function dateOrder(text: string): DateOrder {
  for (const m of text.matchAll(/\b(\d{1,2})[/-](\d{1,2})[/-](\d{4})\b/g)) {
    if (Number(m[1]) > 12 && Number(m[2]) <= 12) return 'day-first';
    if (Number(m[2]) > 12 && Number(m[1]) <= 12) return 'month-first';
  }
  return /\b(certificado|fecha|horas|otorgado|curso|de (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre))\b/i.test(
    text,
  )
    ? 'day-first'
    : 'month-first';
}

/** Every date in a line of text, in the order they appear; overlapping readings keep the fuller one. */
export function findDates(text: string, order: DateOrder = 'month-first'): FoundDate[] {
  const found: FoundDate[] = [];
  for (const pattern of PATTERNS) {
    pattern.re.lastIndex = 0;
    for (let m = pattern.re.exec(text); m; m = pattern.re.exec(text)) {
      const date = pattern.read(m, order);
      if (!date) continue;
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.index + f.text.length && f.index < end)) continue;
      found.push({ date, index: start, text: m[0], monthOnly: pattern.monthOnly ?? false });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

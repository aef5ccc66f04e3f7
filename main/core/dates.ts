// Calendar dates as 'YYYY-MM-DD' strings: no time of day, no time zone (docs/rules.md).
// Arithmetic goes through a day number so that month lengths and leap years are exact.

export type CalendarDate = string;

/** Digits of `text` from `from` to `to` as a number, or NaN when any is not a digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return Number.NaN;
    value = value * 10 + code;
  }
  return value;
}

// Hand-written parsing and Howard Hinnant's civil-date algorithms: the engine does date arithmetic
// for every credential of a whole gym, so this avoids regexes and Date objects on the hot path.
function parts(date: string): [number, number, number] | null {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const day = digits(date, 8, 10);
  return Number.isNaN(year + month + day) ? null : [year, month, day];
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : (MONTH_LENGTHS[month - 1] ?? 31);
}

/** Whether the parts name a real day of the years Recert handles (1900–2999). */
function isValidDay(year: number, month: number, day: number): boolean {
  return year >= 1900 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const p = parts(value);
  return p !== null && isValidDay(p[0], p[1], p[2]);
}

function toDayNumber(date: CalendarDate): number {
  const p = parts(date);
  if (!p || !isValidDay(p[0], p[1], p[2])) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  const [y0, m, d] = p;
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

function format(year: number, month: number, day: number): CalendarDate {
  return `${year >= 1000 && year <= 9999 ? String(year) : pad(year, 4)}-${twoDigits(month)}-${twoDigits(day)}`;
}

/**
 * Day numbers already written as dates. A gym's credentials share a few hundred expiration dates, and
 * the engine derives about ten dates from each: each new string was work, and garbage that verdicts
 * kept alive. Bounded, as a long-running app meets new dates for ever.
 */
const written = new Map<number, CalendarDate>();

function fromDayNumber(dayNumber: number): CalendarDate {
  const known = written.get(dayNumber);
  if (known !== undefined) return known;
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const date = format(yoe + era * 400 + (month <= 2 ? 1 : 0), month, day);
  if (written.size >= 20_000) written.clear();
  written.set(dayNumber, date);
  return date;
}

/** D + N calendar days (N may be negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** The same month and day N years later; 29 February maps to 28 February (docs/rules.md). */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  const [year, month, day] = parts(date) ?? [0, 0, 0];
  const targetYear = year + years;
  return format(targetYear, month, Math.min(day, daysInMonth(targetYear, month)));
}

/** N months later, clamping the day to the target month's length. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [year, month, day] = parts(date) ?? [0, 0, 0];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** The last day of the month that contains the date. */
export function endOfMonth(date: CalendarDate): CalendarDate {
  const [year, month] = parts(date) ?? [0, 0, 0];
  return format(year, month, daysInMonth(year, month));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Today's date in the user's local calendar: the only place a clock is read for dates. */
export function localToday(now: Date = new Date()): CalendarDate {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "29 Jun 2027": unambiguous in every locale, unlike 06/29/2027. */
export function formatDate(date: CalendarDate): string {
  const p = parts(date);
  if (!p) return date;
  return `${p[2]} ${MONTHS[p[1] - 1] ?? ''} ${p[0]}`;
}

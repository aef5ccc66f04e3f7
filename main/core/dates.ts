// Calendar dates as 'YYYY-MM-DD' strings: no time of day, no time zone (RULES.md).
// Arithmetic goes through a day number so that month lengths and leap years are exact.

export type CalendarDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function parts(date: CalendarDate): [number, number, number] | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const p = parts(value);
  if (!p) return false;
  const [year, month, day] = p;
  return year >= 1900 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function toDayNumber(date: CalendarDate): number {
  const p = parts(date);
  if (!p || !isCalendarDate(date)) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  return Date.UTC(p[0], p[1] - 1, p[2]) / MS_PER_DAY;
}

function fromDayNumber(day: number): CalendarDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** D + N calendar days (N may be negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** The same month and day N years later; 29 February maps to 28 February (RULES.md). */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  const [year, month, day] = parts(date) ?? [0, 0, 0];
  const targetYear = year + years;
  const clampedDay = Math.min(day, daysInMonth(targetYear, month));
  return `${String(targetYear).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(clampedDay).padStart(2, '0')}`;
}

/** N months later, clamping the day to the target month's length. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [year, month, day] = parts(date) ?? [0, 0, 0];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const clampedDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(clampedDay).padStart(2, '0')}`;
}

/** The last day of the month that contains the date. */
export function endOfMonth(date: CalendarDate): CalendarDate {
  const [year, month] = parts(date) ?? [0, 0, 0];
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
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

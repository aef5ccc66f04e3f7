import { addDays, addMonths, addYears, type CalendarDate } from '../dates';
import type { Offset } from './ruleset-schema';

/** E + offset: years first, then months, then days (so "1 year − 1 day" is the day before the anniversary). */
export function applyOffset(date: CalendarDate, offset: Offset): CalendarDate {
  let result = date;
  if (offset.years) result = addYears(result, offset.years);
  if (offset.months) result = addMonths(result, offset.months);
  if (offset.days) result = addDays(result, offset.days);
  return result;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, daysBetween, endOfMonth, formatDate, isCalendarDate } from '../../main/core/dates';

describe('calendar dates', () => {
  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['2026-01-0a', false],
    ['31/03/2027', false],
    ['', false],
  ])('%s is a calendar date: %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it('adds days across months, years and leap days, matching the Date object on every day of 4 years', () => {
    let reference = Date.UTC(2023, 0, 1);
    let date = '2023-01-01';
    for (let i = 0; i < 1461; i++) {
      expect(date).toBe(new Date(reference).toISOString().slice(0, 10));
      date = addDays(date, 1);
      reference += 86_400_000;
    }
    expect(addDays('2027-03-31', 90)).toBe('2027-06-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2026-11-21', '2027-03-31')).toBe(130);
  });

  it('adds years and months, mapping 29 February to 28 February', () => {
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2028-02-29', -2)).toBe('2026-02-28');
    expect(addMonths('2027-03-31', -24)).toBe('2025-03-31');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2027-11-15', 3)).toBe('2028-02-15');
    expect(endOfMonth('2028-02-10')).toBe('2028-02-29');
  });

  it('agrees with the Date object on any day from 1900 to 2999, asked once or again (day numbers are memoised)', () => {
    const first = Date.UTC(1900, 0, 1);
    const last = Date.UTC(2999, 11, 31);
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), fc.integer({ min: -4000, max: 4000 }), (ms, days) => {
        const target = ms + days * 86_400_000;
        fc.pre(target >= first && target <= last);
        const from = iso(ms);
        expect(addDays(from, days)).toBe(iso(target));
        expect(addDays(from, days)).toBe(iso(target));
        expect(daysBetween(from, iso(target))).toBe(days);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses what is not a calendar date in arithmetic', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => daysBetween('2026-01-01', '1899-12-31')).toThrow(RangeError);
  });

  it('formats a date unambiguously', () => {
    expect(formatDate('2027-06-29')).toBe('29 Jun 2027');
  });
});

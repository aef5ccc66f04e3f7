// A date as a person types it: a six-digit year is no date, and is said so rather than "required".
import { describe, expect, it } from 'vitest';
import { calendarDateProblem, calendarDateSchema, NOT_A_DATE } from '../../main/core/domain/fields';

describe('calendarDateProblem', () => {
  it('calls a six-digit year "not a date"', () => {
    expect(calendarDateProblem('202627-03-31')).toBe(NOT_A_DATE);
    expect(NOT_A_DATE).toMatch(/^is not a date/);
    const parsed = calendarDateSchema.safeParse('202627-03-31');
    expect(parsed.success ? null : parsed.error.issues[0]?.message).toBe(NOT_A_DATE);
  });

  it('still accepts a calendar date and says what is wrong with the rest', () => {
    expect(calendarDateProblem('2027-03-31')).toBeNull();
    expect(calendarDateProblem('')).toBe('is required (YYYY-MM-DD)');
    expect(calendarDateProblem('2027-02-30')).toMatch(/is not a calendar date/);
  });
});

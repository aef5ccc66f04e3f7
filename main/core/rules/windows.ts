import type { CalendarDate } from '../dates';
import { applyOffset } from './offsets';
import type { RuleSet } from './ruleset-schema';
import type { FeeTier, Status } from '../domain/verdict';

export interface Window {
  label: string;
  from: CalendarDate;
  until: CalendarDate;
  feeTier: FeeTier;
  status: Exclude<Status, 'in-progress' | 'ready' | 'lapsed' | 'submitted'>;
}

/** R8: the application windows after E, as dates. */
export function applicationWindows(ruleSet: RuleSet, expiration: CalendarDate): Window[] {
  return ruleSet.applicationWindows.value.map((w) => ({
    label: w.label,
    from: applyOffset(expiration, w.from),
    until: applyOffset(expiration, w.until),
    feeTier: w.feeTier,
    status: w.status,
  }));
}

/** The last day an application is accepted: the end of the last window, or E itself. */
export function finalApplicationDate(windows: readonly Window[], expiration: CalendarDate): CalendarDate {
  return windows.reduce((last, w) => (w.until > last ? w.until : last), expiration);
}

/** Where a date falls: on or before E (standard), inside a late window, or past them all (null). */
export function windowOn(
  date: CalendarDate,
  expiration: CalendarDate,
  windows: readonly Window[],
): { feeTier: FeeTier; status: Status } | null {
  if (date <= expiration) return { feeTier: 'standard', status: 'in-progress' };
  const window = windows.find((w) => date >= w.from && date <= w.until);
  return window ? { feeTier: window.feeTier, status: window.status } : null;
}

// Deadlines that come to the user: in their calendar (.ics), on the desktop (notifications) and in
// the app ("Upcoming"). Pure types shared by main, the contract and the renderer.
import type { DeadlineKind } from './team';
import type { Tone } from './views';

/** Days before a deadline at which to remind; per credential type, or "cpr-aed" for the CPR/AED card. */
export type LeadTimes = Record<string, number[]>;
export const DEFAULT_LEAD_TIMES = [90, 30, 7] as const;
export const CPR_AED_TYPE = 'cpr-aed';

export interface Deadline {
  /** Stable across exports, so a calendar updates the event instead of adding a second one. */
  uid: string;
  kind: DeadlineKind;
  date: string;
  personId: string;
  personName: string;
  credentialId: string;
  /** The lead-time type: the credential's rule set, or "cpr-aed" for the card's expiry. */
  leadTimeType: string;
  /** "NASM-CPT expires — Dana Rivera"; `what` is the same without the person ("NASM-CPT expires"). */
  title: string;
  what: string;
  /** What is still needed, in words. */
  description: string;
  /** What fixes it in the app. */
  action: { kind: 'add-course' | 'add-card' | 'export-packet' | 'record-application' | 'open-dashboard'; label: string };
}

export interface UpcomingItem extends Deadline {
  /** "31 Mar 2027 · in 128 days". */
  whenText: string;
  tone: Tone;
}

export interface ReminderSettings {
  /** Lead times by type (rule-set id or "cpr-aed"); types not listed use the defaults. */
  leadTimes: LeadTimes;
  defaults: number[];
  /** The types a person can set, with their names. */
  types: { id: string; label: string }[];
  notifications: boolean;
  /** A calendar file the app keeps current (for example in a synced folder); null when none. */
  calendarFile: string | null;
  /** Why the last rewrite of the calendar file failed, when it did. */
  calendarFileError: string | null;
}

/** A desktop notification the main process should show now. */
export interface ReminderNotification {
  title: string;
  body: string;
  /** The dashboard to open on click; null for a summary of several people (the Team screen). */
  personId: string | null;
}

import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import { daysBetween, formatDate } from '../dates';
import {
  CPR_AED_TYPE,
  DEFAULT_LEAD_TIMES,
  type Deadline,
  type LeadTimes,
  type ReminderNotification,
  type ReminderSettings,
  type UpcomingItem,
} from '../domain/reminders';
import type { FileDelivery, Tone } from '../domain/views';
import { invalid } from '../errors';
import { calendarIcs } from '../reminders/calendar';
import { dueNotifications, EMPTY_NOTIFICATION_STATE, type NotificationState } from '../reminders/notifications';
import { upcomingDeadlines } from '../reminders/deadlines';
import { daysFromNow } from '../rules/present';
import type { ServiceContext } from './context';
import { deliverFile } from './deliver';
import { evaluatedEntries } from './everyone';
import { keeps, writes } from './writes';

const KEYS = {
  leadTimes: 'reminders.leadTimes',
  notifications: 'reminders.notifications',
  calendarFile: 'reminders.calendarFile',
  calendarFileError: 'reminders.calendarFileError',
  notificationState: 'reminders.notificationState',
} as const;

function isLeadTimes(value: unknown): value is LeadTimes {
  return (
    !!value &&
    typeof value === 'object' &&
    Object.values(value).every((days) => Array.isArray(days) && days.every((d) => Number.isInteger(d) && d >= 0 && d <= 365))
  );
}

export function remindersService(ctx: ServiceContext) {
  const { store } = ctx;
  const knownTypes = () => [...ctx.ruleSets.map((r) => ({ id: r.id, label: r.credential })), { id: CPR_AED_TYPE, label: 'CPR/AED card' }];

  function leadTimes(): LeadTimes {
    const stored = store.settings.get(KEYS.leadTimes);
    return isLeadTimes(stored) ? stored : {};
  }
  function leadTimesOf(times: LeadTimes): (deadline: Deadline) => readonly number[] {
    return (deadline) => times[deadline.leadTimeType] ?? DEFAULT_LEAD_TIMES;
  }
  function calendarFile(): string | null {
    const stored = store.settings.get(KEYS.calendarFile);
    return typeof stored === 'string' ? stored : null;
  }
  function deadlines(personId?: string): Deadline[] {
    const asOf = ctx.today();
    return upcomingDeadlines(evaluatedEntries(ctx, asOf, personId).entries, asOf);
  }
  function ics(personId?: string): string {
    return calendarIcs(deadlines(personId), leadTimesOf(leadTimes()), ctx.now());
  }
  /** Settings' own bookkeeping: written by the methods marked keeps(), which leave the caches be. */
  function remember(key: string, value: unknown): void {
    ctx.write(() => store.settings.set(key, value));
  }

  /** Rewrites the kept calendar file; a failure is remembered and shown in Settings, never thrown at a write. */
  function refreshCalendarFile(): void {
    const file = calendarFile();
    if (!file) return;
    try {
      writeFileAtomic(file, ics());
      if (store.settings.get(KEYS.calendarFileError)) remember(KEYS.calendarFileError, null);
    } catch (error) {
      remember(KEYS.calendarFileError, `Could not rewrite ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // Deadlines change with any write: the file is rewritten shortly after, once for a burst of writes.
  let pending: ReturnType<typeof setTimeout> | null = null;
  ctx.onWrite(() => {
    if (!calendarFile() || pending) return;
    pending = setTimeout(() => {
      pending = null;
      // Not once the store is closed (the app quitting, a restore reopening it).
      if (store.db.open) refreshCalendarFile();
    }, 500);
    pending.unref?.();
  });

  function settings(): ReminderSettings {
    const error = store.settings.get(KEYS.calendarFileError);
    return {
      leadTimes: leadTimes(),
      defaults: [...DEFAULT_LEAD_TIMES],
      types: knownTypes(),
      notifications: store.settings.get(KEYS.notifications) !== false,
      calendarFile: calendarFile(),
      calendarFileError: typeof error === 'string' ? error : null,
    };
  }

  /** A file the app can keep writing: absolute, ending in .ics, in a folder that exists; tried at once. */
  function checkedCalendarFile(path: string): string {
    if (!isAbsolute(path))
      throw invalid('calendarFile', `"${path}" is not a full path; choose the file with its folder, e.g. /home/dana/Sync/recert.ics`);
    if (!path.toLowerCase().endsWith('.ics'))
      throw invalid('calendarFile', 'must end in .ics, the calendar file type calendar programs subscribe to');
    const folder = dirname(path);
    if (!existsSync(folder) || !statSync(folder).isDirectory())
      throw invalid('calendarFile', `the folder ${folder} does not exist; create it or choose another`);
    if (existsSync(path) && statSync(path).isDirectory()) throw invalid('calendarFile', `${path} is a folder; name a file inside it`);
    try {
      writeFileAtomic(path, ics());
    } catch (error) {
      throw invalid(
        'calendarFile',
        `cannot be written (${error instanceof Error ? error.message : String(error)}); choose a folder you can write to`,
      );
    }
    return path;
  }

  function upcoming(personId: string | undefined, days: number): UpcomingItem[] {
    const today = ctx.today();
    return deadlines(personId)
      .filter((d) => daysBetween(today, d.date) <= days)
      .map((d): UpcomingItem => {
        const left = daysBetween(today, d.date);
        const tone: Tone = left <= 7 ? 'bad' : left <= 30 ? 'warn' : 'neutral';
        return { ...d, whenText: `${formatDate(d.date)} · ${daysFromNow(today, d.date)}`, tone };
      });
  }

  return {
    getReminderSettings: (): ReminderSettings => settings(),
    updateReminderSettings: writes(
      (input: {
        leadTimes?: LeadTimes | undefined;
        notifications?: boolean | undefined;
        calendarFile?: string | null | undefined;
      }): ReminderSettings => {
        const known = new Set(knownTypes().map((t) => t.id));
        const unknown = Object.keys(input.leadTimes ?? {}).find((type) => !known.has(type));
        if (unknown !== undefined) {
          throw invalid(
            `leadTimes.${unknown}`,
            `unknown credential type "${unknown.slice(0, 64)}"; choose one of ${[...known].join(', ')}`,
          );
        }
        const file =
          input.calendarFile === undefined ? undefined : input.calendarFile === null ? null : checkedCalendarFile(input.calendarFile);
        ctx.write(() => {
          if (input.leadTimes) {
            const cleaned = Object.fromEntries(
              Object.entries(input.leadTimes).map(([type, days]) => [type, [...new Set(days)].sort((a, b) => b - a)]),
            );
            store.settings.set(KEYS.leadTimes, cleaned);
          }
          if (input.notifications !== undefined) store.settings.set(KEYS.notifications, input.notifications);
          if (file !== undefined) {
            store.settings.set(KEYS.calendarFile, file);
            store.settings.set(KEYS.calendarFileError, null);
          }
        });
        return settings();
      },
    ),
    exportCalendar: async ({ personId }: { personId?: string | undefined }): Promise<FileDelivery | null> => {
      const person = personId === undefined ? null : ctx.requirePerson(personId, 'personId');
      const fileName = person ? `Recert deadlines - ${person.name.replace(/[\\/:*?"<>|]+/g, ' ')}.ics` : 'Recert deadlines - team.ics';
      return deliverFile(ctx, { fileName, mediaType: 'text/calendar; charset=utf-8', bytes: Buffer.from(ics(personId), 'utf8') });
    },
    getUpcoming: ({ personId, days }: { personId?: string | undefined; days?: number | undefined }): UpcomingItem[] => {
      if (personId !== undefined) ctx.requirePerson(personId, 'personId');
      // A trainer sees every deadline ahead; the team view asks for a window (30, 60, 90 days).
      return upcoming(personId, days ?? 3650);
    },
    /** The calendar file as `recert calendar` writes it. */
    calendarText: ({ personId }: { personId?: string | undefined }): string => {
      if (personId !== undefined) ctx.requirePerson(personId, 'personId');
      return ics(personId);
    },
    refreshCalendarFile: keeps(refreshCalendarFile),
    /** Desktop notifications due now (none when switched off); each is remembered as shown. */
    takeDueNotifications: keeps((): ReminderNotification[] => {
      if (store.settings.get(KEYS.notifications) === false) return [];
      const stored = store.settings.get(KEYS.notificationState) as NotificationState | undefined;
      const state = stored && Array.isArray(stored.shown) ? stored : EMPTY_NOTIFICATION_STATE;
      const result = dueNotifications(deadlines(), leadTimesOf(leadTimes()), ctx.today(), state);
      remember(KEYS.notificationState, result.state);
      return result.notifications;
    }),
  };
}

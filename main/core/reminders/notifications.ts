// When to remind on the desktop, decided here with the date given (the clock is injected), so the
// rules are tested without Electron; main/index.ts only shows what this returns.
import { addDays, daysBetween, formatDate, type CalendarDate } from '../dates';
import { count } from '../domain/plural';
import type { Deadline, ReminderNotification } from '../domain/reminders';

export interface NotificationState {
  /** "<uid>|<lead days>" of every reminder already shown: never shown twice. */
  shown: string[];
  /** The day the last summary notification was shown: at most one a day. */
  lastSummary: CalendarDate | null;
}

export const EMPTY_NOTIFICATION_STATE: NotificationState = { shown: [], lastSummary: null };

/** Above this many reminders due at once, one summary notification stands for them all. */
const MOST_SINGLE_NOTIFICATIONS = 3;

/**
 * The notifications to show today. A reminder is due from `date − lead` until the deadline itself;
 * when several leads of one deadline are due (the app was closed a while), only the nearest is shown
 * and the others count as shown. Deadlines already past are never reminded of.
 */
export function dueNotifications(
  deadlines: readonly Deadline[],
  leadTimesOf: (deadline: Deadline) => readonly number[],
  today: CalendarDate,
  state: NotificationState,
): { notifications: ReminderNotification[]; state: NotificationState } {
  const shown = new Set(state.shown);
  const due: { deadline: Deadline; lead: number; keys: string[] }[] = [];
  for (const deadline of deadlines) {
    if (deadline.date < today) continue;
    const triggered = leadTimesOf(deadline).filter((lead) => addDays(deadline.date, -lead) <= today);
    if (triggered.length === 0) continue;
    const nearest = Math.min(...triggered);
    const keys = triggered.map((lead) => `${deadline.uid}|${lead}`);
    if (!shown.has(`${deadline.uid}|${nearest}`)) due.push({ deadline, lead: nearest, keys });
  }

  let notifications: ReminderNotification[] = [];
  let lastSummary = state.lastSummary;
  let delivered = due;
  if (due.length > MOST_SINGLE_NOTIFICATIONS) {
    if (lastSummary === today) delivered = [];
    else {
      const people = new Set(due.map((d) => d.deadline.personId));
      notifications = [
        {
          title: `Recert: ${count(due.length, 'deadline', 'deadlines')} coming up`,
          body: `${due
            .slice(0, 3)
            .map((d) => d.deadline.title)
            .join('; ')}${due.length > 3 ? '; …' : ''}`,
          personId: people.size === 1 ? (due[0]?.deadline.personId ?? null) : null,
        },
      ];
      lastSummary = today;
    }
  } else {
    notifications = due.map(({ deadline }) => {
      // The days actually left: a reminder shown late (the app was closed) says so truthfully.
      const left = daysBetween(today, deadline.date);
      return {
        title: left === 0 ? `Today: ${deadline.title}` : deadline.title,
        body: `${left === 0 ? 'Due today.' : `In ${count(left, 'day', 'days')}, on ${formatDate(deadline.date)}.`} ${deadline.description}`,
        personId: deadline.personId,
      };
    });
  }
  for (const d of delivered) for (const key of d.keys) shown.add(key);
  // Keys of deadlines no longer ahead are dropped, so the state stays as small as the list.
  const live = new Set(deadlines.map((d) => d.uid));
  return { notifications, state: { shown: [...shown].filter((key) => live.has(key.split('|')[0] ?? '')), lastSummary } };
}

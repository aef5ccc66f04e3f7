// Which automatic backups to keep: the newest of each of the last 7 days that have one, and the
// newest of each of the last 4 weeks (Monday to Sunday) that have one. Pure, for testing.
import { addDays, daysBetween, type CalendarDate } from '../dates';

export interface DatedBackup {
  name: string;
  /** The day the backup was made. */
  date: CalendarDate;
}

/** The Monday of the week `date` is in. */
function weekOf(date: CalendarDate): CalendarDate {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = (new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

export function backupsToKeep(backups: readonly DatedBackup[], today: CalendarDate): Set<string> {
  const newestFirst = [...backups].sort((a, b) => (a.date === b.date ? b.name.localeCompare(a.name) : a.date < b.date ? 1 : -1));
  const keep = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const backup of newestFirst) {
    if (days.size < 7 && !days.has(backup.date)) {
      days.add(backup.date);
      keep.add(backup.name);
    }
    const week = weekOf(backup.date);
    if (weeks.size < 4 && !weeks.has(week)) {
      weeks.add(week);
      keep.add(backup.name);
    }
  }
  // A backup dated in the future (a clock set wrong) is never the reason an older one is dropped.
  for (const backup of backups) if (daysBetween(today, backup.date) > 0) keep.add(backup.name);
  return keep;
}

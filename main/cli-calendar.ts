// `recert calendar`: every upcoming deadline as an iCalendar file, the same as "Add to calendar…".
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openAppContext } from './app-context';
import { asOfOption, existingDataLocation, resourcesDir, UsageError, tellOnStderr } from './cli-common';
import { writeFileAtomic } from './core/atomic-write';
import { count } from './core/domain/plural';

export function calendarCommand(args: string[]): void {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, person: { type: 'string' }, 'as-of': { type: 'string' }, out: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError('calendar takes no FILE argument; use --out FILE.ics');
  if (!values.out) throw new UsageError('calendar needs --out FILE.ics');
  if (!values.out.toLowerCase().endsWith('.ics')) throw new UsageError(`--out: "${values.out}" must end in .ics (an iCalendar file)`);
  const asOf = asOfOption(values['as-of']);
  const context = openAppContext({ ...existingDataLocation(values.db), resourcesDir, today: () => asOf, tell: tellOnStderr });
  try {
    if (values.person !== undefined && !context.store.people.get(values.person)) {
      throw new UsageError(`--person: no person with id "${values.person.slice(0, 64)}" in this data folder`);
    }
    const ics = context.service.calendarText({ personId: values.person });
    writeFileAtomic(resolve(values.out), ics);
    const events = (ics.match(/^BEGIN:VEVENT/gm) ?? []).length;
    process.stdout.write(`Wrote ${resolve(values.out)} (${count(events, 'deadline', 'deadlines')}).\n`);
  } finally {
    context.close();
  }
}

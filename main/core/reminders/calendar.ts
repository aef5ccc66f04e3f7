// Deadlines as an iCalendar file (RFC 5545), written by the `ics` library: one all-day event per
// deadline, a summary naming the credential and the person, what is still needed, and one alarm per
// lead time. UIDs come from the records, so importing a newer file updates events instead of
// duplicating them.
import { createEvents, type EventAttributes } from 'ics';
import { addDays } from '../dates';
import type { Deadline } from '../domain/reminders';

function dateParts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 0, m ?? 1, d ?? 1];
}

export class CalendarError extends Error {}

/**
 * `leadTimesOf` gives the days before each deadline to remind at. `stamp` is the DTSTAMP of every
 * event (when the file was made), taken as an argument so that the file depends on nothing else.
 */
export function calendarIcs(deadlines: readonly Deadline[], leadTimesOf: (deadline: Deadline) => readonly number[], stamp: Date): string {
  const events: EventAttributes[] = deadlines.map((d) => ({
    uid: d.uid,
    title: d.title,
    description: `${d.description} In Recert: ${d.action.label}.`,
    start: dateParts(d.date),
    end: dateParts(addDays(d.date, 1)),
    timestamp: stamp.getTime(),
    categories: ['Recert'],
    alarms: leadTimesOf(d).map((days) => ({
      action: 'display' as const,
      description: days === 0 ? `Today: ${d.title}` : `In ${days} days: ${d.title}`,
      trigger: { days, before: true },
    })),
  }));
  const { error, value } = createEvents(events, { productId: 'Recert//deadlines//EN', calName: 'Recert deadlines' });
  if (error || !value) throw new CalendarError(`The calendar could not be written: ${error?.message ?? 'no output'}`);
  // ics writes a whole-day trigger as "-P30DT" (a time designator and no time) and a zero one as
  // "-PT": RFC 5545 wants "-P30D" and "PT0S", which strict calendar programs insist on.
  const fixed = value.replace(/^(TRIGGER:-?P\d+[WD])T(\r?)$/gm, '$1$2').replace(/^TRIGGER:-PT(\r?)$/gm, 'TRIGGER:PT0S$1');
  return foldByOctets(fixed.replace(/\r?\n[ \t]/g, ''));
}

const MAX_LINE_OCTETS = 75;

/**
 * RFC 5545 §3.1: lines of at most 75 octets, longer ones folded (CRLF, then a space) — counted in
 * UTF-8 bytes, and never inside a character. ics folds by characters, so a name in Cyrillic, Arabic
 * or Devanagari made lines of up to twice the length; the file is unfolded and folded again here.
 */
export function foldByOctets(text: string): string {
  return text
    .split('\r\n')
    .map((line) => {
      if (Buffer.byteLength(line) <= MAX_LINE_OCTETS) return line;
      const pieces: string[] = [];
      let piece = '';
      let octets = 0;
      for (const char of line) {
        const size = Buffer.byteLength(char);
        // A continuation line starts with the space, which counts.
        const room = pieces.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
        if (octets + size > room) {
          pieces.push(piece);
          piece = '';
          octets = 0;
        }
        piece += char;
        octets += size;
      }
      pieces.push(piece);
      return pieces.join('\r\n ');
    })
    .join('\r\n');
}

// .ics lines are folded by octets (RFC 5545 §3.1: at most 75, never inside a UTF-8 character), and
// ical.js reads names in any script back whole.
import { isUtf8 } from 'node:buffer';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarIcs } from '../../../main/core/reminders/calendar';
import type { Deadline } from '../../../main/core/domain/reminders';

const names = [
  'Юлия Александровна Константинопольская-Воскресенская',
  'يوسف عبد الرحمن الحسيني القحطاني من مدينة الرياض',
  'देवनागरी प्रशिक्षक रामचन्द्र शर्मा उपाध्याय',
  '🏋️‍♀️ Trainer ' + '💪'.repeat(30),
];

function deadline(name: string, i: number): Deadline {
  return {
    uid: `d${i}@recert`,
    kind: 'expiration',
    date: '2027-03-31',
    personId: `p${i}`,
    personName: name,
    credentialId: `c${i}`,
    leadTimeType: 'nasm-cpt',
    title: `NASM-CPT expires — ${name}`,
    what: 'NASM-CPT expires',
    description: `${name} still needs 1.9 CEUs (${name}).`,
    action: { kind: 'add-course', label: 'Add a course' },
  } as Deadline;
}

describe('calendar file lines', () => {
  it('are at most 75 octets, each valid UTF-8 on its own, and read back whole by ical.js', () => {
    const ics = calendarIcs(names.map(deadline), () => [30], new Date('2026-11-23T12:00:00Z'));
    const lines = Buffer.from(ics, 'utf8').toString('latin1').split('\r\n');
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) {
      const bytes = Buffer.from(line, 'latin1');
      expect(bytes.length, line).toBeLessThanOrEqual(75);
      expect(isUtf8(bytes), `split inside a character: ${bytes.toString('utf8')}`).toBe(true);
    }
    // Something was folded: the long lines are in several pieces.
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(8);
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
    expect(events.map((e) => e.getFirstPropertyValue('summary'))).toEqual(names.map((n) => `NASM-CPT expires — ${n}`));
    expect(events.map((e) => e.getFirstPropertyValue('description'))).toEqual(
      names.map((n) => `${n} still needs 1.9 CEUs (${n}). In Recert: Add a course.`),
    );
  });
});

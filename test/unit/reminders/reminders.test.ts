// Deadlines that come to the user: which events exist, the calendar file read back with a real
// iCalendar parser, stable UIDs, lead times, the notification schedule with an injected clock.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../main/core/dates';
import type { Deadline, ReminderSettings, UpcomingItem } from '../../../main/core/domain/reminders';
import { dueNotifications, EMPTY_NOTIFICATION_STATE } from '../../../main/core/reminders/notifications';
import { freshContext, tempDir } from '../../helpers/context';
import { value, valueNow } from '../../helpers/results';

let context: ReturnType<typeof freshContext>;
let personId: string;
let credentialId: string;
const TODAY = '2026-11-23';

beforeEach(() => {
  context = freshContext({ today: TODAY });
  personId = valueNow<{ id: string }>(context.dispatch('createPerson', { name: 'Dana Rivera' })).id;
  credentialId = valueNow<{ id: string }>(
    context.dispatch('createCredential', { personId, ruleSet: 'nasm-cpt', number: 'NASM-1', expires: '2027-03-31' }),
  ).id;
  valueNow(
    context.dispatch('createCprAedCard', {
      personId,
      provider: 'American Red Cross',
      completed: '2025-06-01',
      expires: '2027-02-01',
      adultCpr: true,
      aed: true,
      handsOn: true,
    }),
  );
});
afterEach(() => context.dispose());

const upcoming = () => valueNow<UpcomingItem[]>(context.dispatch('getUpcoming', { personId }));
const kinds = () => upcoming().map((d) => `${d.kind} ${d.date}`);

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toString(),
      allDay: event.startDate.isDate,
      alarms: vevent
        .getAllSubcomponents('valarm')
        .map((a) => Math.abs((a.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds() / 86400)),
    };
  });
}

describe('which deadlines exist', () => {
  it('while the credential is open: expiration, courses, fees, last day to apply, and the card it relies on', () => {
    expect(kinds()).toEqual([
      'cpr-aed-expires 2027-02-01',
      'expiration 2027-03-31',
      'late-fee-from 2027-04-01',
      'courses-by 2027-06-29',
      'additional-fee-from 2027-06-30',
      'final-application 2028-03-30',
    ]);
    const expiration = upcoming().find((d) => d.kind === 'expiration');
    expect(expiration).toMatchObject({
      title: 'NASM-CPT expires — Dana Rivera',
      // The card has no photo attached yet: an audit would ask for it.
      description: 'Still needed: 1.9 CEUs of courses, 1 certificate file for an audit.',
      action: { kind: 'add-course', label: 'Add a course' },
      whenText: '31 Mar 2027 · in 128 days',
    });
  });

  it('no expiration or fee event once an application is recorded (the card still runs out); an audit-due event only while the audit is open', () => {
    valueNow(context.dispatch('recordApplication', { credentialId, applicationSubmitted: '2026-11-20' }));
    expect(kinds()).toEqual(['cpr-aed-expires 2027-02-01']);
    valueNow(context.dispatch('recordAuditNotice', { credentialId, auditNoticeReceived: '2026-11-20' }));
    expect(kinds()).toEqual(['audit-due 2026-12-20', 'cpr-aed-expires 2027-02-01']);
    expect(upcoming()[0]).toMatchObject({ title: 'NASM-CPT audit documents due — Dana Rivera', action: { kind: 'export-packet' } });
    valueNow(context.dispatch('markDocumentsSent', { credentialId, documentsSent: '2026-11-22' }));
    expect(kinds()).toEqual(['cpr-aed-expires 2027-02-01']);
  });

  it('none in the past, and for a lapsed credential only the CPR/AED card, which a gym still requires', async () => {
    valueNow(
      context.dispatch('updateCredential', {
        id: credentialId,
        ruleSet: 'nasm-cpt',
        number: 'NASM-1',
        expires: '2025-06-30',
        cycleStart: null,
      }),
    );
    expect(kinds()).toEqual(['cpr-aed-expires 2027-02-01']);
    expect(upcoming()[0]).toMatchObject({
      title: 'CPR/AED card expires — Dana Rivera',
      description: 'A current CPR/AED card is still needed at work, though the NASM-CPT has lapsed.',
      action: { kind: 'add-card' },
    });
    const delivery = await value<{ savedTo: string }>(context.dispatch('exportCalendar', { personId }));
    expect(parse(readFileSync(delivery.savedTo, 'utf8')).map((e) => [e.summary, e.start])).toEqual([
      ['CPR/AED card expires — Dana Rivera', '2027-02-01'],
    ]);
  });
});

describe('the calendar file', () => {
  it('parses with ical.js: all-day events, summaries in words, one alarm per lead time', async () => {
    const delivery = await value<{ savedTo: string }>(context.dispatch('exportCalendar', { personId }));
    expect(delivery.savedTo).toMatch(/Recert deadlines - Dana Rivera\.ics$/);
    const text = readFileSync(delivery.savedTo, 'utf8');
    // Whole-day alarms as RFC 5545 writes them ("-P30D", not "-P30DT").
    expect(text).toMatch(/^TRIGGER:-P30D\r?$/m);
    expect(text).not.toMatch(/^TRIGGER:-P\d+DT\r?$/m);
    const events = parse(text);
    expect(events.map((e) => e.summary)).toContain('NASM-CPT expires — Dana Rivera');
    const expiration = events.find((e) => e.summary === 'NASM-CPT expires — Dana Rivera');
    expect(expiration).toMatchObject({ uid: `${credentialId}-expiration@recert`, start: '2027-03-31', allDay: true, alarms: [90, 30, 7] });
    expect(expiration?.description).toContain('Still needed: 1.9 CEUs of courses, 1 certificate file for an audit.');
    expect(expiration?.description).toContain('In Recert: Add a course.');
  });

  it('keeps every UID from one export to the next, also after an unrelated change', () => {
    const uids = () =>
      parse(context.service.calendarText({}))
        .map((e) => e.uid)
        .sort();
    const before = uids();
    valueNow(context.dispatch('createPerson', { name: 'Unrelated Person' }));
    valueNow(context.dispatch('updateSettings', { theme: 'dark' }));
    expect(uids()).toEqual(before);
    expect(new Set(before).size).toBe(before.length);
  });

  it('uses the lead times set per credential type: the card its own, the credential its own', () => {
    valueNow(context.dispatch('updateReminderSettings', { leadTimes: { 'cpr-aed': [30], 'nasm-cpt': [60, 14, 0] } }));
    const events = parse(context.service.calendarText({ personId }));
    expect(events.find((e) => e.summary === 'CPR/AED card expires — Dana Rivera')?.alarms).toEqual([30]);
    expect(events.find((e) => e.summary === 'NASM-CPT expires — Dana Rivera')?.alarms).toEqual([60, 14, 0]);
  });
});

describe('reminder settings: bad input changes nothing', () => {
  it('refuses a lead time that is not a whole number of days from 0 to 365, and an unknown credential type', async () => {
    const before = valueNow<ReminderSettings>(context.dispatch('getReminderSettings', {}));
    for (const bad of [[-1], [366], [1.5], ['30'], []]) {
      const result = await context.dispatch('updateReminderSettings', { leadTimes: { 'nasm-cpt': bad } });
      expect(result.ok, JSON.stringify(bad)).toBe(false);
    }
    const unknown = await context.dispatch('updateReminderSettings', { leadTimes: { 'yoga-ryt': [30] } });
    expect(unknown).toMatchObject({ ok: false, error: { field: 'leadTimes.yoga-ryt' } });
    expect(!unknown.ok && unknown.error.message).toMatch(
      /unknown credential type "yoga-ryt"; choose one of ace-cpt, .*nasm-cpt.*, cpr-aed/,
    );
    expect(valueNow<ReminderSettings>(context.dispatch('getReminderSettings', {}))).toEqual(before);
  });

  it('refuses a calendar file that cannot be written, saying what to choose', async () => {
    for (const [path, message] of [
      ['relative/recert.ics', /not a full path/],
      ['/tmp/recert.txt', /must end in \.ics/],
      ['/no/such/folder/recert.ics', /folder \/no\/such\/folder does not exist/],
    ] as const) {
      const result = await context.dispatch('updateReminderSettings', { calendarFile: path });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.message).toMatch(message);
    }
    expect(valueNow<ReminderSettings>(context.dispatch('getReminderSettings', {})).calendarFile).toBeNull();
  });
});

describe('a calendar file that keeps itself current', () => {
  it('is written when chosen, and rewritten after a change of the deadlines', async () => {
    const dir = tempDir('recert-calendar-');
    try {
      mkdirSync(join(dir, 'Sync'));
      const file = join(dir, 'Sync', 'recert.ics');
      valueNow(context.dispatch('updateReminderSettings', { calendarFile: file }));
      expect(parse(readFileSync(file, 'utf8')).map((e) => e.summary)).toContain('NASM-CPT expires — Dana Rivera');
      valueNow(context.dispatch('recordApplication', { credentialId, applicationSubmitted: '2026-11-20' }));
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(parse(readFileSync(file, 'utf8')).map((e) => e.summary)).toEqual(['CPR/AED card expires — Dana Rivera']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the notification schedule (clock injected)', () => {
  const deadline = (uid: string, date: string, personId = 'p1'): Deadline => ({
    uid,
    kind: 'expiration',
    date,
    personId,
    personName: 'Dana',
    credentialId: 'c1',
    leadTimeType: 'nasm-cpt',
    title: `NASM-CPT expires — ${uid}`,
    what: 'NASM-CPT expires',
    description: 'Still needed: 0.4 CEUs of courses.',
    action: { kind: 'add-course', label: 'Add a course' },
  });
  const leads = () => [90, 30, 7];

  it('reminds once per deadline and lead time, never again once shown, and not before the lead time', () => {
    const list = [deadline('a', '2027-03-31')];
    expect(dueNotifications(list, leads, addDays('2027-03-31', -91), EMPTY_NOTIFICATION_STATE).notifications).toEqual([]);
    const first = dueNotifications(list, leads, addDays('2027-03-31', -90), EMPTY_NOTIFICATION_STATE);
    expect(first.notifications).toEqual([
      { title: 'NASM-CPT expires — a', body: 'In 90 days, on 31 Mar 2027. Still needed: 0.4 CEUs of courses.', personId: 'p1' },
    ]);
    expect(dueNotifications(list, leads, addDays('2027-03-31', -89), first.state).notifications).toEqual([]);
    const second = dueNotifications(list, leads, addDays('2027-03-31', -30), first.state);
    expect(second.notifications).toHaveLength(1);
    expect(dueNotifications(list, leads, addDays('2027-03-31', -29), second.state).notifications).toEqual([]);
  });

  it('after days away shows only the nearest reminder, with the days truly left', () => {
    const list = [deadline('a', '2027-03-31')];
    const late = dueNotifications(list, leads, addDays('2027-03-31', -5), EMPTY_NOTIFICATION_STATE);
    expect(late.notifications.map((n) => n.body)).toEqual(['In 5 days, on 31 Mar 2027. Still needed: 0.4 CEUs of courses.']);
    expect(dueNotifications(list, leads, addDays('2027-03-31', -4), late.state).notifications).toEqual([]);
  });

  it('never reminds of a deadline already past', () => {
    expect(dueNotifications([deadline('a', '2026-11-01')], leads, TODAY, EMPTY_NOTIFICATION_STATE).notifications).toEqual([]);
  });

  it('groups many reminders falling together into one summary notification a day', () => {
    const list = ['a', 'b', 'c', 'd', 'e'].map((uid, i) => deadline(uid, addDays(TODAY, 7), `p${i}`));
    const first = dueNotifications(list, leads, TODAY, EMPTY_NOTIFICATION_STATE);
    expect(first.notifications).toEqual([
      {
        title: 'Recert: 5 deadlines coming up',
        body: 'NASM-CPT expires — a; NASM-CPT expires — b; NASM-CPT expires — c; …',
        personId: null,
      },
    ]);
    expect(dueNotifications(list, leads, TODAY, first.state).notifications).toEqual([]);
  });

  it('through the service: nothing when notifications are switched off', () => {
    const on = freshContext({ today: addDays('2027-03-31', -7) });
    try {
      const id = valueNow<{ id: string }>(on.dispatch('createPerson', { name: 'Sam Lee' })).id;
      valueNow(on.dispatch('createCredential', { personId: id, ruleSet: 'nasm-cpt', expires: '2027-03-31' }));
      valueNow(on.dispatch('updateReminderSettings', { notifications: false }));
      expect(on.service.takeDueNotifications()).toEqual([]);
      valueNow(on.dispatch('updateReminderSettings', { notifications: true }));
      expect(on.service.takeDueNotifications().map((n) => n.title)).toContain('NASM-CPT expires — Sam Lee');
      expect(on.service.takeDueNotifications()).toEqual([]);
    } finally {
      on.dispose();
    }
  });
});

describe('recert calendar', () => {
  it('writes the .ics as of a date, for everyone or one person, and refuses bad input with exit 2', async () => {
    const { spawnSync } = await import('node:child_process');
    const { projectRoot } = await import('../../helpers/context');
    const dir = tempDir('recert-calendar-cli-');
    try {
      const cli = (...args: string[]) =>
        spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), 'calendar', ...args], { encoding: 'utf8' });
      const out = join(dir, 'deadlines.ics');
      const ok = cli('--db', context.dataDir, '--person', personId, '--as-of', '2027-03-01', '--out', out);
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/\(5 deadlines\)/);
      const events = parse(readFileSync(out, 'utf8'));
      expect(events.map((e) => e.uid)).toContain(`${credentialId}-expiration@recert`);
      // As of 1 Mar 2027 the card's expiry (1 Feb 2027) is past: no event for it.
      expect(events.map((e) => e.summary)).not.toContain('CPR/AED card expires — Dana Rivera');
      expect(cli('--db', context.dataDir, '--out', join(dir, 'x.txt')).status).toBe(2);
      const badPerson = cli('--db', context.dataDir, '--person', 'nobody', '--out', out);
      expect(badPerson.status).toBe(2);
      expect(badPerson.stderr).toContain('--person: no person with id "nobody"');
      expect(cli('--db', dir, '--out', out).stderr).toMatch(/is not a Recert data folder/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

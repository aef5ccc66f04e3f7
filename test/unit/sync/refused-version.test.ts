// How received versions are stored in the tables. A version this schema refuses (a newer Recert's
// value, or a file altered by hand), arriving in the same change file as good ones: it is kept and
// counted as waiting, and every other record of the file is stored (the refused row's statement is
// undone alone, not the merge around it). A course's credentials follow its latest version.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../main/core/atomic-write';
import { formatStamp } from '../../../main/core/sync/clock';
import { envelope, numberedName, TEAM_FOLDER } from '../../../main/core/sync/folder';
import type { ChangeFile, WireVersion } from '../../../main/core/sync/wire';
import { course, openDevice, person, teamFolder, type Device } from '../../helpers/sync-devices';

const opened: Device[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const device of opened.splice(0)) {
    device.close();
    rmSync(device.dataDir, { recursive: true, force: true });
  }
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

it('stores the good records of a change file and keeps the refused one waiting', async () => {
  const folder = teamFolder();
  folders.push(folder);
  const source = openDevice(folder);
  opened.push(source);
  source.store.transaction(() => {
    source.store.people.insert(person('p1', 'Dana Rivera'));
    source.store.courses.insert(course('good-1', 'p1', 'Kettlebell Level 1'));
  });
  await source.sync();
  const goodData = JSON.parse(
    source.store.db.prepare<[], string>("SELECT versions FROM sync_records WHERE kind = 'course' AND id = 'good-1'").pluck().get() ?? '[]',
  )[0].data as Record<string, unknown>;

  // Another device's change file: a good course, one whose title the schema refuses, another good one.
  const device = 'f00dfeedf00dfeed';
  const version = (id: string, title: string, n: number): WireVersion => {
    const stamp = formatStamp(Date.now(), n, device);
    return { kind: 'course', id, person: 'p1', device, stamp, vector: { [device]: stamp }, data: { ...goodData, title } };
  };
  const file: ChangeFile = {
    format: 'recert-team-changes',
    device,
    seq: 1,
    versions: [version('good-2', 'Mobility Basics', 1), version('refused', '   ', 2), version('good-3', 'TRX Suspension', 3)],
  };
  mkdirSync(join(folder, TEAM_FOLDER, device), { recursive: true });
  writeFileAtomic(join(folder, TEAM_FOLDER, device, numberedName('changes', 1)), envelope('changes', Buffer.from(JSON.stringify(file))));

  const receiver = openDevice(folder);
  opened.push(receiver);
  const result = await receiver.sync();
  expect(result.received).toBe(5);
  expect(receiver.store.courses.get('good-1')?.title).toBe('Kettlebell Level 1');
  expect(receiver.store.courses.get('good-2')?.title).toBe('Mobility Basics');
  expect(receiver.store.courses.get('good-3')?.title).toBe('TRX Suspension');
  expect(receiver.store.courses.get('refused')).toBeUndefined();
  expect(receiver.store.db.prepare('SELECT kind, id, reason FROM sync_waiting').all()).toEqual([
    { kind: 'course', id: 'refused', reason: 'rejected' },
  ]);
  expect(receiver.store.db.prepare<[], string>("SELECT versions FROM sync_records WHERE id = 'refused'").pluck().get()).toContain('   ');
  expect(receiver.store.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
});

it("a course's credentials follow its version: a credential taken off on one device comes off on the other", async () => {
  const folder = teamFolder();
  folders.push(folder);
  const [a, b] = [openDevice(folder), openDevice(folder)];
  opened.push(a, b);
  const credential = (id: string) => ({
    id,
    personId: 'p1',
    ruleSet: 'nasm-cpt',
    number: null,
    expires: '2027-03-31',
    cycleStart: null,
    certified: null,
    applicationSubmitted: null,
    applicationAccepted: null,
    auditNoticeReceived: null,
    documentsSent: null,
  });
  a.store.transaction(() => {
    a.store.people.insert(person('p1', 'Dana Rivera'));
    a.store.credentials.insert(credential('k1'));
    a.store.credentials.insert(credential('k2'));
    a.store.courses.insert(course('c1', 'p1', 'Kettlebell Level 1', ['k1', 'k2']));
  });
  await a.sync();
  await b.sync();
  const links = (device: Device) =>
    device.store.db.prepare<[], string>("SELECT credential_id FROM activity_credentials WHERE activity_id = 'c1' ORDER BY 1").pluck().all();
  expect(links(b)).toEqual(['k1', 'k2']);
  a.store.transaction(() => a.store.courses.update(course('c1', 'p1', 'Kettlebell Level 1', ['k2'])));
  await a.sync();
  await b.sync();
  expect(links(b)).toEqual(['k2']);
});

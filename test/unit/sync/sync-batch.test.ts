// A catch-up stores its records many to a statement, in chunks, with the course indexes built once
// afterwards when it brings more courses than the data folder holds (sync/records.ts). Counts that
// are not multiples of a chunk, and more than the bulk-load threshold, so that a chunk that drops a
// record, a link left out, or an index not built again shows here.
import { rmSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { course, credential, openDevice, person, recordsOf, teamFolder, type Device } from '../../helpers/sync-devices';

const opened: Device[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const device of opened.splice(0)) {
    device.close();
    rmSync(device.dataDir, { recursive: true, force: true });
  }
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const indexesOf = (device: Device, table: string) =>
  device.store.db
    .prepare<[string], string>("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name")
    .pluck()
    .all(table);

it('a new device catches up on 1,203 courses of 7 people, every record, link and index in place', async () => {
  const folder = teamFolder();
  folders.push(folder);
  const source = openDevice(folder);
  opened.push(source);
  source.store.transaction(() => {
    for (let p = 0; p < 7; p++) {
      source.store.people.insert(person(`p${p}`, `Trainer ${p}`));
      source.store.credentials.insert(credential(`k${p}`, `p${p}`));
      source.store.credentials.insert(credential(`k${p}b`, `p${p}`));
    }
    for (let i = 0; i < 1203; i++) {
      const p = i % 7;
      // Two links, one or none: a link count that is no multiple of a chunk either.
      const links = i % 3 === 0 ? [`k${p}`, `k${p}b`] : i % 3 === 1 ? [`k${p}`] : [];
      source.store.courses.insert(course(`c${i}`, `p${p}`, `Course ${i}`, links));
    }
  });
  expect((await source.sync()).sent).toBe(7 + 14 + 1203);

  const receiver = openDevice(folder);
  opened.push(receiver);
  const before = { activities: indexesOf(receiver, 'activities'), sync_records: indexesOf(receiver, 'sync_records') };
  const result = await receiver.sync();
  expect(result.received).toBe(7 + 14 + 1203);
  expect(result.waiting).toBe(0);
  expect(recordsOf(receiver.store)).toEqual(recordsOf(source.store));
  expect(receiver.store.db.prepare<[], number>('SELECT count(*) FROM activity_credentials').pluck().get()).toBe(401 * 2 + 401);
  expect(receiver.store.db.prepare<[], number>('SELECT count(*) FROM sync_records').pluck().get()).toBe(7 + 14 + 1203);
  expect(receiver.store.db.prepare('SELECT * FROM sync_waiting').all()).toEqual([]);
  expect(before.activities.length).toBeGreaterThan(0);
  expect(indexesOf(receiver, 'activities')).toEqual(before.activities);
  expect(indexesOf(receiver, 'sync_records')).toEqual(before.sync_records);
  expect(receiver.store.db.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);

  // The next sync brings one changed course into a folder that holds them all: stored in place.
  source.store.transaction(() => source.store.courses.update(course('c1202', 'p5', 'Course 1202 (retaken)', ['k5'])));
  await source.sync();
  expect((await receiver.sync()).received).toBe(1);
  expect(recordsOf(receiver.store)).toEqual(recordsOf(source.store));
});

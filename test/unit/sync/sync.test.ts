import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { course, openDevice, person, recordsOf, teamFolder, type Device } from '../../helpers/sync-devices';
import { closeSimulation, deliver, deliverAll, pending, simulation, syncDevice, type SimDevice } from '../../helpers/sync-simulation';

const opened: Device[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const device of opened.splice(0)) {
    device.close();
    rmSync(device.dataDir, { recursive: true, force: true });
  }
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function twoDevices(): [Device, Device] {
  const folder = teamFolder();
  folders.push(folder);
  const devices: [Device, Device] = [openDevice(folder), openDevice(folder)];
  opened.push(...devices);
  return devices;
}

describe('recert sync between devices', () => {
  it('brings a course added on one device to the other', async () => {
    const [a, b] = twoDevices();
    a.store.transaction(() => {
      a.store.people.insert(person('p1', 'Dana Rivera'));
      a.store.courses.insert(course('c1', 'p1', 'Kettlebell Level 1'));
    });
    const first = await a.sync();
    expect(first.sent).toBe(2);
    const second = await b.sync();
    expect(second.received).toBe(2);
    expect(recordsOf(b.store)).toEqual(recordsOf(a.store));
    expect(b.store.courses.get('c1')?.title).toBe('Kettlebell Level 1');
  });

  it('keeps both versions of a course changed on two devices and resolves to the one kept', async () => {
    const [a, b] = twoDevices();
    a.store.transaction(() => {
      a.store.people.insert(person('p1', 'Dana Rivera'));
      a.store.courses.insert(course('c1', 'p1', 'Kettlebell Level 1'));
    });
    await a.sync();
    await b.sync();
    a.store.transaction(() => a.store.courses.update({ ...course('c1', 'p1', 'Kettlebell Level 2') }));
    b.store.transaction(() => b.store.courses.update({ ...course('c1', 'p1', 'Kettlebell L1 (retake)') }));
    const fromA = await a.sync();
    const fromB = await b.sync();
    await a.sync();
    expect(fromA.conflicts).toEqual([]);
    expect(fromB.conflicts).toEqual([
      { kind: 'course', id: 'c1', person: 'p1', devices: expect.arrayContaining([fromA.device, fromB.device]) },
    ]);
    expect(recordsOf(a.store)).toEqual(recordsOf(b.store));
  });
});

describe('files delivered out of order', () => {
  it('an older version arriving after a newer one changes nothing', async () => {
    const sim = simulation(2, [0, 0]);
    try {
      const [a, b] = sim.devices as [SimDevice, SimDevice];
      a.device.store.transaction(() => {
        a.device.store.people.insert(person('p1', 'Dana Rivera'));
        a.device.store.courses.insert(course('c1', 'p1', 'Kettlebell Level 1'));
      });
      await syncDevice(sim, a);
      a.device.store.transaction(() => a.device.store.courses.update(course('c1', 'p1', 'Kettlebell Level 2')));
      await syncDevice(sim, a);
      a.device.store.transaction(() => a.device.store.courses.update(course('c1', 'p1', 'Kettlebell Level 3')));
      await syncDevice(sim, a);
      await syncDevice(sim, b);
      // The newest first, then the rest.
      const newest = pending(sim, b).findIndex((key) => key.endsWith('changes-000003.rct'));
      deliver(sim, b, newest, 'whole');
      expect((await syncDevice(sim, b)).waiting).toBe(0);
      expect(b.device.store.courses.get('c1')).toBeUndefined(); // its person has not arrived yet
      deliverAll(sim);
      const after = await syncDevice(sim, b);
      expect(after.conflicts).toEqual([]);
      expect(b.device.store.courses.get('c1')?.title).toBe('Kettlebell Level 3');
    } finally {
      closeSimulation(sim);
    }
  });
});

// A team of simulated devices and the sync tool between them. Each device has its own copy of the
// team folder (as OneDrive or Dropbox keeps one per computer); the "cloud" is every file any device
// has written. The sync tool delivers those files to the other copies one at a time, in any order,
// late, cut short first (a half-delivered file, completed later) or twice under a "conflicted copy"
// name. Devices' clocks are skewed by hours.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { listConflicts } from '../../main/core/sync/engine';
import { openDevice, type Device } from './sync-devices';

export interface SimDevice {
  index: number;
  folder: string;
  device: Device;
  id: string | null;
  skewMs: number;
  /** Ids this device created (records are created with ids unique to their device). */
  counter: number;
}

export interface Simulation {
  devices: SimDevice[];
  cloud: Map<string, Buffer>;
  /** Wall clock shared by all (each device adds its skew). */
  tick: number;
  /** Every value each record was given, by whom: to check that nothing is lost. */
  writes: Map<string, { device: number; value: string | null }[]>;
  root: string;
}

export function simulation(count: number, skews: number[]): Simulation {
  const root = mkdtempSync(join(tmpdir(), 'recert-sim-'));
  const devices: SimDevice[] = [];
  for (let index = 0; index < count; index += 1) {
    const folder = join(root, `folder-${index}`);
    mkdirSync(folder, { recursive: true });
    devices.push({
      index,
      folder,
      device: openDevice(folder, join(root, `data-${index}`)),
      id: null,
      skewMs: skews[index] ?? 0,
      counter: 0,
    });
  }
  return { devices, cloud: new Map(), tick: Date.UTC(2026, 11, 3, 9), writes: new Map(), root };
}

export function closeSimulation(sim: Simulation): void {
  for (const d of sim.devices) d.device.close();
  rmSync(sim.root, { recursive: true, force: true });
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** One sync of one device; its new files go up to the cloud (and must never change after). */
export async function syncDevice(sim: Simulation, d: SimDevice) {
  sim.tick += 1000;
  const result = await d.device.sync({ now: () => sim.tick + d.skewMs, join: { scope: 'everyone', name: `Device ${d.index}` } });
  d.id = result.device;
  const own = join(d.folder, 'recert-team', result.device);
  for (const path of walk(own)) {
    if (path.endsWith('.tmp')) continue;
    const key = relative(d.folder, path);
    const bytes = readFileSync(path);
    const known = sim.cloud.get(key);
    if (known && !known.equals(bytes)) throw new Error(`${key} changed after it was written`);
    sim.cloud.set(key, bytes);
  }
  return result;
}

/** Files of the cloud not yet whole in this device's copy (its own are never delivered to it). */
export function pending(sim: Simulation, d: SimDevice): string[] {
  return [...sim.cloud.keys()]
    .filter((key) => !(d.id && key.startsWith(join('recert-team', d.id))))
    .filter((key) => {
      const path = join(d.folder, key);
      return !existsSync(path) || statSync(path).size !== sim.cloud.get(key)?.length;
    })
    .sort();
}

export type DeliveryMode = 'whole' | 'half' | 'conflicted-copy';

export function deliver(sim: Simulation, d: SimDevice, pick: number, mode: DeliveryMode): void {
  const keys = pending(sim, d);
  if (keys.length === 0) return;
  const key = keys[pick % keys.length] as string;
  const bytes = sim.cloud.get(key) as Buffer;
  let path = join(d.folder, key);
  mkdirSync(dirname(path), { recursive: true });
  if (mode === 'half') {
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    return;
  }
  if (mode === 'conflicted-copy') path = path.replace(/(\.[a-z]+)$/, ` (Device ${d.index}'s conflicted copy)$1`);
  writeFileSync(path, bytes);
}

export function deliverAll(sim: Simulation): void {
  for (const d of sim.devices)
    for (const key of pending(sim, d)) {
      const path = join(d.folder, key);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, sim.cloud.get(key) as Buffer);
    }
}

/** Deliver everything and sync everyone until nobody has anything new. */
export async function settle(sim: Simulation): Promise<void> {
  for (let round = 0; round < 8; round += 1) {
    let sent = 0;
    for (const d of sim.devices) sent += (await syncDevice(sim, d)).sent;
    deliverAll(sim);
    if (sent === 0 && round > 0) {
      // One more round so that the last files sent are applied everywhere.
      for (const d of sim.devices) await syncDevice(sim, d);
      return;
    }
  }
  throw new Error('the devices did not settle in 8 rounds');
}

export function conflictsOf(d: SimDevice) {
  return listConflicts(d.device.store.db);
}

export function sha(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

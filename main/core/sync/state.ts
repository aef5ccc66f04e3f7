// This data folder's standing in its team: device id and name, whose records it takes, its clock,
// its next change file's number, and what it last received from whom (for the words in Settings).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../store';
import type { ClockState } from './clock';

export interface DeviceState {
  device: string;
  name: string;
  /** 'everyone' (a manager's Recert) or the one person whose records this Recert takes. */
  scope: string;
  clock: ClockState;
  nextSeq: number;
  /** The sequence number of this device's latest snapshot (0: none yet). */
  snapshotSeq: number;
  /** Salt of this device's passphrase key (team-crypt.ts). */
  salt: string;
  /** The folder last synced with. */
  folder: string | null;
  /** Other devices: their names and when (this device's clock, ms) something last came from each. */
  received: Record<string, { name: string; at: number }>;
  /** The last sync's outcome, for the state shown in Settings. */
  last: { at: number; ok: boolean; message: string | null } | null;
}

export const EVERYONE = 'everyone';

export function newDeviceId(): string {
  // 16 characters of [a-z0-9]: a folder name every file system and sync tool keeps as it is.
  return randomBytes(10).toString('hex').slice(0, 16);
}

export function defaultDeviceName(): string {
  const host = hostname()
    .replace(/\.local$/i, '')
    .trim();
  return host.length > 0 ? host.slice(0, 80) : 'This computer';
}

export function stateStore(db: Db) {
  const read = db.prepare<[], { value: string }>("SELECT value FROM sync_state WHERE key = 'device'");
  const write = db.prepare<[string]>(
    "INSERT INTO sync_state (key, value) VALUES ('device', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  );
  return {
    get(): DeviceState | null {
      const row = read.get();
      return row ? (JSON.parse(row.value) as DeviceState) : null;
    },
    put(state: DeviceState): void {
      write.run(JSON.stringify(state));
    },
  };
}

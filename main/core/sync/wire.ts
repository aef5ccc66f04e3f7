// What change files and snapshots hold, and the checks every record read from the folder passes
// before it is merged: a file from another Recert (or altered by hand) cannot put garbage in the
// tables, whatever it says.
import { stampDevice } from './clock';
import { isDeviceId } from './folder';
import { CREDENTIAL_IDS, isRecordKind, type RecordKind } from './kinds';
import type { RecordData, Version } from './versions';

export interface WireVersion extends Version {
  kind: RecordKind;
  id: string;
  person: string | null;
}

export interface ChangeFile {
  format: 'recert-team-changes';
  device: string;
  seq: number;
  versions: WireVersion[];
}

export interface SnapshotFile {
  format: 'recert-team-snapshot';
  device: string;
  seq: number;
  scope: string;
  /** For each device, the sequence number up to which every one of its files is included. */
  upTo: Record<string, number>;
  versions: WireVersion[];
}

export interface DeviceFile {
  format: 'recert-team-device';
  device: string;
  name: string;
  scope: string;
}

/** Ids are 1–64 characters without control characters (the schema's own rule). */
function isRecordId(value: unknown): value is string {
  if (typeof value !== 'string' || value.length < 1 || value.length > 64) return false;
  for (let i = 0; i < value.length; i += 1) if (value.charCodeAt(i) < 0x20) return false;
  return true;
}

const COLUMN = /^[a-z_][a-z0-9_]{0,63}$/;

function isData(value: unknown): value is RecordData {
  if (value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const data = value as Record<string, unknown>;
  for (const key of Object.keys(data)) {
    const field = data[key];
    if (!COLUMN.test(key)) return false;
    if (key === CREDENTIAL_IDS) {
      if (!Array.isArray(field) || !field.every((id) => isRecordId(id))) return false;
      continue;
    }
    if (field !== null && typeof field !== 'string' && typeof field !== 'number' && typeof field !== 'boolean') return false;
    if (typeof field === 'string' && field.length > 10_000) return false;
  }
  return true;
}

export function isWireVersion(value: unknown): value is WireVersion {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (!isRecordKind(v.kind) || !isRecordId(v.id)) return false;
  if (v.person !== null && !isRecordId(v.person)) return false;
  if (!isDeviceId(v.device) || stampDevice(v.stamp) !== v.device) return false;
  if (typeof v.vector !== 'object' || v.vector === null || Array.isArray(v.vector)) return false;
  const vector = v.vector as Record<string, unknown>;
  for (const device of Object.keys(vector)) if (!isDeviceId(device) || stampDevice(vector[device]) !== device) return false;
  if (vector[v.device] !== v.stamp) return false;
  return isData(v.data);
}

/** The change file's content, or null when it is not one (or not the one its name says). */
export function parseChangeFile(body: Buffer, device: string, seq: number): ChangeFile | null {
  const parsed = parseJson(body);
  if (!parsed || parsed.format !== 'recert-team-changes' || parsed.device !== device || parsed.seq !== seq) return null;
  if (!Array.isArray(parsed.versions) || !parsed.versions.every(isWireVersion)) return null;
  return parsed as unknown as ChangeFile;
}

export function parseSnapshotFile(body: Buffer, device: string, seq: number): SnapshotFile | null {
  const parsed = parseJson(body);
  if (!parsed || parsed.format !== 'recert-team-snapshot' || parsed.device !== device || parsed.seq !== seq) return null;
  if (typeof parsed.scope !== 'string' || typeof parsed.upTo !== 'object' || parsed.upTo === null) return null;
  for (const [d, n] of Object.entries(parsed.upTo as Record<string, unknown>)) if (!isDeviceId(d) || !Number.isSafeInteger(n)) return null;
  if (!Array.isArray(parsed.versions) || !parsed.versions.every(isWireVersion)) return null;
  return parsed as unknown as SnapshotFile;
}

export function parseDeviceFile(body: Buffer, device: string): DeviceFile | null {
  const parsed = parseJson(body);
  if (!parsed || parsed.format !== 'recert-team-device' || parsed.device !== device) return null;
  if (typeof parsed.name !== 'string' || parsed.name.length > 200 || typeof parsed.scope !== 'string') return null;
  return parsed as unknown as DeviceFile;
}

function parseJson(body: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

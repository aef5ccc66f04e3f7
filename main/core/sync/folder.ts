// The team folder on disk. Each device writes only under recert-team/<device>/, and only new files:
// written to a temporary name, flushed, then renamed, never changed or removed after. So the sync
// tool (OneDrive, Dropbox, Syncthing, an SMB share) never sees two machines write the same file.
// Reading tolerates what sync tools do: files that arrive late, twice ("conflicted copy"), out of
// order, cut short, or never (a device that vanished): a file is used only once its length and
// SHA-256, written inside it, check out.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import { crashPoint } from '../crash-point';
import { isEncrypted, type TeamCrypt } from './team-crypt';

export const TEAM_FOLDER = 'recert-team';
export const DEVICE_FILE = 'device.rct';
export const FILES_FOLDER = 'files';
const DEVICE_ID = /^[a-z0-9]{16}$/;
/** changes-000012.rct, snapshot-000040.rct; a sync tool's copy keeps the start of the name. */
const NUMBERED = /^(changes|snapshot)-(\d{6,12})(?![0-9]).*\.rct$/;
const CERTIFICATE = /^([0-9a-f]{64})(?![0-9a-f]).*\.rcf$/;
const MAGIC = 'RECERT-TEAM 1';

export type EnvelopeKind = 'device' | 'changes' | 'snapshot' | 'file';

export function isDeviceId(value: unknown): value is string {
  return typeof value === 'string' && DEVICE_ID.test(value);
}

export function numberedName(kind: 'changes' | 'snapshot', seq: number): string {
  return `${kind}-${String(seq).padStart(6, '0')}.rct`;
}

/** The file's bytes wrapped with what proves them whole: kind, length and SHA-256. */
export function envelope(kind: EnvelopeKind, body: Uint8Array): Buffer {
  const hash = createHash('sha256').update(body).digest('hex');
  return Buffer.concat([Buffer.from(`${MAGIC} ${kind} ${body.length} ${hash}\n`, 'latin1'), body]);
}

/** The body when the envelope is whole and of this kind; null when it is not (yet). */
export function openEnvelope(kind: EnvelopeKind, bytes: Uint8Array): Buffer | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buffer.indexOf(0x0a);
  if (end < 0 || end > 200) return null;
  const [magic, version, found, length, hash] = buffer.subarray(0, end).toString('latin1').split(' ');
  if (`${magic} ${version}` !== MAGIC || found !== kind || !length || !hash) return null;
  const body = buffer.subarray(end + 1);
  if (body.length !== Number(length)) return null;
  if (createHash('sha256').update(body).digest('hex') !== hash) return null;
  return body;
}

export interface ListedFile {
  kind: 'changes' | 'snapshot';
  seq: number;
  path: string;
}

export interface DeviceListing {
  device: string;
  dir: string;
  numbered: ListedFile[];
  certificates: Map<string, string[]>;
}

export function teamRoot(folder: string): string {
  return join(folder, TEAM_FOLDER);
}

/** Every device folder in the team folder and its numbered files, duplicates included (each is a candidate). */
export function listTeam(folder: string): DeviceListing[] {
  const root = teamRoot(folder);
  if (!existsSync(root)) return [];
  const devices: DeviceListing[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || !isDeviceId(entry.name)) continue;
    const dir = join(root, entry.name);
    const numbered: ListedFile[] = [];
    for (const name of safeReaddir(dir)) {
      const match = NUMBERED.exec(name);
      if (match) numbered.push({ kind: match[1] as 'changes' | 'snapshot', seq: Number(match[2]), path: join(dir, name) });
    }
    numbered.sort((a, b) => a.seq - b.seq || a.path.localeCompare(b.path));
    const certificates = new Map<string, string[]>();
    for (const name of safeReaddir(join(dir, FILES_FOLDER))) {
      const match = CERTIFICATE.exec(name);
      if (!match) continue;
      const sha256 = match[1] as string;
      certificates.set(sha256, [...(certificates.get(sha256) ?? []), join(dir, FILES_FOLDER, name)]);
    }
    devices.push({ device: entry.name, dir, numbered, certificates });
  }
  return devices.sort((a, b) => a.device.localeCompare(b.device));
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Reads a team-folder file and opens it (decrypting when it is encrypted); null while incomplete. */
export async function readTeamFile(path: string, kind: EnvelopeKind, crypt: TeamCrypt | null): Promise<Buffer | null> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return null;
  }
  if (isEncrypted(bytes)) {
    if (!crypt) throw new EncryptedFolderError();
    let plain: Uint8Array;
    try {
      plain = await crypt.decrypt(bytes);
    } catch (error) {
      if (error instanceof Error && error.name === 'WrongPassphraseError') throw error;
      return null; // cut short or damaged: waits for the sync tool to finish delivering it
    }
    return openEnvelope(kind, plain);
  }
  return openEnvelope(kind, bytes);
}

/** The folder's files are encrypted and no passphrase was given. */
export class EncryptedFolderError extends Error {
  override name = 'EncryptedFolderError';
  constructor() {
    super('this team folder is encrypted: give the team passphrase (RECERT_PASSPHRASE)');
  }
}

/** Writes a new file under this device's folder: whole, under its final name, or not at all. */
export async function writeTeamFile(path: string, kind: EnvelopeKind, body: Uint8Array, crypt: TeamCrypt | null): Promise<void> {
  const plain = envelope(kind, body);
  const bytes = crypt ? await crypt.encrypt(plain) : plain;
  mkdirSync(join(path, '..'), { recursive: true });
  // A kill -9 test stops here: the whole file under its temporary name, not yet renamed.
  writeFileAtomic(path, bytes, () => crashPoint(`sync-${kind}-before-rename`));
}

/** This device's own leftovers of a write a crash interrupted (temporary names only). */
export function sweepOwnTemporaries(dir: string): void {
  for (const name of safeReaddir(dir)) {
    if (name.startsWith('.') && name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
  }
  for (const name of safeReaddir(join(dir, FILES_FOLDER))) {
    if (name.startsWith('.') && name.endsWith('.tmp')) rmSync(join(dir, FILES_FOLDER, name), { force: true });
  }
}

export function folderReachable(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

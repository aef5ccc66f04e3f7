// One sync with a team folder (docs/sync.md): read every device's new files, check the passphrase
// against them before anything is written, capture this device's changes and merge the others' in
// one transaction, then write this device's new change file (and now and then a snapshot).
import { join } from 'node:path';
import type { ContentStore } from '../attachments/file-store';
import { crashPoint } from '../crash-point';
import { sha256Hex } from '../attachments/file-store';
import type { Db } from '../store';
import { installCapture, quietly } from './capture';
import { hybridClock, type HybridClock } from './clock';
import {
  DEVICE_FILE,
  EncryptedFolderError,
  FILES_FOLDER,
  folderReachable,
  listTeam,
  numberedName,
  readTeamFile,
  sweepOwnTemporaries,
  teamRoot,
  writeTeamFile,
  type DeviceListing,
} from './folder';
import { KINDS, recordKinds, type RecordKind } from './kinds';
import { recordStore, type KeptRecord, type RecordStore, type StoredLater } from './records';
import { defaultDeviceName, EVERYONE, newDeviceId, stateStore, type DeviceState } from './state';
import { newSalt, teamCrypt, WrongPassphraseError, type TeamCrypt } from './team-crypt';
import { canonicalData, mergeVersion, vectorOver, type RecordData, type Version } from './versions';
import {
  parseChangeFile,
  parseDeviceFile,
  parseSnapshotFile,
  type ChangeFile,
  type DeviceFile,
  type SnapshotFile,
  type WireVersion,
} from './wire';

/** A snapshot after this many change files of one's own since the last. */
export const SNAPSHOT_EVERY = 20;

/** A sync refused: the message says what to do; nothing was written. */
export class SyncError extends Error {
  override name = 'SyncError';
  constructor(
    readonly code: 'folder' | 'passphrase' | 'encrypted' | 'not-joined' | 'unknown-record' | 'unknown-device',
    message: string,
  ) {
    super(message);
  }
}

export interface SyncConflict {
  kind: RecordKind;
  id: string;
  person: string | null;
  /** The devices whose versions stand side by side, the one shown first. */
  devices: string[];
}

export interface SyncResult {
  device: string;
  sent: number;
  received: number;
  conflicts: SyncConflict[];
  waiting: number;
}

export interface SyncInput {
  db: Db;
  files: ContentStore;
  folder: string;
  passphrase?: string | null;
  /** Wall-clock milliseconds: injected so that tests can skew a device's clock by hours. */
  now?: () => number;
  /** On joining: this device's name and whose records it takes (default: its one person, or everyone). */
  join?: { name?: string; scope?: string };
}

interface ReadFiles {
  changes: { listing: DeviceListing; file: ChangeFile }[];
  snapshot: SnapshotFile | null;
  /** Device files seen for names; unseen snapshots passed over (their contents come from change files). */
  devices: Map<string, DeviceFile>;
  skippedSnapshots: { device: string; seq: number }[];
  waiting: number;
}

export async function syncWithFolder(input: SyncInput): Promise<SyncResult> {
  const { db, files, folder } = input;
  const now = input.now ?? Date.now;
  if (!folderReachable(folder)) {
    throw new SyncError('folder', `the team folder ${folder} is not reachable: check that it exists and the sync tool is running`);
  }
  const states = stateStore(db);
  const state: DeviceState = states.get() ?? newState(db, input);
  state.folder = folder;
  const crypt = input.passphrase ? teamCrypt(input.passphrase, state.salt) : null;
  const ownDir = join(teamRoot(folder), state.device);
  sweepOwnTemporaries(ownDir);

  const listing = listTeam(folder);
  const read = await readFolder(db, state, listing, crypt);
  const records = recordStore(db, (sha) => files.has(sha));
  await fetchCertificates(read, listing, files, crypt, records);

  const clock = hybridClock(state.device, state.clock, now);
  let received = 0;
  db.transaction(() => {
    installCapture(db);
    captureLocal(db, records, state, clock);
    quietly(db, () => {
      const apply = merger(db, records, state, clock);
      if (read.snapshot) {
        apply.mergeAll(read.snapshot.versions);
        markSeenUpTo(db, read.snapshot.upTo);
      }
      for (const { file } of read.changes) {
        apply.mergeAll(file.versions);
        if (file.device === state.device) dropFromOutbox(db, file.versions);
        db.prepare('INSERT OR IGNORE INTO sync_seen (device, seq) VALUES (?, ?)').run(file.device, file.seq);
        state.nextSeq = Math.max(state.nextSeq, file.seq + 1);
        crashPoint('sync-applying');
      }
      for (const skipped of read.skippedSnapshots) {
        db.prepare('INSERT OR IGNORE INTO sync_seen (device, seq) VALUES (?, ?)').run(skipped.device, skipped.seq);
        if (skipped.device === state.device) state.nextSeq = Math.max(state.nextSeq, skipped.seq + 1);
      }
      apply.materialiseAll();
      received = apply.receivedFrom.size > 0 ? apply.received : 0;
      for (const device of apply.receivedFrom) {
        state.received[device] = { name: read.devices.get(device)?.name ?? state.received[device]?.name ?? device, at: now() };
      }
    });
    for (const [device, file] of read.devices) {
      if (device !== state.device && state.received[device]) state.received[device].name = file.name;
    }
    state.clock = clock.state();
    states.put(state);
  })();

  const sent = await writeOutgoing(db, files, records, state, listing, crypt, read.devices.has(state.device));
  const conflicts = listConflicts(db);
  db.transaction(() => {
    state.last = { at: now(), ok: true, message: null };
    states.put(state);
  })();
  return { device: state.device, sent, received, conflicts, waiting: read.waiting + countWaitingFiles(db) };
}

function newState(db: Db, input: SyncInput): DeviceState {
  const people = db.prepare<[], string>('SELECT id FROM people').pluck().all();
  return {
    device: newDeviceId(),
    name: input.join?.name?.trim() || defaultDeviceName(),
    scope: input.join?.scope ?? (people.length === 1 ? (people[0] as string) : EVERYONE),
    clock: { wall: 0, counter: 0 },
    nextSeq: 1,
    snapshotSeq: 0,
    salt: newSalt(),
    folder: input.folder,
    received: {},
    last: null,
  };
}

/** Reads what is new in the folder; throws before anything is written when the passphrase is wrong. */
async function readFolder(db: Db, state: DeviceState, listing: DeviceListing[], crypt: TeamCrypt | null): Promise<ReadFiles> {
  const seen = new Set(db.prepare<[], string>("SELECT device || ':' || seq FROM sync_seen").pluck().all());
  const isNew = seen.size === 0 && db.prepare<[], number>('SELECT count(*) FROM sync_records').pluck().get() === 0;
  const result: ReadFiles = { changes: [], snapshot: null, devices: new Map(), skippedSnapshots: [], waiting: 0 };
  try {
    for (const device of listing) {
      const info = await readTeamFile(join(device.dir, DEVICE_FILE), 'device', crypt);
      const parsed = info ? parseDeviceFile(info, device.device) : null;
      if (parsed) result.devices.set(device.device, parsed);
    }
    if (isNew) result.snapshot = await bestSnapshot(listing, state, crypt);
    const covered = result.snapshot?.upTo ?? {};
    for (const device of listing) {
      const done = new Set<number>();
      const failed = new Set<number>();
      for (const entry of device.numbered) {
        if (done.has(entry.seq) || seen.has(`${device.device}:${entry.seq}`) || entry.seq <= (covered[device.device] ?? 0)) continue;
        if (entry.kind === 'snapshot') {
          result.skippedSnapshots.push({ device: device.device, seq: entry.seq });
          done.add(entry.seq);
          continue;
        }
        const body = await readTeamFile(entry.path, 'changes', crypt);
        const file = body ? parseChangeFile(body, device.device, entry.seq) : null;
        if (!file) {
          failed.add(entry.seq);
          continue;
        }
        done.add(entry.seq);
        failed.delete(entry.seq);
        result.changes.push({ listing: device, file });
      }
      for (const seq of failed) if (!done.has(seq)) result.waiting += 1;
    }
  } catch (error) {
    rethrowRefusal(error);
  }
  return result;
}

function rethrowRefusal(error: unknown): never {
  if (error instanceof WrongPassphraseError)
    throw new SyncError('passphrase', 'the team passphrase is wrong: this team folder was encrypted with another one; nothing was written');
  if (error instanceof EncryptedFolderError)
    throw new SyncError('encrypted', 'this team folder is encrypted: set RECERT_PASSPHRASE to the team passphrase; nothing was written');
  throw error;
}

/** The newest snapshot that covers most, of a scope this device can take records from. */
async function bestSnapshot(listing: DeviceListing[], state: DeviceState, crypt: TeamCrypt | null): Promise<SnapshotFile | null> {
  let best: SnapshotFile | null = null;
  const coverage = (s: SnapshotFile) => Object.values(s.upTo).reduce((sum, n) => sum + n, 0);
  for (const device of listing) {
    const snapshots = device.numbered.filter((entry) => entry.kind === 'snapshot').reverse();
    for (const entry of snapshots) {
      const body = await readTeamFile(entry.path, 'snapshot', crypt);
      const snapshot = body ? parseSnapshotFile(body, device.device, entry.seq) : null;
      if (!snapshot) continue;
      if (snapshot.scope === EVERYONE || snapshot.scope === state.scope) {
        if (!best || coverage(snapshot) > coverage(best)) best = snapshot;
      }
      break;
    }
  }
  return best;
}

/** Brings in the certificate files the received records name, each checked against its SHA-256. */
async function fetchCertificates(
  read: ReadFiles,
  listing: DeviceListing[],
  files: ContentStore,
  crypt: TeamCrypt | null,
  records: RecordStore,
) {
  const wanted = new Set<string>();
  const consider = (version: WireVersion) => {
    if (version.kind === 'attachment' && version.data && typeof version.data.sha256 === 'string') wanted.add(version.data.sha256);
  };
  for (const version of read.snapshot?.versions ?? []) consider(version);
  for (const { file } of read.changes) for (const version of file.versions) consider(version);
  for (const sha256 of records.waitingFiles()) wanted.add(sha256);
  for (const sha256 of wanted) {
    if (!/^[0-9a-f]{64}$/.test(sha256) || files.has(sha256)) continue;
    for (const device of listing) {
      for (const path of device.certificates.get(sha256) ?? []) {
        const body = await readTeamFile(path, 'file', crypt);
        if (body && sha256Hex(body) === sha256) {
          files.put(body);
          break;
        }
      }
      if (files.has(sha256)) break;
    }
  }
}

/** Turns the records written here since the last sync into versions of this device. */
function captureLocal(db: Db, records: RecordStore, state: DeviceState, clock: HybridClock): void {
  const dirty = db.prepare<[], { kind: RecordKind; id: string }>('SELECT kind, id FROM sync_dirty').all();
  const outbox = db.prepare<[string, string, string]>('INSERT OR IGNORE INTO sync_outbox (kind, id, stamp) VALUES (?, ?, ?)');
  for (const { kind, id } of dirty) {
    if (!(kind in KINDS)) continue;
    const record = records.kept(kind, id);
    const shown = record?.versions[0];
    let data = records.currentData(kind, id);
    if (data && shown?.data) data = { ...unknownColumns(records, kind, shown.data), ...data };
    if (!shown && data === null) continue;
    if (shown && canonicalData(shown.data) === canonicalData(data)) continue;
    const stamp = clock.tick();
    const version: Version = { device: state.device, stamp, vector: vectorOver(shown ? [shown] : [], state.device, stamp), data };
    if (data === null && shown?.data) setAside(db, kind, id, shown, 'deleted');
    records.keep({
      kind,
      id,
      person: records.personOf(kind, id, data) ?? record?.person ?? null,
      versions: mergeVersion(record?.versions ?? [], version).versions,
    });
    outbox.run(kind, id, stamp);
  }
  db.prepare('DELETE FROM sync_dirty').run();
}

/** Columns a newer Recert sent that this one's tables lack: carried forward, never dropped by an edit here. */
function unknownColumns(records: RecordStore, kind: RecordKind, data: Record<string, unknown>): Record<string, unknown> {
  const known = new Set(records.columns.get(kind));
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (!known.has(key) && key !== 'credential_ids') extra[key] = value;
  return extra;
}

function setAside(db: Db, kind: RecordKind, id: string, version: Version, why: 'deleted' | 'resolved'): void {
  db.prepare('INSERT OR IGNORE INTO sync_history (kind, id, stamp, device, data, set_aside) VALUES (?, ?, ?, ?, ?, ?)').run(
    kind,
    id,
    version.stamp,
    version.device,
    JSON.stringify(version.data),
    why,
  );
}

/**
 * Merges received versions; stores each changed record's shown version in its table afterwards.
 * The records a file names are read in chunks before its versions merge, and the changed ones are
 * written back once each, in chunks, before they are stored in their tables: a catch-up merges tens
 * of thousands of records, and a statement per record and step was most of its time.
 */
function merger(db: Db, records: RecordStore, state: DeviceState, clock: HybridClock) {
  /**
   * False on a new device's catch-up: no record is kept until this merge writes them back, so none
   * is read first, and every kept child is one merged here.
   */
  const keptBefore = records.anyKept();
  /** The records whose versions changed here, by kind and id. */
  const affected = byKind<KeptRecord>();
  /** Records read before their versions merged (undefined: none kept yet). */
  const read = byKind<KeptRecord | undefined>();
  const receivedFrom = new Set<string>();
  let received = 0;
  /** The latest stamp taken: stamps sort as they order, so the clock moves once per file, to it. */
  let latest = '';
  function takes(version: WireVersion): boolean {
    if (state.scope === EVERYONE) return true;
    return version.person === state.scope || (version.kind === 'person' && version.id === state.scope);
  }
  function readAhead(versions: readonly WireVersion[]): void {
    const wanted = byKind<true>();
    for (const version of versions) {
      const { kind, id } = version;
      if (affected[kind].has(id) || read[kind].has(id) || !takes(version)) continue;
      wanted[kind].set(id, true);
    }
    for (const kind of recordKinds) {
      const ids = [...wanted[kind].keys()];
      if (ids.length === 0) continue;
      const found = keptBefore ? records.keptMany(kind, ids) : new Map<string, KeptRecord>();
      for (const id of ids) read[kind].set(id, found.get(id));
    }
  }
  function writeBack(): void {
    const changed = recordKinds.flatMap((kind) => [...affected[kind].values()]);
    records.bulkLoad('sync_records', changed.length, () => records.keepMany(changed));
  }
  function merge(incoming: WireVersion): void {
    if (!takes(incoming)) return;
    if (incoming.stamp > latest) latest = incoming.stamp;
    const { kind, id } = incoming;
    const record = affected[kind].get(id) ?? (read[kind].has(id) ? read[kind].get(id) : records.kept(kind, id));
    const version: Version = { device: incoming.device, stamp: incoming.stamp, vector: incoming.vector, data: incoming.data };
    const current = record?.versions ?? [];
    const merged = mergeVersion(current, version);
    if (!merged.changed) return;
    if (version.data === null) {
      for (const gone of current) if (gone.data !== null && !merged.versions.includes(gone)) setAside(db, kind, id, gone, 'deleted');
    }
    affected[kind].set(id, { kind, id, person: incoming.person ?? record?.person ?? null, versions: merged.versions });
    if (incoming.device !== state.device) {
      received += 1;
      receivedFrom.add(incoming.device);
    }
  }
  return {
    get received() {
      return received;
    },
    receivedFrom,
    mergeAll(versions: readonly WireVersion[]): void {
      readAhead(versions);
      for (const version of versions) merge(version);
      clock.receive(latest);
    },
    materialiseAll(): void {
      writeBack();
      // Parents' kinds first: a child stored in a later pass need not be marked waiting for its new parent.
      const later: StoredLater = keptBefore ? (kind, id) => affected[kind].has(id) : 'all';
      for (const kind of recordKinds) {
        const items = [...affected[kind].values()].map((record) => ({ id: record.id, data: record.versions[0]?.data ?? null }));
        // The course pass reads no course index (deletions that cascade by person ran in the person pass).
        if (kind === 'course') records.bulkLoad(KINDS.course.table, items.length, () => records.materialiseMany(kind, items, later));
        else records.materialiseMany(kind, items, later);
      }
      retryWaiting(records);
    },
  };
}

/** A map of records for each kind, by id. */
function byKind<T>(): Record<RecordKind, Map<string, T>> {
  return Object.fromEntries(recordKinds.map((kind) => [kind, new Map<string, T>()])) as Record<RecordKind, Map<string, T>>;
}

/** Records that waited for a parent, a credential or a file: stored once what they need is there. */
function retryWaiting(records: RecordStore): void {
  let before = records.waitingSignature();
  for (let pass = 0; pass < 20; pass += 1) {
    for (const { kind, id } of records.waiting()) {
      const record = records.kept(kind, id);
      if (!record) records.unwait(kind, id);
      else records.materialise(kind, id, record.versions[0]?.data ?? null);
    }
    const after = records.waitingSignature();
    if (after === before) return;
    before = after;
  }
}

function markSeenUpTo(db: Db, upTo: Record<string, number>): void {
  const mark = db.prepare<[number, string]>(
    `WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ?1)
     INSERT OR IGNORE INTO sync_seen (device, seq) SELECT ?2, n FROM s`,
  );
  for (const [device, seq] of Object.entries(upTo)) if (seq > 0) mark.run(seq, device);
}

function dropFromOutbox(db: Db, versions: readonly WireVersion[]): void {
  const drop = db.prepare<[string, string, string]>('DELETE FROM sync_outbox WHERE kind = ? AND id = ? AND stamp = ?');
  for (const version of versions) drop.run(version.kind, version.id, version.stamp);
}

/** For each device, the number up to which every one of its files has been applied here. */
function seenUpTo(db: Db): Record<string, number> {
  const rows = db.prepare<[], { device: string; seq: number }>('SELECT device, seq FROM sync_seen ORDER BY device, seq').all();
  const upTo: Record<string, number> = {};
  for (const { device, seq } of rows) {
    const at = upTo[device] ?? 0;
    if (seq === at + 1) upTo[device] = seq;
    else if (!(device in upTo)) upTo[device] = 0;
  }
  return upTo;
}

async function writeOutgoing(
  db: Db,
  files: ContentStore,
  records: RecordStore,
  state: DeviceState,
  listing: DeviceListing[],
  crypt: TeamCrypt | null,
  hasDeviceFile: boolean,
): Promise<number> {
  const ownDir = join(teamRoot(state.folder ?? ''), state.device);
  if (!hasDeviceFile) {
    const device: DeviceFile = { format: 'recert-team-device', device: state.device, name: state.name, scope: state.scope };
    await writeTeamFile(join(ownDir, DEVICE_FILE), 'device', Buffer.from(JSON.stringify(device)), crypt);
  }
  const rows = db.prepare<[], { kind: RecordKind; id: string; stamp: string }>('SELECT kind, id, stamp FROM sync_outbox').all();
  if (rows.length === 0) return 0;
  const versions: WireVersion[] = [];
  for (const row of rows) {
    const record = records.kept(row.kind, row.id);
    const version = record?.versions.find((v) => v.stamp === row.stamp);
    if (record && version) versions.push({ kind: row.kind, id: row.id, person: record.person, ...version });
  }
  const present = new Set(listing.flatMap((device) => [...device.certificates.keys()]));
  for (const version of versions) {
    const sha256 = version.kind === 'attachment' ? version.data?.sha256 : undefined;
    if (typeof sha256 === 'string' && !present.has(sha256) && files.has(sha256)) {
      await writeTeamFile(join(ownDir, FILES_FOLDER, `${sha256}.rcf`), 'file', files.read(sha256), crypt);
      present.add(sha256);
    }
  }
  const own = listing.find((device) => device.device === state.device);
  const seq = Math.max(state.nextSeq, ...(own?.numbered.map((entry) => entry.seq + 1) ?? []));
  if (versions.length > 0) {
    const file: ChangeFile = { format: 'recert-team-changes', device: state.device, seq, versions };
    await writeTeamFile(join(ownDir, numberedName('changes', seq)), 'changes', Buffer.from(JSON.stringify(file)), crypt);
    crashPoint('sync-change-written');
  }
  const states = stateStore(db);
  db.transaction(() => {
    const drop = db.prepare<[string, string, string]>('DELETE FROM sync_outbox WHERE kind = ? AND id = ? AND stamp = ?');
    for (const row of rows) drop.run(row.kind, row.id, row.stamp);
    if (versions.length > 0) {
      db.prepare('INSERT OR IGNORE INTO sync_seen (device, seq) VALUES (?, ?)').run(state.device, seq);
      state.nextSeq = seq + 1;
    }
    states.put(state);
  })();
  if (versions.length > 0 && seq - state.snapshotSeq >= SNAPSHOT_EVERY) await writeSnapshot(db, state, crypt);
  return versions.length;
}

/** Everything this device holds, so that a device joining later reads one file instead of the history. */
export async function writeSnapshot(db: Db, state: DeviceState, crypt: TeamCrypt | null): Promise<void> {
  const seq = state.nextSeq;
  const versions: WireVersion[] = [];
  for (const row of db
    .prepare<[], { kind: RecordKind; id: string; person: string | null; versions: string }>(
      'SELECT kind, id, person, versions FROM sync_records',
    )
    .iterate()) {
    for (const version of JSON.parse(row.versions) as Version[])
      versions.push({ kind: row.kind, id: row.id, person: row.person, ...version });
  }
  const upTo = seenUpTo(db);
  upTo[state.device] = seq;
  const snapshot: SnapshotFile = { format: 'recert-team-snapshot', device: state.device, seq, scope: state.scope, upTo, versions };
  await writeTeamFile(
    join(teamRoot(state.folder ?? ''), state.device, numberedName('snapshot', seq)),
    'snapshot',
    Buffer.from(JSON.stringify(snapshot)),
    crypt,
  );
  const states = stateStore(db);
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO sync_seen (device, seq) VALUES (?, ?)').run(state.device, seq);
    state.nextSeq = seq + 1;
    state.snapshotSeq = seq;
    states.put(state);
  })();
}

/** Every record whose versions stand side by side with different contents. */
export function listConflicts(db: Db): SyncConflict[] {
  return db
    .prepare<[], { kind: RecordKind; id: string; person: string | null; versions: string }>(
      'SELECT kind, id, person, versions FROM sync_records WHERE conflicted = 1 ORDER BY kind, id',
    )
    .all()
    .map((row) => ({
      kind: row.kind,
      id: row.id,
      person: row.person,
      devices: [...new Set((JSON.parse(row.versions) as Version[]).map((v) => v.device))],
    }));
}

function countWaitingFiles(db: Db): number {
  return db.prepare<[], number>("SELECT count(DISTINCT id) FROM sync_waiting WHERE reason = 'file'").pluck().get() ?? 0;
}

export interface ResolveInput {
  db: Db;
  files: ContentStore;
  id: string;
  keep: string;
  now?: () => number;
}

/**
 * Keeps one device's version of a conflicted record: a new version of this device that includes
 * every version side by side, with the chosen one's content (the others go to the history). It
 * reaches the other devices at the next sync, and the conflict ends there too.
 */
export function resolveConflict(input: ResolveInput): { kind: RecordKind; id: string; kept: string } {
  const { db, files, id, keep } = input;
  const states = stateStore(db);
  const state = states.get();
  if (!state) throw new SyncError('not-joined', 'this data folder has not joined a team folder yet: run recert sync --folder DIR first');
  const rows = db.prepare<[string], { kind: RecordKind }>('SELECT kind FROM sync_records WHERE id = ? AND conflicted = 1').all(id);
  const kind = rows[0]?.kind;
  if (!kind)
    throw new SyncError('unknown-record', `no conflict for "${id.slice(0, 64)}": recert sync --folder DIR --json lists the conflicts`);
  const records = recordStore(db, (sha) => files.has(sha));
  const record = records.kept(kind, id) as KeptRecord;
  const chosen = record.versions.find((version) => version.device === keep);
  if (!chosen) {
    throw new SyncError(
      'unknown-device',
      `--keep: "${keep.slice(0, 64)}" has no version of ${id}; choose one of ${[...new Set(record.versions.map((v) => v.device))].join(', ')}`,
    );
  }
  const clock = hybridClock(state.device, state.clock, input.now ?? Date.now);
  db.transaction(() => {
    installCapture(db);
    captureLocal(db, records, state, clock);
    const current = records.kept(kind, id) as KeptRecord;
    const stamp = clock.tick();
    const data: RecordData = chosen.data;
    for (const version of current.versions) if (version !== chosen && version.data !== null) setAside(db, kind, id, version, 'resolved');
    const version: Version = { device: state.device, stamp, vector: vectorOver(current.versions, state.device, stamp), data };
    records.keep({ ...current, versions: [version] });
    db.prepare('INSERT OR IGNORE INTO sync_outbox (kind, id, stamp) VALUES (?, ?, ?)').run(kind, id, stamp);
    quietly(db, () => {
      records.materialise(kind, id, data);
      retryWaiting(records);
    });
    state.clock = clock.state();
    states.put(state);
  })();
  return { kind, id, kept: keep };
}

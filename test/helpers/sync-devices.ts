// Simulated devices for the team-folder tests: each its own data folder (database and certificate
// files), all syncing through one shared folder.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentStore, type ContentStore } from '../../main/core/attachments/file-store';
import { openStore, repositories, type Repositories } from '../../main/core/store';
import { syncWithFolder, type SyncInput, type SyncResult } from '../../main/core/sync/engine';

export interface Device {
  dataDir: string;
  store: Repositories;
  files: ContentStore;
  sync(options?: Partial<SyncInput>): Promise<SyncResult>;
  close(): void;
}

export function teamFolder(): string {
  return mkdtempSync(join(tmpdir(), 'recert-team-'));
}

export function openDevice(folder: string, dataDir = mkdtempSync(join(tmpdir(), 'recert-device-'))): Device {
  mkdirSync(dataDir, { recursive: true });
  const db = openStore(join(dataDir, 'recert.sqlite3'));
  const store = repositories(db);
  const files = contentStore(join(dataDir, 'attachments'));
  return {
    dataDir,
    store,
    files,
    sync: (options = {}) => syncWithFolder({ db, files, folder, ...options }),
    close: () => db.close(),
  };
}

/** Every synced table's rows, sorted by id (insertion order differs between devices, content must not). */
export function recordsOf(store: Repositories): Record<string, unknown[]> {
  const db = store.db;
  const tables = ['people', 'credentials', 'cpr_aed_cards', 'activities', 'attachments'];
  const out: Record<string, unknown[]> = {};
  for (const table of tables) out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
  out.links = db.prepare('SELECT * FROM activity_credentials ORDER BY activity_id, credential_id').all();
  return out;
}

export function person(id: string, name: string, extra: Partial<{ employeeId: string | null; active: boolean }> = {}) {
  return { id, name, email: null, employeeId: extra.employeeId ?? null, active: extra.active ?? true };
}

export function course(id: string, personId: string, title: string, credentialIds: string[] = []) {
  return {
    id,
    personId,
    title,
    provider: 'NASM',
    approval: 'nasm' as const,
    approvalCode: null,
    completed: '2026-02-01',
    ceus: 1.5,
    contactHours: null,
    petition: null,
    category: null,
    credentialIds,
  };
}

/** A NASM-CPT credential with nothing but its person and expiry set: the shape every sync test needs. */
export function credential(id: string, personId: string) {
  return {
    id,
    personId,
    ruleSet: 'nasm-cpt',
    number: null,
    expires: '2027-03-31',
    cycleStart: null,
    certified: null,
    applicationSubmitted: null,
    applicationAccepted: null,
    auditNoticeReceived: null,
    documentsSent: null,
  };
}

// A data folder's standing in a team folder, forgotten when it joins another team folder (or takes
// other records): it then joins as a new device and sends every record it holds, since the new folder
// has none of them. The records themselves stay; versions that exist only in the sync tables (a
// conflict's other side, a record still waiting for its person or file) are set aside in
// sync_history first, so that nothing received is lost.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../store';
import { teamRoot } from './folder';
import { stateStore, type DeviceState } from './state';
import type { Version } from './versions';

/** Whether this standing belongs to `folder`: the folder it last synced with, or one holding its device's files (a moved folder). */
export function standingBelongsTo(state: DeviceState, folder: string): boolean {
  return state.folder === folder || existsSync(join(teamRoot(folder), state.device));
}

export function forgetStanding(db: Db): void {
  if (!stateStore(db).get()) return;
  db.transaction(() => {
    const keep = db.prepare(
      "INSERT OR IGNORE INTO sync_history (kind, id, stamp, device, data, set_aside) VALUES (?, ?, ?, ?, ?, 'left-team')",
    );
    const rows = db
      .prepare<[], { kind: string; id: string; versions: string; waiting: number; conflicted: number }>(
        `SELECT r.kind, r.id, r.versions, r.conflicted, EXISTS (SELECT 1 FROM sync_waiting w WHERE w.kind = r.kind AND w.id = r.id) AS waiting
         FROM sync_records r WHERE r.conflicted = 1 OR EXISTS (SELECT 1 FROM sync_waiting w WHERE w.kind = r.kind AND w.id = r.id)`,
      )
      .all();
    for (const row of rows) {
      const versions = JSON.parse(row.versions) as Version[];
      // The shown version is in its table unless the record waits; the others are only here.
      for (const version of row.waiting ? versions : versions.slice(1))
        if (version.data !== null) keep.run(row.kind, row.id, version.stamp, version.device, JSON.stringify(version.data));
    }
    for (const table of ['sync_records', 'sync_seen', 'sync_outbox', 'sync_dirty', 'sync_waiting'])
      db.prepare(`DELETE FROM ${table}`).run();
    db.prepare("DELETE FROM sync_state WHERE key = 'device'").run();
    // Without the triggers, the next sync installs them again and notes every record as changed here.
    const triggers = db
      .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name GLOB 'sync_capture_*'")
      .pluck()
      .all();
    for (const name of triggers) db.exec(`DROP TRIGGER IF EXISTS "${name}"`);
  })();
}

import type { Migration } from './types';

// What a data folder keeps to sync with a team folder (docs/sync.md). The tables stay empty until
// the folder joins a team; the triggers that note changed records are created then (sync/capture.ts),
// so a data folder that never syncs pays nothing on its writes.
export const teamSync: Migration = {
  version: 80,
  name: 'team folder sync',
  up(db) {
    db.exec(`
      -- This device's id, name, scope, clock and the sequence number of its next change file.
      CREATE TABLE sync_state (
        key   TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 64),
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
      -- Records written here since they were last captured as versions (filled by triggers).
      CREATE TABLE sync_dirty (
        kind TEXT NOT NULL,
        id   TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT, WITHOUT ROWID;
      -- Holds one row only inside a transaction that applies other devices' changes: the triggers
      -- then note nothing, since those writes are not changes made here.
      CREATE TABLE sync_quiet (applying INTEGER NOT NULL) STRICT;
      -- Each record's latest versions (sync/versions.ts), as JSON, with whose and whose child it is.
      CREATE TABLE sync_records (
        kind        TEXT NOT NULL,
        id          TEXT NOT NULL,
        person      TEXT,
        parent_kind TEXT,
        parent_id   TEXT,
        versions    TEXT NOT NULL CHECK (json_valid(versions)),
        -- 1 when versions holds two contents side by side: a conflict for the person to resolve.
        conflicted  INTEGER NOT NULL DEFAULT 0 CHECK (conflicted IN (0, 1)),
        PRIMARY KEY (kind, id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX sync_records_conflicted ON sync_records(kind, id) WHERE conflicted = 1;
      CREATE INDEX sync_records_by_parent ON sync_records(parent_id, parent_kind) WHERE parent_id IS NOT NULL;
      -- Versions set aside: the data a deletion removed, the version a resolved conflict did not keep.
      CREATE TABLE sync_history (
        kind     TEXT NOT NULL,
        id       TEXT NOT NULL,
        stamp    TEXT NOT NULL,
        device   TEXT NOT NULL,
        data     TEXT NOT NULL CHECK (json_valid(data)),
        set_aside TEXT NOT NULL,
        PRIMARY KEY (kind, id, stamp)
      ) STRICT, WITHOUT ROWID;
      -- Versions made here and not yet written to a change file.
      CREATE TABLE sync_outbox (
        kind  TEXT NOT NULL,
        id    TEXT NOT NULL,
        stamp TEXT NOT NULL,
        PRIMARY KEY (kind, id, stamp)
      ) STRICT, WITHOUT ROWID;
      -- Change files applied, by device and sequence number.
      CREATE TABLE sync_seen (
        device TEXT NOT NULL,
        seq    INTEGER NOT NULL,
        PRIMARY KEY (device, seq)
      ) STRICT, WITHOUT ROWID;
      -- Records whose latest version cannot be stored yet: its person, course or certificate file
      -- has not arrived. Tried again after every sync.
      CREATE TABLE sync_waiting (
        kind   TEXT NOT NULL,
        id     TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};

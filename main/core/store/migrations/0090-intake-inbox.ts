import type { Migration } from './types';

// The intake inbox (docs/intake.md): certificate files read but not yet filed, kept across restarts
// until they are filed or dismissed. The file itself waits in the data folder's inbox/ by content; a
// row holds what was read from it (so it is never read twice) and the person's corrections.
export const intakeInbox: Migration = {
  version: 90,
  name: 'intake inbox',
  up(db) {
    db.exec(`
      CREATE TABLE intake_inbox (
        id         TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
        file_name  TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        -- null for a file not kept (not a certificate type, empty, unreadable before it was hashed)
        sha256     TEXT CHECK (sha256 IS NULL OR (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')),
        added      TEXT NOT NULL,
        -- What was read (main/core/intake/propose.ts IntakeRead), as JSON
        read       TEXT NOT NULL CHECK (json_valid(read)),
        correction TEXT CHECK (correction IS NULL OR json_valid(correction))
      ) STRICT;
      CREATE INDEX intake_inbox_by_sha256 ON intake_inbox(sha256) WHERE sha256 IS NOT NULL;
    `);
  },
};

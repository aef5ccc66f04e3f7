// Change capture: triggers on every synced table note which records were written, whatever wrote
// them (a screen through the service's write(), an import, a roster, a restore's later edits, the
// CLI). A feature added later is captured without knowing of sync. The notes are turned into
// versions when the device next syncs (engine.ts): the row as it then is, or a tombstone.
import type { Db } from '../store';
import { KINDS, recordKinds, type RecordKind } from './kinds';

const TRIGGER_PREFIX = 'sync_capture_';

function triggerSql(): string[] {
  const quiet = 'NOT EXISTS (SELECT 1 FROM sync_quiet)';
  const note = (kind: RecordKind, id: string) => `INSERT OR IGNORE INTO sync_dirty (kind, id) VALUES ('${kind}', ${id});`;
  const statements: string[] = [];
  for (const kind of recordKinds) {
    const { table } = KINDS[kind];
    statements.push(
      `CREATE TRIGGER IF NOT EXISTS ${TRIGGER_PREFIX}${table}_insert AFTER INSERT ON ${table} WHEN ${quiet} BEGIN ${note(kind, 'NEW.id')} END`,
      `CREATE TRIGGER IF NOT EXISTS ${TRIGGER_PREFIX}${table}_update AFTER UPDATE ON ${table} WHEN ${quiet} BEGIN ${note(kind, 'OLD.id')} ${note(kind, 'NEW.id')} END`,
      `CREATE TRIGGER IF NOT EXISTS ${TRIGGER_PREFIX}${table}_delete AFTER DELETE ON ${table} WHEN ${quiet} BEGIN ${note(kind, 'OLD.id')} END`,
    );
  }
  // A course's links are part of the course.
  statements.push(
    `CREATE TRIGGER IF NOT EXISTS ${TRIGGER_PREFIX}activity_credentials_insert AFTER INSERT ON activity_credentials WHEN ${quiet} BEGIN ${note('course', 'NEW.activity_id')} END`,
    `CREATE TRIGGER IF NOT EXISTS ${TRIGGER_PREFIX}activity_credentials_delete AFTER DELETE ON activity_credentials WHEN ${quiet} BEGIN ${note('course', 'OLD.activity_id')} END`,
  );
  return statements;
}

const EXPECTED_TRIGGERS = recordKinds.length * 3 + 2;

/** True when every capture trigger is in place. */
export function captureInstalled(db: Db): boolean {
  const found = db
    .prepare<[string], number>("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name GLOB ?")
    .pluck()
    .get(`${TRIGGER_PREFIX}*`);
  return found === EXPECTED_TRIGGERS;
}

/**
 * Creates the triggers and, when any were missing (the first sync, or a database restored from a
 * backup made before it joined), notes every record as written: records that did not change are
 * recognised as such when captured, so this costs a read, not a change file.
 */
export function installCapture(db: Db): boolean {
  if (captureInstalled(db)) return false;
  for (const statement of triggerSql()) db.exec(statement);
  for (const kind of recordKinds) {
    db.prepare(`INSERT OR IGNORE INTO sync_dirty (kind, id) SELECT '${kind}', id FROM ${KINDS[kind].table}`).run();
  }
  return true;
}

/** Runs `apply` with the triggers silent: for writes that store other devices' versions. */
export function quietly<T>(db: Db, apply: () => T): T {
  if (!db.inTransaction) throw new Error('quietly must run inside a transaction');
  db.prepare('INSERT INTO sync_quiet (applying) VALUES (1)').run();
  try {
    return apply();
  } finally {
    db.prepare('DELETE FROM sync_quiet').run();
  }
}

// Whose records this connection has changed: TEMP triggers (they live with the connection, are
// never written to the file and never fire for another process's writes) note the person of every
// row written, so that everyone's evaluation can be brought up to date by evaluating again only the
// people whose records changed. A table no person can be found for notes "everyone": a table added
// later that this file does not know of makes the next read evaluate everyone again, which is slow
// but never wrong.
import type { Db } from './open';

/** Not a person id: ids never contain control characters (the schema's CHECKs refuse them). */
const EVERYONE = '\u0001';

/**
 * The person of a row of each table, as SQL over the row (`R` is NEW or OLD). A lookup finds no one
 * when the parent row is gone: that is a cascade of a deleted course, card or credential, whose own
 * trigger notes the person.
 */
const PERSON_OF: Record<string, (row: string) => string> = {
  people: (r) => `${r}.id`,
  credentials: (r) => `${r}.person_id`,
  activities: (r) => `${r}.person_id`,
  cpr_aed_cards: (r) => `${r}.person_id`,
  activity_credentials: (r) => `(SELECT person_id FROM credentials WHERE id = ${r}.credential_id)`,
  attachments: (r) =>
    `coalesce((SELECT person_id FROM activities WHERE id = ${r}.activity_id), (SELECT person_id FROM cpr_aed_cards WHERE id = ${r}.cpr_aed_card_id))`,
};

/**
 * Tables no verdict reads: the app's settings (theme, reminders), the team folder's bookkeeping and
 * the intake inbox (files waiting to be filed are not records yet).
 */
const NOT_READ = (table: string) => table === 'settings' || table === 'intake_inbox' || table.startsWith('sync_');

export interface TouchedPeople {
  /** Starts noting (once per connection) and forgets what was noted. */
  follow(): void;
  /** The people noted since `follow` or the last `take`, forgotten as they are read; `everyone` when no list can say. */
  take(): { everyone: boolean; people: string[] };
}

export function touchedPeople(db: Db): TouchedPeople {
  let taken: { all(): string[] } | null = null;
  function install(): void {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS touched_people (person_id TEXT PRIMARY KEY) WITHOUT ROWID');
    const tables = db
      .prepare<[], string>("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all()
      .filter((table) => !NOT_READ(table));
    for (const table of tables) {
      const personOf = PERSON_OF[table] ?? (() => `'${EVERYONE}'`);
      // NOT EXISTS, not INSERT OR IGNORE: a trigger's conflict clause gives way to that of the
      // statement that fired it (an upsert, an INSERT OR REPLACE), which would fail on the second note.
      const note = (row: string) =>
        `INSERT INTO temp.touched_people (person_id) SELECT p FROM (SELECT ${personOf(row)} AS p) WHERE p IS NOT NULL AND NOT EXISTS (SELECT 1 FROM temp.touched_people WHERE person_id = p);`;
      const name = (event: string) => `"touched_${table.replace(/"/g, '')}_${event}"`;
      const on = `main."${table.replace(/"/g, '""')}"`;
      db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${name('insert')} AFTER INSERT ON ${on} BEGIN ${note('NEW')} END`);
      db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${name('update')} AFTER UPDATE ON ${on} BEGIN ${note('OLD')} ${note('NEW')} END`);
      db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${name('delete')} AFTER DELETE ON ${on} BEGIN ${note('OLD')} END`);
    }
    taken = db.prepare<[], string>('DELETE FROM temp.touched_people RETURNING person_id').pluck();
  }
  return {
    follow() {
      if (!taken) install();
      db.exec('DELETE FROM temp.touched_people');
    },
    take() {
      if (!taken) return { everyone: true, people: [] };
      const people = taken.all();
      const everyone = people.includes(EVERYONE);
      return { everyone, people: everyone ? [] : people };
    },
  };
}

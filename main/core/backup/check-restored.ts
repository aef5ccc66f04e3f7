// What a restore checks of the database it is about to put in place, after every entry matched the
// manifest: a manifest can be consistent and the database still wrong (damaged, of another version,
// not Recert's at all, missing a table, with a trigger that makes every write fail) or refer to a
// certificate the backup does not hold. Read-only: the copy is not changed.
import Database from 'better-sqlite3';
import { migrate } from '../store/open';
import { latestVersion, migrations } from '../store/migrations';
import { installCapture } from '../sync/capture';

interface SchemaEntry {
  type: string;
  name: string;
  sql: string | null;
}

const schemaQuery = "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name";

function entriesOf(db: Database.Database): Map<string, SchemaEntry> {
  return new Map(
    db
      .prepare<[], SchemaEntry>(schemaQuery)
      .all()
      .map((e) => [`${e.type} ${e.name}`, e]),
  );
}

/**
 * Recert's own schema at `version`, built by its migrations in memory: what every database of that
 * version holds, and what one that has joined a team also holds (the sync capture triggers, made
 * when a folder first syncs rather than by a migration).
 */
function schemaAt(version: number): { required: Map<string, SchemaEntry>; optional: Map<string, SchemaEntry> } {
  const reference = new Database(':memory:');
  try {
    migrate(reference, version);
    const required = entriesOf(reference);
    const optional = new Map<string, SchemaEntry>();
    const synced = reference.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sync_dirty'").get() !== undefined;
    if (synced) {
      installCapture(reference);
      for (const [key, entry] of entriesOf(reference)) if (!required.has(key)) optional.set(key, entry);
    }
    return { required, optional };
  } finally {
    reference.close();
  }
}

/**
 * The reason the database at `file` cannot be restored, or null when it can. `schemaVersion` is the
 * manifest's; `holdsCertificate` says whether the backup holds a certificate file (by SHA-256).
 */
export function problemOfRestoredDatabase(
  file: string,
  schemaVersion: number,
  holdsCertificate: (sha256: string) => boolean,
): string | null {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return `its database cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return `its database is damaged (${String(integrity).split('\n')[0] ?? ''})`;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latestVersion)
      return `its database was made by a newer version of Recert (schema ${version}; this version knows up to ${latestVersion}); update Recert first`;
    if (!migrations.some((m) => m.version === version))
      return version === 0
        ? 'its database is not a Recert database'
        : `its database has schema ${version}, which no version of Recert made`;
    if (version !== schemaVersion) return `its manifest says schema ${schemaVersion} but its database has schema ${version}`;

    const { required, optional } = schemaAt(version);
    const found = entriesOf(db);
    // A missing table is named rather than the first of its indexes.
    const tablesFirst = [...required].sort(([, a], [, b]) => Number(b.type === 'table') - Number(a.type === 'table'));
    for (const [key, entry] of tablesFirst)
      if (!found.has(key)) return `its database has no ${entry.type} "${entry.name}"; it is not a whole Recert database`;
    for (const [key, entry] of found) {
      const expected = required.get(key) ?? optional.get(key);
      if (expected === undefined) return `its database has a ${entry.type} "${entry.name}" that Recert does not make`;
      if (expected.sql !== entry.sql) return `its database's ${entry.type} "${entry.name}" is not the one Recert makes`;
    }

    const orphans = db.pragma('foreign_key_check') as unknown[];
    if (orphans.length > 0)
      return `its database has ${orphans.length === 1 ? 'a record that refers' : `${orphans.length} records that refer`} to records it does not hold`;

    const certificates = db.prepare<[], { sha256: string; fileName: string }>(
      'SELECT sha256, min(file_name) AS fileName FROM attachments GROUP BY sha256 ORDER BY sha256',
    );
    const missing = certificates.all().filter((c) => !holdsCertificate(c.sha256));
    if (missing.length > 0)
      return `it does not hold ${missing.length === 1 ? 'the certificate file' : `${missing.length} certificate files, among them`} "${missing[0]?.fileName ?? ''}" that its database refers to`;
    return null;
  } catch (error) {
    return `its database cannot be read (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    db.close();
  }
}

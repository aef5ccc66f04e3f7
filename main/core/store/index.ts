import { coursesRepository } from './courses';
import { attachmentsRepository } from './attachments';
import { cprAedCardsRepository } from './cpr-aed-cards';
import { evaluationReads } from './evaluation-reads';
import { credentialsRepository } from './credentials';
import type { Db } from './open';
import { inboxRepository } from './intake-inbox';
import { peopleRepository } from './people';
import { ruleSetOverridesRepository, settingsRepository } from './settings';
import { touchedPeople } from './touched-people';

export { openStore, migrate, StoreOpenError, type Db } from './open';

/** Every repository over one open database. Writes that span tables go through `transaction`. */
export function repositories(db: Db) {
  const indexesOf = db.prepare<[string], { name: string; sql: string }>(
    "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY rowid",
  );
  return {
    db,
    people: peopleRepository(db),
    credentials: credentialsRepository(db),
    courses: coursesRepository(db),
    cprAedCards: cprAedCardsRepository(db),
    attachments: attachmentsRepository(db),
    settings: settingsRepository(db),
    ruleSetOverrides: ruleSetOverridesRepository(db),
    evaluation: evaluationReads(db),
    inbox: inboxRepository(db),
    /** Whose records this connection changed, for bringing everyone's evaluation up to date. */
    touched: touchedPeople(db),
    /**
     * One synchronous transaction per write (better-sqlite3): never await inside. BEGIN IMMEDIATE:
     * the write lock is taken first, so what the write reads (an update-import's plan, the ids it
     * checks) is what it commits over, even with another process writing (it waits its turn).
     */
    transaction<T>(write: () => T): T {
      return db.transaction(write).immediate();
    },
    /**
     * A bulk load with the secondary indexes of these tables dropped first and built again after it:
     * building an index over 100,000 rows at once costs less than growing it row by row. Call
     * inside a transaction, so that the drop, the rows and the rebuilt indexes commit together or
     * not at all. (The primary keys stay.)
     */
    withIndexesRebuilt<T>(tables: readonly string[], load: () => T): T {
      if (!db.inTransaction) throw new Error('withIndexesRebuilt must run inside a transaction');
      const indexes = tables.flatMap((table) => indexesOf.all(table));
      for (const index of indexes) db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
      const result = load();
      for (const index of indexes) db.exec(index.sql);
      return result;
    },
  };
}

export type Repositories = ReturnType<typeof repositories>;

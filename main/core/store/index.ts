import { activitiesRepository } from './activities';
import { attachmentsRepository } from './attachments';
import { cprAedCardsRepository } from './cpr-aed-cards';
import { evaluationReads } from './evaluation-reads';
import { credentialsRepository } from './credentials';
import type { Db } from './open';
import { peopleRepository } from './people';
import { ruleSetOverridesRepository, settingsRepository } from './settings';

export { openStore, migrate, StoreOpenError, type Db } from './open';

/** Every repository over one open database. Writes that span tables go through `transaction`. */
export function repositories(db: Db) {
  return {
    db,
    people: peopleRepository(db),
    credentials: credentialsRepository(db),
    activities: activitiesRepository(db),
    cprAedCards: cprAedCardsRepository(db),
    attachments: attachmentsRepository(db),
    settings: settingsRepository(db),
    ruleSetOverrides: ruleSetOverridesRepository(db),
    evaluation: evaluationReads(db),
    /** One synchronous transaction per write (better-sqlite3): never await inside. */
    transaction<T>(write: () => T): T {
      return db.transaction(write)();
    },
  };
}

export type Repositories = ReturnType<typeof repositories>;

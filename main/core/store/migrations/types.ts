import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Numbered in tens (10, 20, …) so that one can be slotted in later; stored in PRAGMA user_version. */
  version: number;
  name: string;
  up(db: Database): void;
}

import type { Migration } from './types';

// Two indexes did not match the order their queries read in, so SQLite sorted in a temporary
// B-tree on every call: the staff list sorts by name and then id, and a person's CPR/AED cards are
// read in the order they were recorded (rowid, which every index carries implicitly).
export const indexOrder: Migration = {
  version: 30,
  name: 'indexes in query order',
  up(db) {
    db.exec(`
      DROP INDEX people_by_active_name;
      CREATE INDEX people_by_active_name ON people(active, name COLLATE NOCASE, id);
      DROP INDEX cpr_aed_cards_by_person;
      CREATE INDEX cpr_aed_cards_by_person ON cpr_aed_cards(person_id);
    `);
  },
};

import type { Migration } from './types';

// The course log opens on every course by completion date, a page at a time: a person's courses by
// date, ties in the order added (rowid, which the index carries). The dashboard counts the petitions
// outside a cycle's counting window (their fees are owed) through a partial index of the petitioned
// courses alone. activities_by_person stays: it gives a person's courses in record order without a
// sort, which is also how the dashboard reads one cycle's courses (see evaluation-reads.ts).
export const courseDates: Migration = {
  version: 40,
  name: 'courses by person and completion date',
  up(db) {
    db.exec(`
      CREATE INDEX activities_by_person_completed ON activities(person_id, completed);
      CREATE INDEX activities_petitioned ON activities(person_id, completed) WHERE petition_status IS NOT NULL;
    `);
  },
};

import type { Migration } from './types';

// A busy trainer's dashboard reads only the courses of the current cycle's counting window, and the
// course log's first pages come sorted by completion date: both walk a person's courses by date.
// The petitions outside the window are only counted (their fees are owed), through a partial index
// that holds petitioned courses alone. activities_by_person stays: it gives a person's courses in
// record order without a sort.
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

import type { Migration } from './types';

// A chain's data folder held its courses' rows one and three quarter times over. Two indexes go:
// activities_by_person is the prefix of activities_by_person_completed (person_id, completed), which
// finds a person's courses as fast; a person's courses in record order are read through it by rowid
// (activities.ts, evaluation-reads.ts). activity_credentials_by_credential held every course-credential
// link a second time, reversed: a credential's courses are now found through its person's, whose
// links the primary key (activity_id, credential_id) answers, and a dashboard reads each course's
// links rather than first counting a credential's. Deleting a credential now scans the links.
export const smallerCourseIndexes: Migration = {
  version: 100,
  name: 'course indexes without duplicates',
  up(db) {
    db.exec(`
      DROP INDEX activities_by_person;
      DROP INDEX activity_credentials_by_credential;
    `);
  },
};

import type { Migration } from './types';

// NSCA prorates its requirement by the original certification date, which is not the start of a
// cycle: a CSCS certified in 2019 owes the full 6.0 CEUs in 2027–2029, whose courses count from
// 1 January 2027. Recorded where the certificate prints it, checked as every other date column.
// Existing NSCA credentials keep their cycle start: the engine reads it as the certification date
// when none is recorded, as it always did.
export const certificationDate: Migration = {
  version: 55,
  name: 'credentials: original certification date',
  up(db) {
    db.exec(`ALTER TABLE credentials ADD COLUMN certified TEXT CHECK (certified IS NULL OR date(certified) IS certified)`);
  },
};

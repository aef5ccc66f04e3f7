import { initial } from './0010-initial';
import { ruleSetOverrides } from './0020-rule-set-overrides';
import { indexOrder } from './0030-index-order';
import { courseDates } from './0040-course-dates';
import { certificationDate } from './0055-certification-date';
import { teamSync } from './0080-team-sync';
import { intakeInbox } from './0090-intake-inbox';
import { smallerCourseIndexes } from './0100-smaller-course-indexes';
import type { Migration } from './types';

/** Every migration, in order. Append only: a released migration is never edited. */
export const migrations: readonly Migration[] = [
  initial,
  ruleSetOverrides,
  indexOrder,
  courseDates,
  certificationDate,
  teamSync,
  intakeInbox,
  smallerCourseIndexes,
];

export const latestVersion = migrations[migrations.length - 1]?.version ?? 0;

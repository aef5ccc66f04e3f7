import { z } from 'zod';
import { calendarDateSchema } from '../../main/core/domain/fields';
import type { UpcomingItem } from '../../main/core/domain/reminders';
import {
  teamFilters,
  teamSortColumns,
  type TeamMatrix,
  type TeamOverview,
  type TeamPage,
  type TeamView,
} from '../../main/core/domain/team';
import type { Status } from '../../main/core/domain/verdict';
import type { FileDelivery, RosterPreview } from '../../main/core/domain/views';
import { method, returns } from './method';

/** A roster is a spreadsheet of staff: 5 MB is tens of thousands of rows. */
const MAX_ROSTER_CHARACTERS = 5 * 1024 * 1024;
const roster = z.strictObject({
  csvText: z
    .string({ error: 'must be the CSV file as text' })
    .min(1, 'is empty: choose the roster CSV file')
    .max(MAX_ROSTER_CHARACTERS, 'is too large: a roster may be at most 5 MB; split it into several files'),
});

const statuses = [
  'in-progress',
  'ready',
  'submitted',
  'expired-late',
  'expired-additional-fee',
  'lapsed',
] as const satisfies readonly Status[];
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(', ')}` });

/** Which credentials the Team screen shows: each field given narrows them. */
const teamQuery = {
  filter: oneOf(teamFilters).optional(),
  ruleSet: z.string({ error: 'must be a credential type id' }).max(64, 'must be a credential type id').optional(),
  status: oneOf(statuses).optional(),
  cprAed: oneOf(['ok', 'not-ok'] as const).optional(),
  audit: oneOf(['open', 'none'] as const).optional(),
  search: z.string({ error: 'must be text' }).max(200, 'must be at most 200 characters').optional(),
};

export const teamContract = {
  /** The manager's Team screen: summary, rows most urgent first, the training matrix. */
  getTeamView: method(z.strictObject({ asOf: calendarDateSchema.optional() }), returns<TeamView>()),
  /** The Team screen without its rows and matrix: the summary counts, the filters' choices, people without a credential. */
  getTeamOverview: method(z.strictObject({ asOf: calendarDateSchema.optional() }), returns<TeamOverview>()),
  /** One page of the Team screen's rows, filtered, searched and sorted in main. */
  getTeamPage: method(
    z.strictObject({
      ...teamQuery,
      sort: oneOf(teamSortColumns).optional(),
      descending: z.boolean({ error: 'must be true or false' }).optional(),
      offset: z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative'),
      limit: z
        .number({ error: 'must be a number' })
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(1000, 'must be at most 1000'),
      asOf: calendarDateSchema.optional(),
    }),
    returns<TeamPage>(),
  ),
  /** The training matrix of the credentials the query selects (all of them when it narrows nothing). */
  getTeamMatrix: method(z.strictObject({ ...teamQuery, asOf: calendarDateSchema.optional() }), returns<TeamMatrix>()),
  /** The team's deadlines within `days`, of the credentials the query selects. */
  getTeamUpcoming: method(
    z.strictObject({
      ...teamQuery,
      days: z
        .number({ error: 'must be a whole number of days between 0 and 365' })
        .int('must be a whole number of days between 0 and 365')
        .min(0, 'must be a whole number of days between 0 and 365')
        .max(365, 'must be a whole number of days between 0 and 365'),
    }),
    returns<UpcomingItem[]>(),
  ),
  /** The team report as a CSV or printable PDF file (null when the save dialog was dismissed). */
  exportTeamReport: method(
    z.strictObject({ format: z.enum(['csv', 'pdf'], { error: 'must be "csv" or "pdf"' }), asOf: calendarDateSchema.optional() }),
    returns<FileDelivery | null>(),
  ),
  previewRoster: method(roster, returns<RosterPreview>()),
  /** skipBadRows: import every row without a problem and leave the others out (default: all rows or none). */
  importRoster: method(roster.extend({ skipBadRows: z.boolean({ error: 'must be true or false' }).optional() }), returns<RosterPreview>()),
} as const;

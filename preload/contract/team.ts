import { z } from 'zod';
import { calendarDateSchema } from '../../main/core/domain/fields';
import type { TeamView } from '../../main/core/domain/team';
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

export const teamContract = {
  /** The manager's Team screen: summary, rows most urgent first, the training matrix. */
  getTeamView: method(z.strictObject({ asOf: calendarDateSchema.optional() }), returns<TeamView>()),
  /** The team report as a CSV or printable PDF file (null when the save dialog was dismissed). */
  exportTeamReport: method(
    z.strictObject({ format: z.enum(['csv', 'pdf'], { error: 'must be "csv" or "pdf"' }), asOf: calendarDateSchema.optional() }),
    returns<FileDelivery | null>(),
  ),
  previewRoster: method(roster, returns<RosterPreview>()),
  /** skipBadRows: import every row without a problem and leave the others out (default: all rows or none). */
  importRoster: method(roster.extend({ skipBadRows: z.boolean({ error: 'must be true or false' }).optional() }), returns<RosterPreview>()),
} as const;

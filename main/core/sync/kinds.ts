// The records a team folder carries, and the table each lives in. A record's data is its row's
// columns as stored (every column but id, whatever migrations have added), so that a column added
// later travels without a change here; a course also carries the credentials it counts toward.

export const recordKinds = ['person', 'credential', 'card', 'course', 'attachment'] as const;
export type RecordKind = (typeof recordKinds)[number];

export interface KindInfo {
  table: string;
  /** Words for messages ("Dana's course 'Kettlebell Level 1'"). */
  noun: string;
  /** The column that names the record this one belongs to, and that record's kind. */
  parents: readonly { column: string; kind: RecordKind }[];
}

/** In the order records are stored: a record's parents come before it. */
export const KINDS: Record<RecordKind, KindInfo> = {
  person: { table: 'people', noun: 'person', parents: [] },
  credential: { table: 'credentials', noun: 'credential', parents: [{ column: 'person_id', kind: 'person' }] },
  card: { table: 'cpr_aed_cards', noun: 'CPR/AED card', parents: [{ column: 'person_id', kind: 'person' }] },
  course: { table: 'activities', noun: 'course', parents: [{ column: 'person_id', kind: 'person' }] },
  attachment: {
    table: 'attachments',
    noun: 'certificate file',
    parents: [
      { column: 'activity_id', kind: 'course' },
      { column: 'cpr_aed_card_id', kind: 'card' },
    ],
  },
};

export function isRecordKind(value: unknown): value is RecordKind {
  return typeof value === 'string' && (recordKinds as readonly string[]).includes(value);
}

/** A course's credential ids, carried in its data under this key (activity_credentials rows). */
export const CREDENTIAL_IDS = 'credential_ids';

/** Which record a row's data belongs to: the first parent column set. */
export function parentOf(kind: RecordKind, data: Record<string, unknown>): { kind: RecordKind; id: string } | null {
  for (const parent of KINDS[kind].parents) {
    const id = data[parent.column];
    if (typeof id === 'string') return { kind: parent.kind, id };
  }
  return null;
}

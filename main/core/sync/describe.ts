// The words for a team folder's state and its conflicts, made here so that the CLI and the app say
// the same thing ("Dana Rivera's course 'Kettlebell Level 1': changed on Dana's laptop and on
// Front desk — keep which?").
import type { Db } from '../store';
import type { SyncConflict } from './engine';
import { KINDS } from './kinds';
import { stateStore } from './state';
import type { Version } from './versions';

/** Device id → the name it gave itself (this device's own included). */
export function deviceNames(db: Db): Map<string, string> {
  const state = stateStore(db).get();
  const names = new Map<string, string>();
  if (!state) return names;
  for (const [device, { name }] of Object.entries(state.received)) names.set(device, name);
  names.set(state.device, state.name);
  return names;
}

function quoted(text: unknown): string {
  return typeof text === 'string' ? `'${text.slice(0, 120)}'` : '';
}

/** What the record is, in a person's words: its title, provider or file name. */
function labelOf(kind: SyncConflict['kind'], data: Record<string, unknown> | null): string {
  if (!data) return '';
  switch (kind) {
    case 'person':
      return quoted(data.name);
    case 'course':
      return quoted(data.title);
    case 'card':
      return quoted(data.provider);
    case 'credential':
      return quoted(data.number ?? data.rule_set);
    case 'attachment':
      return quoted(data.file_name);
  }
}

export interface ConflictWords {
  /** "Dana Rivera's course 'Kettlebell Level 1': changed on Dana's laptop and on Front desk — keep which?" */
  text: string;
  /** Each side: the device, its name, and what its version holds in a few words. */
  choices: { device: string; deviceName: string; summary: string }[];
}

export function describeConflict(db: Db, conflict: SyncConflict, names = deviceNames(db)): ConflictWords {
  const row = db
    .prepare<[string, string], { versions: string }>('SELECT versions FROM sync_records WHERE kind = ? AND id = ?')
    .get(conflict.kind, conflict.id);
  const versions = row ? (JSON.parse(row.versions) as Version[]) : [];
  const shown = versions.find((v) => v.data !== null)?.data ?? null;
  const owner = conflict.person
    ? db.prepare<[string], string>('SELECT name FROM people WHERE id = ?').pluck().get(conflict.person)
    : undefined;
  const label = labelOf(conflict.kind, shown);
  const noun = KINDS[conflict.kind].noun;
  const subject =
    conflict.kind === 'person'
      ? `${owner ?? 'A person'}${label && !owner ? ` ${label}` : ''}`
      : `${owner ? `${owner}'s` : 'A'} ${noun}${label ? ` ${label}` : ''}`;
  const nameOf = (device: string) => names.get(device) ?? `device ${device}`;
  const choices = versions.map((v) => ({
    device: v.device,
    deviceName: nameOf(v.device),
    summary: v.data === null ? 'deleted' : labelOf(conflict.kind, v.data) || 'changed',
  }));
  const where = [...new Set(choices.map((c) => c.deviceName))];
  const changedOn = where.length > 1 ? `${where.slice(0, -1).join(', on ')} and on ${where.at(-1) ?? ''}` : (where[0] ?? '');
  return { text: `${subject}: changed on ${changedOn} — keep which?`, choices };
}

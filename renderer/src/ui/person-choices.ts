import { useMemo } from 'react';
import type { Choice } from './LongSelect';

/** Who can be chosen: what every list of people the screens get has (the people, the intake's). */
export interface Choosable {
  id: string;
  name: string;
  employeeId?: string | null;
  email?: string | null;
}

/**
 * Each person's name as a chooser shows it, told apart from anyone of the same name by employee
 * ID, e-mail or, failing both, record id: typing a name must land on one person.
 */
export function personLabels(people: readonly Choosable[]): Map<string, string> {
  const named = new Map<string, number>();
  for (const p of people) named.set(p.name, (named.get(p.name) ?? 0) + 1);
  return new Map(
    people.map((p) => [p.id, (named.get(p.name) ?? 0) > 1 ? `${p.name} · ${p.employeeId ?? p.email ?? p.id}` : p.name] as const),
  );
}

/** The people as the choices of a LongSelect, with "Choose…" (value '') or "Everyone" before or after them. */
export function usePersonChoices(
  people: readonly Choosable[],
  before: readonly Choice[] = NONE,
  after: readonly Choice[] = NONE,
): Choice[] {
  return useMemo(() => {
    const labels = personLabels(people);
    return [...before, ...people.map((p) => ({ value: p.id, label: labels.get(p.id) ?? p.name })), ...after];
  }, [people, before, after]);
}

const NONE: readonly Choice[] = [];

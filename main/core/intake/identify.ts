// Whose certificate it is: a stored certification number or employee ID printed on it, else the
// name. A number is surer than a name, but a number and a name that point at two different people
// choose neither: the person decides.
import type { MatchedBy } from '../domain/intake';
import type { Credential, Person } from '../domain/records';
import { matchName } from './names';

export interface Identified {
  personId: string | null;
  by: MatchedBy | null;
  confidence: number;
  /** Why no one was chosen, in words (null when someone was). */
  problem: string | null;
}

const BY_CERTIFICATION_NUMBER = 0.97;
const BY_EMPLOYEE_ID = 0.95;
/** Shorter numbers ("12") turn up in any text by chance. */
const MIN_NUMBER_LENGTH = 3;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether the number stands on its own in the text (not inside a longer code); a space or a hyphen
 * between its characters is no matter ("NASM-123456", "NASM 123456").
 */
function printedIn(text: string, number: string): boolean {
  const wanted = [...number.toUpperCase().replace(/[\s-]+/g, '')];
  if (wanted.length < MIN_NUMBER_LENGTH) return false;
  return new RegExp(`(?<![A-Z0-9])${wanted.map(escape).join('[\\s-]?')}(?![A-Z0-9])`).test(text);
}

/** The one person whose stored number is printed, with which kind of number; null when none or several. */
function byNumber(
  text: readonly string[],
  people: readonly Person[],
  credentials: readonly Credential[],
): { personId: string; by: MatchedBy } | null {
  const joined = text.join('\n').toUpperCase();
  const found = new Map<string, MatchedBy>();
  for (const credential of credentials) {
    if (credential.number && printedIn(joined, credential.number)) found.set(credential.personId, 'certification-number');
  }
  for (const person of people) {
    if (person.employeeId && !found.has(person.id) && printedIn(joined, person.employeeId)) found.set(person.id, 'employee-id');
  }
  const known = new Set(people.map((p) => p.id));
  const hits = [...found].filter(([id]) => known.has(id));
  const [only, other] = hits;
  return only && !other ? { personId: only[0], by: only[1] } : null;
}

export function identifyPerson(
  printedName: string | null,
  text: readonly string[],
  people: readonly Person[],
  credentials: readonly Credential[],
): Identified {
  const number = byNumber(text, people, credentials);
  const name = printedName ? matchName(printedName, people) : null;
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? id;
  if (number) {
    const confidence = number.by === 'certification-number' ? BY_CERTIFICATION_NUMBER : BY_EMPLOYEE_ID;
    if (name?.personId && name.personId !== number.personId) {
      const what = number.by === 'certification-number' ? 'certification number' : 'employee ID';
      return {
        personId: null,
        by: null,
        confidence: 0,
        problem: `The name on it is ${nameOf(name.personId)}'s but the ${what} is ${nameOf(number.personId)}'s: choose who it belongs to.`,
      };
    }
    return { personId: number.personId, by: number.by, confidence, problem: null };
  }
  if (!printedName) return { personId: null, by: null, confidence: 0, problem: 'No name was found on it: choose who it belongs to.' };
  if (name?.personId) return { personId: name.personId, by: 'name', confidence: name.confidence, problem: null };
  const fits = name?.candidates ?? [];
  if (fits.length >= 2) {
    const names = fits.slice(0, 3).map((c) => c.name);
    return {
      personId: null,
      by: null,
      confidence: 0,
      problem: `"${printedName}" could be ${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}: choose who it belongs to.`,
    };
  }
  return {
    personId: null,
    by: null,
    confidence: 0,
    problem: `No one named "${printedName}" is in Recert: choose who it belongs to, or add the person first.`,
  };
}

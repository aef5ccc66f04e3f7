// Whose certificate it is, from the printed name: accents, "Last, First", initials, letters after the
// name, and two people with the same surname.
import { describe, expect, it } from 'vitest';
import { identifyPerson } from '../../../main/core/intake/identify';
import { matchName, nameScore } from '../../../main/core/intake/names';
import type { Credential, Person } from '../../../main/core/domain/records';

const person = (id: string, name: string, employeeId: string | null = null): Person => ({
  id,
  name,
  email: null,
  employeeId,
  active: true,
});
const PEOPLE = [
  person('p1', 'Dana Rivera', 'E-104'),
  person('p2', 'David Rivera', 'E-105'),
  person('p3', 'María Núñez'),
  person('p4', 'Chris Okafor'),
  person('p5', "Sean O'Brien"),
];
const credential = (id: string, personId: string, number: string): Credential => ({
  id,
  personId,
  ruleSet: 'nasm-cpt',
  number,
  expires: '2027-03-31',
  cycleStart: null,
  certified: null,
  applicationSubmitted: null,
  applicationAccepted: null,
  auditNoticeReceived: null,
  documentsSent: null,
});

describe('matching the name on a certificate', () => {
  it('ignores accents either way', () => {
    expect(matchName('Maria Nunez', PEOPLE)).toMatchObject({ personId: 'p3', confidence: 0.95 });
    expect(matchName('MARÍA NÚÑEZ', PEOPLE)).toMatchObject({ personId: 'p3', confidence: 0.95 });
    expect(matchName('Chris Okafor', [person('x', 'Chrìs Ökafor')])).toMatchObject({ personId: 'x', confidence: 0.95 });
  });

  it('reads "Last, First" and any order', () => {
    expect(matchName('Núñez, María', PEOPLE)).toMatchObject({ personId: 'p3', confidence: 0.95 });
    expect(matchName('OKAFOR Chris', PEOPLE)).toMatchObject({ personId: 'p4', confidence: 0.95 });
    expect(matchName("O'BRIEN, SEAN", PEOPLE)).toMatchObject({ personId: 'p5', confidence: 0.95 });
  });

  it('takes a first name as an initial, less surely, never a surname', () => {
    expect(matchName('C. Okafor', PEOPLE)).toMatchObject({ personId: 'p4', confidence: 0.8 });
    expect(matchName('Okafor, C.', PEOPLE)).toMatchObject({ personId: 'p4', confidence: 0.8 });
    expect(nameScore('Chris O.', 'Chris Okafor')).toBe(0);
    expect(nameScore('Christine Okafor', 'Chris Okafor')).toBe(0);
  });

  it('tells two people with the same surname apart by the first name, and chooses neither on an initial both share', () => {
    expect(matchName('Dana Rivera', PEOPLE)).toMatchObject({ personId: 'p1', confidence: 0.95 });
    expect(matchName('Rivera, David', PEOPLE)).toMatchObject({ personId: 'p2', confidence: 0.95 });
    const initial = matchName('D. Rivera', PEOPLE);
    expect(initial.personId).toBeNull();
    expect(initial.candidates.map((c) => c.id).sort()).toEqual(['p1', 'p2']);
    expect(matchName('Rivera', PEOPLE).personId).toBeNull();
  });

  it('allows a middle initial or name and letters after the name, a little less surely', () => {
    expect(matchName('Dana M. Rivera, NASM-CPT', PEOPLE)).toMatchObject({ personId: 'p1', confidence: 0.9 });
    expect(matchName('Dr. Dana Rivera', PEOPLE)).toMatchObject({ personId: 'p1', confidence: 0.95 });
    expect(matchName('María Núñez García', PEOPLE)).toMatchObject({ personId: 'p3', confidence: 0.85 });
    expect(matchName('Samuel Lee', PEOPLE)).toMatchObject({ personId: null, candidates: [] });
  });
});

describe('identifying the person', () => {
  const credentials = [credential('c1', 'p1', 'NASM-123456'), credential('c2', 'p4', 'ACE-9988')];

  it('finds a certification number or employee ID printed on it, surer than a name', () => {
    expect(identifyPerson(null, ['Certificate', 'Cert #: ACE-9988'], PEOPLE, credentials)).toMatchObject({
      personId: 'p4',
      by: 'certification-number',
      confidence: 0.97,
    });
    expect(identifyPerson('D. Rivera', ['Employee: E-105'], PEOPLE, credentials)).toMatchObject({ personId: 'p2', by: 'employee-id' });
    // Inside a longer code it is not the number.
    expect(identifyPerson(null, ['Code XE-105, order E-1050'], PEOPLE, credentials).personId).toBeNull();
  });

  it('chooses no one when the name and the number disagree, or two people fit, and says why', () => {
    const disagree = identifyPerson('Chris Okafor', ['Employee ID E-104'], PEOPLE, credentials);
    expect(disagree.personId).toBeNull();
    expect(disagree.problem).toBe("The name on it is Chris Okafor's but the employee ID is Dana Rivera's: choose who it belongs to.");
    expect(identifyPerson('D. Rivera', [], PEOPLE, credentials).problem).toBe(
      '"D. Rivera" could be Dana Rivera or David Rivera: choose who it belongs to.',
    );
    expect(identifyPerson('Samuel Lee', [], PEOPLE, credentials).problem).toMatch(/^No one named "Samuel Lee" is in Recert/);
    expect(identifyPerson(null, [], PEOPLE, credentials).problem).toMatch(/^No name was found/);
  });
});

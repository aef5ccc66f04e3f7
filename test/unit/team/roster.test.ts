// Staff roster import from CSV: previewed first, all rows or none, every bad row named by line and column.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../../main/core/domain/records';
import type { RosterPreview } from '../../../main/core/domain/views';
import { freshContext, rowCounts } from '../../helpers/context';
import { value, valueNow } from '../../helpers/results';
import { snapshot } from '../../helpers/seed';

let context: ReturnType<typeof freshContext>;
beforeEach(() => {
  context = freshContext();
});
afterEach(() => context.dispose());

const good = [
  'Full Name;E-mail;Employee ID;Certification;Cert Number;Expiry Date',
  'Dana Rivera;dana@example.org;E-104;NASM-CPT;NASM-1;3/31/2027',
  '"Lee, Sam";sam@example.org;E-105;nasm-cpt;NASM-2;2027-06-30',
  'Dana Rivera;dana@example.org;E-104;ACE-CPT;ACE-9;15 Jan 2028',
  '',
].join('\n');

describe('a good roster', () => {
  it('previews what it will add and writes nothing', async () => {
    const before = snapshot(context);
    const preview = await value<RosterPreview>(context.dispatch('previewRoster', { csvText: good }));
    expect(preview.problems).toEqual([]);
    expect(preview).toMatchObject({ newPeople: 2, newCredentials: 3 });
    expect(preview.rows.map((r) => [r.line, r.name, r.credential, r.expires, r.action])).toEqual([
      [2, 'Dana Rivera', 'NASM-CPT · NASM-1', '2027-03-31', 'Add person and credential'],
      [3, 'Lee, Sam', 'NASM-CPT · NASM-2', '2027-06-30', 'Add person and credential'],
      [4, 'Dana Rivera', 'ACE-CPT · ACE-9', '2028-01-15', 'Add person and credential'],
    ]);
    expect(snapshot(context)).toBe(before);
  });

  it('imports every row: one person per employee ID with all their credentials; importing it again adds nothing', async () => {
    await value(context.dispatch('importRoster', { csvText: `\uFEFF${good}` }));
    const people = valueNow<Person[]>(context.dispatch('listPeople', {}));
    expect(people.map((p) => [p.name, p.email, p.employeeId])).toEqual([
      ['Dana Rivera', 'dana@example.org', 'E-104'],
      ['Lee, Sam', 'sam@example.org', 'E-105'],
    ]);
    const dana = people[0]?.id ?? '';
    expect(context.store.credentials.listByPerson(dana).map((c) => [c.ruleSet, c.number, c.expires])).toEqual([
      ['nasm-cpt', 'NASM-1', '2027-03-31'],
      ['ace-cpt', 'ACE-9', '2028-01-15'],
    ]);
    const again = await value<RosterPreview>(context.dispatch('previewRoster', { csvText: good }));
    expect(again.rows.map((r) => r.action)).toEqual(['Already in Recert', 'Already in Recert', 'Already in Recert']);
    const counts = rowCounts(context);
    await value(context.dispatch('importRoster', { csvText: good }));
    expect(rowCounts(context)).toEqual(counts);
  });

  it('adds a credential to a person already in Recert, matched by employee ID', async () => {
    valueNow(context.dispatch('createPerson', { name: 'Dana Rivera', employeeId: 'E-104' }));
    const preview = await value<RosterPreview>(context.dispatch('previewRoster', { csvText: good }));
    expect(preview.rows[0]?.action).toBe('Add credential to existing person');
    expect(preview.newPeople).toBe(1);
  });
});

describe('a bad roster', () => {
  async function refused(csvText: string): Promise<string> {
    const before = snapshot(context);
    const counts = rowCounts(context);
    const result = await context.dispatch('importRoster', { csvText });
    expect(result.ok).toBe(false);
    expect(rowCounts(context)).toEqual(counts);
    expect(snapshot(context)).toBe(before);
    return result.ok ? '' : result.error.message;
  }

  it('names a bad date, an unknown credential type, a duplicate employee ID and an empty name by line and column; writes nothing', async () => {
    const csv = [
      'Name,E-mail,Employee ID,Credential type,Certification number,Expiration date',
      'Dana Rivera,dana@example.org,E-104,NASM-CPT,NASM-1,02/30/2026',
      'Sam Lee,sam@example.org,E-105,Yoga-Alliance,Y-1,2027-01-01',
      'Kim Osei,kim@example.org,E-104,NASM-CPT,NASM-3,2027-01-01',
      ',nobody@example.org,E-106,NASM-CPT,NASM-4,2027-01-01',
      'Ana Souza,not-an-address,E-107,NASM-CPT,NASM-5,2027-01-01',
    ].join('\r\n');
    const preview = await value<RosterPreview>(context.dispatch('previewRoster', { csvText: csv }));
    expect(preview.problems).toEqual([
      'line 2, expiration date: "02/30/2026" is not a calendar date (YYYY-MM-DD, M/D/YYYY or D Mon YYYY)',
      'line 3, credential type: "Yoga-Alliance" is not a credential Recert knows; use one of ACE-CPT, ACSM-CPT, AFAA-GFI, ISSA-CPT, NASM-CPT, NCCPT-CPT, NCSF-CPT, NSCA-CSCS',
      'line 4, employee ID: "E-104" is also on line 2, for Dana Rivera: an employee ID belongs to one person',
      'line 5, name: is required',
      'line 6, e-mail: must be an e-mail address such as dana@example.org',
    ]);
    const message = await refused(csv);
    expect(message).toContain('The roster was not imported');
    expect(message).toContain('line 4, employee ID');
  });

  it('refuses an employee ID that belongs to someone else in Recert', async () => {
    valueNow(context.dispatch('createPerson', { name: 'Someone Else', employeeId: 'E-104' }));
    const message = await refused('Name,Employee ID,Credential,Expiration\nDana Rivera,E-104,NASM-CPT,2027-03-31\n');
    expect(message).toContain('line 2, employee ID: "E-104" already belongs to Someone Else in Recert; this row names Dana Rivera');
  });

  it('refuses a file without the needed columns, an empty one and a binary one, saying what a roster needs', async () => {
    expect(await refused('First,Second\n1,2\n')).toMatch(/no "name", "credential type", "expiration date" column/);
    expect(await refused('Name,Credential,Expiration\n')).toMatch(/has a header but no rows/);
    expect(await refused('PK\u0003\u0004\u0000\u0000binary')).toMatch(/not a text CSV file/);
  });
});

// Staff roster import from CSV: previewed first, all rows or none, every bad row named by line and column.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../../main/core/domain/records';
import type { TeamView } from '../../../main/core/domain/team';
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
      'line 2, Dana Rivera, expiration date: "02/30/2026" is not a calendar date (YYYY-MM-DD, M/D/YYYY or D Mon YYYY)',
      'line 3, Sam Lee, credential type: "Yoga-Alliance" is not a credential Recert knows; use one of ACE-CPT, ACSM-CPT, AFAA-GFI, ISSA-CPT, NASM-CPT, NCCPT-CPT, NCSF-CPT, NSCA-CSCS',
      'line 4, Kim Osei, employee ID: "E-104" is also on line 2, for Dana Rivera: an employee ID belongs to one person',
      'line 5, no name, name: is required',
      'line 6, Ana Souza, e-mail: must be an e-mail address such as dana@example.org',
    ]);
    const message = await refused(csv);
    expect(message).toContain('The roster was not imported');
    expect(message).toContain('line 4, Kim Osei, employee ID');
  });

  it('refuses an employee ID that belongs to someone else in Recert', async () => {
    valueNow(context.dispatch('createPerson', { name: 'Someone Else', employeeId: 'E-104' }));
    const message = await refused('Name,Employee ID,Credential,Expiration\nDana Rivera,E-104,NASM-CPT,2027-03-31\n');
    expect(message).toContain(
      'line 2, Dana Rivera, employee ID: "E-104" already belongs to Someone Else in Recert; this row names Dana Rivera',
    );
  });

  it('refuses a file without the needed columns, an empty one and a binary one, saying what a roster needs', async () => {
    expect(await refused('First,Second\n1,2\n')).toMatch(/no "name", "credential type", "expiration date" column/);
    expect(await refused('Name,Credential,Expiration\n')).toMatch(/has a header but no rows/);
    expect(await refused('PK\u0003\u0004\u0000\u0000binary')).toMatch(/not a text CSV file/);
  });
});

describe('a roster imported again next month', () => {
  const first = [
    'Name,Employee ID,Credential,Certification number,Expiration',
    'Dana Rivera,E-104,NASM-CPT,NASM-1,12/31/2026',
    'Sam Lee,E-105,ACE-CPT,,2027-06-30',
    '',
  ].join('\n');
  const renewed = [
    'Name,Employee ID,Credential,Certification number,Expiration',
    'Dana Rivera,E-104,NASM-CPT,NASM-1,12/31/2028',
    'Sam Lee,E-105,ACE-CPT,ACE-77,2029-06-30',
    '',
  ].join('\n');

  it('updates the renewed credential in place: no second credential, its courses and audit kept', async () => {
    await value(context.dispatch('importRoster', { csvText: first }));
    const dana = context.store.people.list(true).find((p) => p.name === 'Dana Rivera');
    const [credential] = context.store.credentials.listByPerson(dana?.id ?? '');
    valueNow(
      context.dispatch('createCourse', {
        personId: dana?.id,
        title: 'Corrective Exercise',
        provider: 'NASM',
        approval: 'nasm',
        approvalCode: null,
        completed: '2026-06-01',
        ceus: 1.9,
        contactHours: null,
        petition: null,
        credentialIds: [credential?.id],
      }),
    );
    valueNow(context.dispatch('recordAuditNotice', { credentialId: credential?.id, auditNoticeReceived: '2026-11-01' }));
    const preview = await value<RosterPreview>(context.dispatch('previewRoster', { csvText: renewed }));
    expect(preview.rows.map((r) => r.action)).toEqual([
      'Update expiration 31 Dec 2026 → 31 Dec 2028',
      // The person's only ACE-CPT, recorded without a number: the same credential.
      'Update expiration 30 Jun 2027 → 30 Jun 2029; add number ACE-77',
    ]);
    expect(preview).toMatchObject({ newPeople: 0, newCredentials: 0, updatedCredentials: 2 });
    const courses = rowCounts(context).activities;
    await value(context.dispatch('importRoster', { csvText: renewed }));
    const stored = context.store.credentials.listByPerson(dana?.id ?? '');
    expect(stored.map((c) => [c.id, c.number, c.expires, c.auditNoticeReceived])).toEqual([
      [credential?.id, 'NASM-1', '2028-12-31', '2026-11-01'],
    ]);
    expect(rowCounts(context).activities).toBe(courses);
    const team = valueNow<TeamView>(context.dispatch('getTeamView', { asOf: '2026-12-03' }));
    expect(team.rows.filter((r) => r.name === 'Dana Rivera')).toHaveLength(1);
    expect(team.rows.find((r) => r.name === 'Dana Rivera')?.filters).not.toContain('expiring-30');
    // Once more: nothing left to do.
    const again = await value<RosterPreview>(context.dispatch('previewRoster', { csvText: renewed }));
    expect(again.rows.map((r) => r.action)).toEqual(['Already in Recert', 'Already in Recert']);
    expect(again.summaryText).toBe('Nothing new: every row is already in Recert.');
  });

  it('names an older roster that would move an expiration back, and changes nothing', async () => {
    await value(context.dispatch('importRoster', { csvText: renewed }));
    const preview = await value<RosterPreview>(context.dispatch('previewRoster', { csvText: first }));
    expect(preview.problems[0]).toBe(
      "line 2, Dana Rivera, expiration date: Recert already records this NASM-CPT as expiring 31 Dec 2028, later than 31 Dec 2026: correct the roster, or change the credential on the trainer's dashboard",
    );
  });
});

describe('a roster with a few incomplete rows', () => {
  const roster = [
    'Name,Employee ID,Credential,Certification number,Expiration,CPR provider,CPR completed,CPR expiration,Hands-on',
    'Dana Rivera,E-104,NASM-CPT,NASM-1,2027-03-31,American Red Cross,2026-01-10,2028-01-10,yes',
    'Sam Lee,E-105,ACE-CPT,ACE-1,,,,,',
    'Kim Osei,E-106,NASM-CPT,NASM-3,,,,,',
    'Ana Souza,E-107,,,,American Heart Association,2025-05-01,2027-05-01,no',
    'Jo Park,E-108,,,,,,,',
    '',
  ].join('\n');

  it('names each problem by line, column and person, and offers to import the others', async () => {
    const preview = await value<RosterPreview>(context.dispatch('previewRoster', { csvText: roster }));
    expect(preview.problems).toEqual([
      'line 3, Sam Lee, expiration date: is required (YYYY-MM-DD, M/D/YYYY or D Mon YYYY)',
      'line 4, Kim Osei, expiration date: is required (YYYY-MM-DD, M/D/YYYY or D Mon YYYY)',
    ]);
    expect(preview.importText).toBe('Import 3 people; skip 2 rows');
    expect(preview.skippedLines).toEqual([3, 4]);
    expect(preview.rows.map((r) => [r.name, r.credential, r.cprAed, r.action])).toEqual([
      ['Dana Rivera', 'NASM-CPT · NASM-1', 'American Red Cross · expires 10 Jan 2028', 'Add person and credential; add CPR/AED card'],
      [
        'Ana Souza',
        'No credential on file',
        'American Heart Association · expires 1 May 2027 · online only',
        'Add person; add CPR/AED card; no credential on file',
      ],
      ['Jo Park', 'No credential on file', null, 'Add person; no credential on file'],
    ]);
  });

  it('imports nothing unless asked to skip; then every good row in one go, people without a credential included', async () => {
    const message = (await context.dispatch('importRoster', { csvText: roster })) as { ok: boolean; error?: { message: string } };
    expect(message.ok).toBe(false);
    expect(message.error?.message).toContain('or import the other rows and skip these');
    expect(context.store.people.list(true)).toHaveLength(0);
    await value(context.dispatch('importRoster', { csvText: roster, skipBadRows: true }));
    const people = context.store.people.list(true);
    expect(people.map((p) => p.name).sort()).toEqual(['Ana Souza', 'Dana Rivera', 'Jo Park']);
    const dana = people.find((p) => p.name === 'Dana Rivera')?.id ?? '';
    expect(
      context.store.cprAedCards.listByPerson(dana).map((k) => [k.provider, k.completed, k.expires, k.adultCpr, k.aed, k.handsOn]),
    ).toEqual([['American Red Cross', '2026-01-10', '2028-01-10', true, true, true]]);
    const team = valueNow<TeamView>(context.dispatch('getTeamView', { asOf: '2026-12-03' }));
    expect(team.summary).toMatchObject({ people: 3, credentials: 1, withoutCredential: 2 });
    expect(team.rows.find((r) => r.name === 'Dana Rivera')?.cprAedText).toBe('Current until 10 Jan 2028');
    expect(team.withoutCredential.map((p) => [p.name, p.text, p.cprAedText])).toEqual([
      ['Ana Souza', 'No credential on file', 'Expires 1 May 2027'],
      ['Jo Park', 'No credential on file', 'None on file'],
    ]);
  });

  it('refuses a card without its dates or hands-on, naming the column', async () => {
    const csv = [
      'Name,Credential,Expiration,CPR/AED provider,CPR/AED completed,CPR/AED expiration,Hands-on',
      'Dana Rivera,NASM-CPT,2027-03-31,Red Cross,,2028-01-10,maybe',
      '',
    ].join('\n');
    const preview = await value<RosterPreview>(context.dispatch('previewRoster', { csvText: csv }));
    expect(preview.problems).toEqual([
      'line 2, Dana Rivera, CPR/AED completed: is required (YYYY-MM-DD, M/D/YYYY or D Mon YYYY)',
      'line 2, Dana Rivera, hands-on: "maybe" is not yes or no (yes: the card included a hands-on skills check)',
    ]);
    expect(preview.importText).toBeNull();
  });
});

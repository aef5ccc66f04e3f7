import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, tempDir } from '../helpers/context';

// These run the built command (npm test builds first), exactly as `npx recert` does.
const bin = join(projectRoot, 'bin/recert.js');
const fixtures = join(projectRoot, 'test/fixtures');
const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});
function dir(): string {
  const d = tempDir('recert-cli-');
  folders.push(d);
  return d;
}
function recert(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!existsSync(join(projectRoot, 'out/main/cli.js'))) throw new Error('Build first: npm run build');
});

describe('recert --help', () => {
  it('lists the commands', () => {
    const { code, stdout } = recert(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/evaluate FILE/);
    expect(stdout).toMatch(/import FILE/);
    expect(stdout).toMatch(/export \[--db PATH\] \[--person ID\] --out FILE.json\|FILE.recert/);
    expect(stdout).toMatch(/import FILE.csv \[--db PATH\] --person ID/);
  });
});

describe('recert evaluate', () => {
  it('--json prints exactly one JSON document with the documented verdict', () => {
    const { code, stdout, stderr } = recert(['evaluate', join(fixtures, 'format-example/records.json'), '--as-of', '2026-11-21', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { asOf: string; results: { status: string; ceus: Record<string, number>; blockers: string[] }[] };
    expect(report.asOf).toBe('2026-11-21');
    expect(report.results[0]?.status).toBe('in-progress');
    expect(report.results[0]?.ceus).toEqual({
      required: 2,
      coursesRequired: 1.9,
      cprAedRequired: 0.1,
      courses: 1.5,
      cprAed: 0.1,
      total: 1.6,
      pending: 0.3,
      remaining: 0.4,
    });
    expect(report.results[0]?.blockers).toEqual(['courses-short']);
  });

  it('prints a readable summary without --json', () => {
    const { code, stdout } = recert(['evaluate', join(fixtures, 'format-example/records.json'), '--as-of', '2027-04-15']);
    expect(code).toBe(0);
    expect(stdout).toContain('Dana Rivera — NASM-CPT (c1)');
    expect(stdout).toContain('Expired — late fee applies until 29 Jun 2027');
    expect(stdout).toContain('courses 1.5 / 1.9');
  });

  it('exits 2 and names every JSON path of a bad file on stderr', () => {
    const { code, stdout, stderr } = recert(['evaluate', join(fixtures, 'bad/many-problems.json'), '--json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('people[0].credentials[0].expires: "2027-02-30" is not a calendar date');
    expect(stderr).toContain('people[0].activities[7].attachments[0].sha256: does not match');
    expect(stderr).toContain('people[0].activities[8].surprise: unknown field');
  });

  it.each([
    [['evaluate'], 'evaluate needs exactly one records FILE'],
    [['evaluate', 'x.json', '--as-of', '2026-02-30'], '--as-of: "2026-02-30" is not a calendar date'],
    [['evaluate', '/nonexistent/records.json'], 'cannot read /nonexistent/records.json'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['evaluate', 'x.json', '--colour'], "Unknown option '--colour'"],
  ])('exits 2 on bad arguments: %j', (args, message) => {
    const { code, stderr } = recert(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe('recert import and export', () => {
  it('imports into a data folder, then exports the same records with their certificates', () => {
    const data = dir();
    const out = dir();
    const imported = recert(['import', join(fixtures, 'format-example/records.json'), '--db', data]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported 1 person, 1 credential, 2 courses, 1 CPR/AED card, and 1 certificate file');

    const exported = recert(['export', '--db', join(data, 'recert.sqlite3'), '--out', join(out, 'records.json')]);
    expect(exported.code).toBe(0);
    const document = JSON.parse(readFileSync(join(out, 'records.json'), 'utf8')) as {
      people: { name: string; cprAed: { attachments: { file: string }[] }[] }[];
    };
    expect(document.people[0]?.name).toBe('Dana Rivera');
    expect(existsSync(join(out, document.people[0]?.cprAed[0]?.attachments[0]?.file ?? 'missing'))).toBe(true);
  });

  it('uses RECERT_DATA_DIR when --db is not given', () => {
    const data = dir();
    expect(recert(['import', join(fixtures, 'shared-course.json')], { RECERT_DATA_DIR: data }).code).toBe(0);
    expect(existsSync(join(data, 'recert.sqlite3'))).toBe(true);
  });

  it('refuses a bad file with exit 2 and imports nothing', () => {
    const data = dir();
    const result = recert(['import', join(fixtures, 'bad/many-problems.json'), '--db', data]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('people[0].activities[1].id: "a1" is used twice');
    const out = dir();
    expect(recert(['export', '--db', data, '--out', join(out, 'r.json')]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'))).toEqual({ format: 'recert-records/1', people: [] });
  });

  it('refuses a data folder whose database is not a Recert database, with exit 2, and leaves it untouched', () => {
    const data = dir();
    writeFileSync(join(data, 'recert.sqlite3'), 'my tax notes');
    const result = recert(['import', join(fixtures, 'shared-course.json'), '--db', data]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a Recert database');
    expect(readFileSync(join(data, 'recert.sqlite3'), 'utf8')).toBe('my tax notes');
  });

  it('export needs --out', () => {
    expect(recert(['export', '--db', dir()]).stderr).toContain('export needs --out FILE');
  });
});

describe('recert packet', () => {
  it('writes the packet from a records file, with a progress line per exhibit on stderr', async () => {
    const { writePacketFixture } = await import('../helpers/packet-fixtures');
    const work = dir();
    const fixture = await writePacketFixture(work);
    const out = join(work, 'out', 'packet.pdf');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(work, 'out'));
    const result = recert(['packet', fixture.recordsFile, '--person', 'p1', '--credential', 'c1', '--out', out, '--as-of', '2027-04-15']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Added exhibit 1 of 8: ces.pdf');
    expect(result.stderr.match(/Added exhibit \d+ of 8/g)).toHaveLength(8);
    expect(spawnSync('qpdf', ['--check', out]).status).toBe(0);
  });

  it('writes the packet from a data folder', () => {
    const data = dir();
    expect(recert(['import', join(fixtures, 'format-example/records.json'), '--db', data]).code).toBe(0);
    const out = join(dir(), 'p.pdf');
    const result = recert(['packet', '--db', data, '--credential', 'c1', '--out', out]);
    expect(result.stderr).toContain('Added exhibit 1 of 1: cpr-front.jpg');
    expect(result.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it.each([
    [['packet', '--credential', 'c1', '--out', 'x.pdf'], 'packet needs either a records FILE or --db PATH'],
    [['packet', 'x.json', '--person', 'p1', '--out', 'x.pdf'], 'packet needs --credential ID'],
    [['packet', 'FILE', '--person', 'p1', '--credential', 'c1'], 'packet needs --out OUT.pdf'],
  ])('exits 2 on bad arguments: %j', (args, message) => {
    const result = recert(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('exits 2 and writes nothing for an unknown person or credential', () => {
    const out = join(dir(), 'p.pdf');
    const result = recert(['packet', join(fixtures, 'format-example/records.json'), '--person', 'p1', '--credential', 'c9', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--credential: "p1" has no credential "c9"');
    expect(existsSync(out)).toBe(false);
  });
});

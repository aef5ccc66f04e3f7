// Bad input to the built `recert` command ends in a message and exit 2, never an unhandled
// rejection or a stack trace (each case run as a real child process).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, tempDir } from '../helpers/context';

const bin = join(projectRoot, 'bin/recert.js');
const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});
function dir(): string {
  const d = tempDir('recert-cli-refusals-');
  folders.push(d);
  return d;
}
function recert(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const noStack = /\n\s+at |Unhandled|node:internal|Node\.js v/;

beforeAll(() => {
  if (!existsSync(join(projectRoot, 'out/main/cli.js'))) throw new Error('Build first: npm run build');
});

describe('recert check refuses bad input with exit 2', () => {
  it('a missing folder', () => {
    const { code, stderr } = recert(['check', '--db', join(dir(), 'nowhere')]);
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/^recert: --db: .*nowhere is not a Recert data folder/);
    expect(stderr).not.toMatch(noStack);
  });

  it('a database written by a newer version', () => {
    const data = dir();
    const db = new Database(join(data, 'recert.sqlite3'));
    db.pragma('user_version = 999');
    db.close();
    const { code, stderr } = recert(['check', '--db', data]);
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/written by a newer version of Recert \(schema 999/);
    expect(stderr).not.toMatch(noStack);
  });

  it('an extra argument', () => {
    const data = dir();
    mkdirSync(join(data, 'x'));
    const { code, stderr } = recert(['check', 'extra', '--db', data]);
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/^recert: check takes no FILE argument/);
    expect(stderr).not.toMatch(noStack);
  });
});

/** A data folder holding one person, p1, with a NASM credential c1. */
function dataWithPerson(): string {
  const folder = dir();
  const records = join(folder, 'records.json');
  writeFileSync(
    records,
    JSON.stringify({
      format: 'recert-records/1',
      people: [
        {
          id: 'p1',
          name: 'Dana Rivera',
          credentials: [{ id: 'c1', ruleSet: 'nasm-cpt', expires: '2027-03-31' }],
          activities: [],
          cprAed: [],
        },
      ],
    }),
  );
  const data = join(folder, 'data');
  expect(recert(['import', records, '--db', data]).code).toBe(0);
  return data;
}

describe('files that are not files, or far too large, are refused before they are read', () => {
  function hostileInputs() {
    const folder = dir();
    const fifo = join(folder, 'records.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const big = join(folder, 'big.json');
    writeFileSync(big, '{');
    truncateSync(big, 257 * 1024 * 1024);
    return [
      ['/dev/zero', /\/dev\/zero is not a regular file \(a device, a pipe or a socket\)/],
      [fifo, /records\.fifo is not a regular file/],
      [folder, /is a folder, not a records file/],
      [big, /big\.json is 257\.0 MB, larger than a records file may be \(at most 256\.0 MB\)/],
    ] as const;
  }

  it.each(['evaluate', 'import', 'packet'])('recert %s', (command) => {
    const data = dataWithPerson();
    for (const [file, why] of hostileInputs()) {
      const args =
        command === 'evaluate'
          ? [file]
          : command === 'import'
            ? [file, '--db', data]
            : [file, '--person', 'p1', '--credential', 'c1', '--out', join(dir(), 'p.pdf')];
      // A read of /dev/zero or a FIFO never ends: the timeout is the test failing, not a limit.
      const result = spawnSync(process.execPath, [bin, command, ...args], { encoding: 'utf8', timeout: 20_000 });
      expect(result.status, `${file}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(why);
      expect(result.stderr).not.toMatch(noStack);
    }
  });

  it('recert import FILE.csv', () => {
    const data = dataWithPerson();
    const folder = dir();
    const fifo = join(folder, 'courses.csv');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const big = join(folder, 'big.csv');
    writeFileSync(big, 'title,provider,completed\n');
    truncateSync(big, 6 * 1024 * 1024);
    const dotCsv = join(folder, 'folder.csv');
    mkdirSync(dotCsv);
    for (const [file, why] of [
      [fifo, /courses\.csv is not a regular file/],
      [dotCsv, /folder\.csv is a folder, not a CSV file of courses/],
      [big, /big\.csv is 6\.0 MB, larger than a CSV file of courses may be \(at most 5\.0 MB\)/],
    ] as const) {
      const result = spawnSync(process.execPath, [bin, 'import', file, '--db', data, '--person', 'p1'], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toMatch(why);
      expect(result.stderr).not.toMatch(noStack);
    }
  });
});

describe('course CSV errors on the command line', () => {
  it('a header of 200,000 columns is refused in words, not by a stack overflow', () => {
    const data = dataWithPerson();
    const file = join(dir(), 'wide.csv');
    writeFileSync(file, `${Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(',')}\nx\n`);
    const { code, stderr } = recert(['import', file, '--db', data, '--person', 'p1']);
    expect(code, stderr).toBe(2);
    expect(stderr).toBe(
      'recert: line 1: the header has 200000 columns, more than the 1000 a CSV file here may have; the first row must name the columns.\n',
    );
  });

  it('100,000 bad rows: the first 50 problems and a count of the rest, without the API field name', () => {
    const data = dataWithPerson();
    const file = join(dir(), 'bad.csv');
    writeFileSync(file, `title,provider,completed,ceus\n${'Course,NASM,someday,1\n'.repeat(100_000)}`);
    for (const dryRun of [[], ['--dry-run']]) {
      const { code, stderr } = recert(['import', file, '--db', data, '--person', 'p1', ...dryRun]);
      expect(code, stderr.slice(0, 500)).toBe(2);
      expect(stderr).toMatch(
        /^recert: The courses were not imported; fix these and try again:\nline 2, date completed: "someday" is not a calendar date/,
      );
      expect(stderr).not.toContain('csvText');
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(52);
      expect(lines[50]).toMatch(/^line 51, date completed: /);
      expect(lines[51]).toBe('…and 99,950 more problems like these.');
    }
  });
});

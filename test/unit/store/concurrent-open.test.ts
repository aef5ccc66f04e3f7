// Two processes opening a closed data folder at the same moment (no -wal or -shm yet): an update
// import of a bundle and a CSV import of courses, real `recert` child processes, round after round.
// Both must land: the inspection at open once deleted the -wal the other process was writing into,
// so that process's committed import vanished.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, tempDir } from '../../helpers/context';

const PEOPLE = 20;
const COURSES_EACH = 100;
const CSV_COURSES = 50;

let dir: string;
let template: string;
let bundle: string;
let csv: string;

function recert(...args: string[]) {
  return spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { encoding: 'utf8' });
}

function runRecert(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (status) => resolve({ status, stderr }));
  });
}

function person(i: number) {
  return {
    id: `p${i}`,
    name: `Trainer ${i}`,
    email: `trainer${i}@example.org`,
    credentials: [{ id: `c${i}`, ruleSet: 'nasm-cpt', number: `NASM-${100000 + i}`, expires: '2027-03-31' }],
    activities: Array.from({ length: i === 0 ? 0 : COURSES_EACH }, (_, a) => ({
      id: `a${i}-${a}`,
      title: `Course ${a}`,
      provider: 'NASM',
      approval: 'nasm',
      completed: '2026-02-01',
      ceus: 0.1,
      credentials: [`c${i}`],
    })),
    cprAed:
      i === 0
        ? []
        : [
            {
              id: `k${i}`,
              provider: 'American Red Cross',
              completed: '2025-06-01',
              expires: '2027-06-01',
              adultCpr: true,
              aed: true,
              handsOn: true,
            },
          ],
  };
}

beforeAll(() => {
  dir = tempDir('recert-concurrent-open-');
  const write = (name: string, people: unknown[]) => {
    writeFileSync(join(dir, name), JSON.stringify({ format: 'recert-records/1', people }));
    return join(dir, name);
  };
  // The target: one person, closed (no -wal, no -shm).
  template = join(dir, 'template');
  const seeded = recert('import', write('p0.json', [person(0)]), '--db', template);
  expect(seeded.status, seeded.stderr).toBe(0);
  expect(readdirSync(template).filter((n) => n.startsWith('recert.sqlite3'))).toEqual(['recert.sqlite3']);
  // The bundle: twenty people with a hundred courses and a card each.
  const source = join(dir, 'source');
  const imported = recert(
    'import',
    write(
      'team.json',
      Array.from({ length: PEOPLE }, (_, i) => person(i + 1)),
    ),
    '--db',
    source,
  );
  expect(imported.status, imported.stderr).toBe(0);
  bundle = join(dir, 'team.recert');
  const exported = recert('export', '--db', source, '--out', bundle);
  expect(exported.status, exported.stderr).toBe(0);
  csv = join(dir, 'courses.csv');
  writeFileSync(
    csv,
    `title,provider,date completed,ceus\n${Array.from({ length: CSV_COURSES }, (_, i) => `Workshop ${i},Iron Guild,2026-03-01,0.2`).join('\n')}\n`,
  );
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function counts(folder: string): { people: number; courses: number; cards: number } {
  const db = new Database(join(folder, 'recert.sqlite3'), { readonly: true });
  try {
    const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { people: n('people'), courses: n('activities'), cards: n('cpr_aed_cards') };
  } finally {
    db.close();
  }
}

describe('two processes opening a closed data folder together', () => {
  it('keep both imports, round after round', async () => {
    const lost: string[] = [];
    for (let round = 0; round < 24; round++) {
      const target = join(dir, `round-${round}`);
      mkdirSync(target);
      copyFileSync(join(template, 'recert.sqlite3'), join(target, 'recert.sqlite3'));
      const [update, courses] = await Promise.all([
        runRecert(['import', bundle, '--update', '--db', target]),
        runRecert(['import', csv, '--person', 'p0', '--db', target]),
      ]);
      expect(update.status, update.stderr).toBe(0);
      expect(courses.status, courses.stderr).toBe(0);
      const found = counts(target);
      const expected = { people: PEOPLE + 1, courses: PEOPLE * COURSES_EACH + CSV_COURSES, cards: PEOPLE };
      if (JSON.stringify(found) !== JSON.stringify(expected)) lost.push(`round ${round}: ${JSON.stringify(found)}`);
    }
    expect(lost).toEqual([]);
  }, 240_000);
});

// Two `recert import X.recert --update` of one bundle started together on one data folder, real
// child processes, round after round. Both must succeed: what is added and what is updated is decided
// inside the write transaction (BEGIN IMMEDIATE), so the second sees the first's rows instead of
// inserting them again (once: "UNIQUE constraint failed: people.id", exit 1).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, tempDir } from '../../helpers/context';
import { tinyPdf } from '../../helpers/seed';

const PEOPLE = 12;
const COURSES_EACH = 40;

let dir: string;
let template: string;
let bundle: string;

function recert(...args: string[]) {
  return spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { encoding: 'utf8' });
}
function runRecert(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

function person(i: number) {
  return {
    id: `p${i}`,
    name: `Trainer ${i}`,
    email: `trainer${i}@example.org`,
    credentials: [{ id: `c${i}`, ruleSet: 'nasm-cpt', number: `NASM-${100000 + i}`, expires: '2027-03-31' }],
    activities: Array.from({ length: COURSES_EACH }, (_, a) => ({
      id: `a${i}-${a}`,
      title: `Course ${a}`,
      provider: 'NASM',
      approval: 'nasm',
      completed: '2026-02-01',
      ceus: 0.1,
      credentials: [`c${i}`],
      // A certificate of its own for each person's first course: the files are copied too.
      ...(a === 0 ? { attachments: [{ file: `certs/${i}.pdf` }] } : {}),
    })),
    cprAed: [
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
  dir = tempDir('recert-concurrent-update-');
  // The target: a data folder that already holds someone else, closed.
  template = join(dir, 'template');
  writeFileSync(
    join(dir, 'other.json'),
    JSON.stringify({
      format: 'recert-records/1',
      people: [{ id: 'p-other', name: 'Sam Lee', credentials: [], activities: [], cprAed: [] }],
    }),
  );
  const seeded = recert('import', join(dir, 'other.json'), '--db', template);
  expect(seeded.status, seeded.stderr).toBe(0);
  // The bundle: its people, courses, cards and certificates.
  const source = join(dir, 'source');
  mkdirSync(join(dir, 'certs'));
  for (let i = 0; i < PEOPLE; i++) writeFileSync(join(dir, 'certs', `${i}.pdf`), Buffer.concat([tinyPdf, Buffer.from(`%${i}`)]));
  writeFileSync(
    join(dir, 'team.json'),
    JSON.stringify({ format: 'recert-records/1', people: Array.from({ length: PEOPLE }, (_, i) => person(i)) }),
  );
  const imported = recert('import', join(dir, 'team.json'), '--db', source);
  expect(imported.status, imported.stderr).toBe(0);
  bundle = join(dir, 'team.recert');
  const exported = recert('export', '--db', source, '--out', bundle);
  expect(exported.status, exported.stderr).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function counts(folder: string) {
  const db = new Database(join(folder, 'recert.sqlite3'), { readonly: true });
  try {
    const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { people: n('people'), courses: n('activities'), cards: n('cpr_aed_cards'), certificates: n('attachments') };
  } finally {
    db.close();
  }
}
/** Certificate files in the content store: none left over beyond those the records use. */
function storedFiles(folder: string): number {
  const root = join(folder, 'attachments');
  return readdirSync(root).flatMap((d) => readdirSync(join(root, d))).length;
}

describe('two update-imports of one bundle at the same moment', () => {
  it('both succeed, and the store holds the bundle once, round after round', async () => {
    const wrong: string[] = [];
    for (let round = 0; round < 6; round++) {
      const target = join(dir, `round-${round}`);
      mkdirSync(target);
      copyFileSync(join(template, 'recert.sqlite3'), join(target, 'recert.sqlite3'));
      const both = await Promise.all([
        runRecert(['import', bundle, '--update', '--db', target]),
        runRecert(['import', bundle, '--update', '--db', target]),
      ]);
      for (const run of both) expect(run.status, run.stderr).toBe(0);
      // One added the people; the other found them all there.
      expect(both.map((r) => /People: (\d+ added|\d+ unchanged)/.exec(r.stdout)?.[1]).sort()).toEqual([
        `${PEOPLE} added`,
        `${PEOPLE} unchanged`,
      ]);
      const found = { ...counts(target), files: storedFiles(target) };
      const expected = { people: PEOPLE + 1, courses: PEOPLE * COURSES_EACH, cards: PEOPLE, certificates: PEOPLE, files: PEOPLE };
      if (JSON.stringify(found) !== JSON.stringify(expected)) wrong.push(`round ${round}: ${JSON.stringify(found)}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('two plain imports: one imports, the other is refused by name (exit 2), never a constraint failure', async () => {
    for (let round = 0; round < 3; round++) {
      const target = join(dir, `plain-${round}`);
      mkdirSync(target);
      copyFileSync(join(template, 'recert.sqlite3'), join(target, 'recert.sqlite3'));
      const both = await Promise.all([runRecert(['import', bundle, '--db', target]), runRecert(['import', bundle, '--db', target])]);
      expect(both.map((r) => r.status).sort()).toEqual([0, 2]);
      expect(both.find((r) => r.status === 2)?.stderr).toContain('"p0" already exists in this data folder');
      expect({ ...counts(target), files: storedFiles(target) }).toEqual({
        people: PEOPLE + 1,
        courses: PEOPLE * COURSES_EACH,
        cards: PEOPLE,
        certificates: PEOPLE,
        files: PEOPLE,
      });
    }
  }, 60_000);
});

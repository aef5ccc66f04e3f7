// `recert intake` with the built CLI on real certificate files: the JSON document and its statuses,
// --dry-run writing nothing, files known again by content, and exit 2 only for a path that does not
// exist or a --db that is not a data folder.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppContext } from '../../../main/app-context';
import type { IntakeReport } from '../../../main/core/domain/intake';
import { projectRoot, resourcesDir, tempDir } from '../../helpers/context';
import { certificate, variant } from '../../helpers/intake-files';
import { valueNow } from '../../helpers/results';

const dir = tempDir('recert-intake-cli-');
const db = join(dir, 'data');
const inbox = join(dir, 'inbox');
let people: Record<string, string> = {};

const recert = (...args: string[]) =>
  spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { encoding: 'utf8', cwd: dir });
const counts = () => {
  const context = openAppContext({ dataDir: db, resourcesDir });
  try {
    const n = (table: string) => (context.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { activities: n('activities'), cards: n('cpr_aed_cards'), attachments: n('attachments') };
  } finally {
    context.close();
  }
};

beforeAll(async () => {
  const context = openAppContext({ dataDir: db, resourcesDir });
  try {
    const person = (name: string) =>
      valueNow<{ id: string }>(context.dispatch('createPerson', { name, email: null, employeeId: null }) as never).id;
    people = { dana: person('Dana Rivera'), samuel: person('Samuel Lee'), maria: person('María Núñez') };
    valueNow(
      context.dispatch('createCredential', { personId: people.dana, ruleSet: 'nasm-cpt', number: null, expires: '2027-03-31' }) as never,
    );
  } finally {
    context.close();
  }
  await certificate(inbox, 'dana-ces.pdf', 'A', variant(0));
  await certificate(inbox, 'samuel-card.pdf', 'G', variant(1));
  await certificate(join(inbox, 'phone'), 'nunez.pdf', 'A', variant(2, { name: 'NÚÑEZ, MARÍA' }));
  writeFileSync(join(inbox, 'empty.pdf'), '');
  writeFileSync(join(inbox, 'notes.txt'), 'Remember to file these.');
  mkdirSync(join(dir, 'not-data'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('recert intake', () => {
  it('prints each file with its status and files nothing on --dry-run', () => {
    const before = counts();
    const dry = recert('intake', 'inbox', '--db', db, '--dry-run', '--json');
    expect(dry.status, dry.stderr).toBe(0);
    const report = JSON.parse(dry.stdout) as IntakeReport;
    expect(report.files.map((f) => [f.file, f.status])).toEqual([
      ['inbox/dana-ces.pdf', 'proposed'],
      ['inbox/empty.pdf', 'unreadable'],
      ['inbox/notes.txt', 'skipped'],
      ['inbox/phone/nunez.pdf', 'proposed'],
      ['inbox/samuel-card.pdf', 'proposed'],
    ]);
    expect(report.files[0]).toEqual({
      file: 'inbox/dana-ces.pdf',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
      document: 'course-certificate',
      status: 'proposed',
      reason: null,
      person: people.dana,
      match: { by: 'name', confidence: 0.95 },
      credentials: [expect.any(String) as unknown],
      records: [
        {
          kind: 'course',
          id: null,
          fields: expect.objectContaining({ title: { value: 'Corrective Exercise Specialist', confidence: 0.9 } }) as unknown,
        },
      ],
      duplicateOf: null,
    });
    expect(report.files[1]).toMatchObject({ sha256: null, document: 'unknown', reason: 'The file is empty.', person: null, match: null });
    expect(report.summary).toEqual({
      files: 5,
      applied: 0,
      proposed: 3,
      alreadyAttached: 0,
      possibleDuplicates: 0,
      unmatched: 0,
      unreadable: 1,
      skipped: 1,
    });
    expect(counts()).toEqual(before);
  }, 60_000);

  it('files the sure ones with their files attached, then knows each file again', () => {
    const done = recert('intake', 'inbox', '--db', db);
    expect(done.status, done.stderr).toBe(0);
    expect(done.stderr).toContain('Reading 1/5: inbox/dana-ces.pdf');
    expect(done.stdout).toContain('inbox/dana-ces.pdf: filed for Dana Rivera (matched by name, 95% sure)');
    expect(done.stdout).toContain('inbox/phone/nunez.pdf: filed for María Núñez (matched by name, 95% sure)');
    expect(done.stdout).toContain('inbox/empty.pdf: unreadable\n  The file is empty.');
    expect(done.stdout).toContain(
      '5 files: 3 filed, 0 proposed, 0 already attached, 0 possible duplicates, 0 unmatched, 1 unreadable, 1 skipped.',
    );
    expect(counts()).toEqual({ activities: 2, cards: 1, attachments: 3 });
    const again = JSON.parse(recert('intake', 'inbox', '--db', db, '--json').stdout) as IntakeReport;
    expect(again.summary).toMatchObject({ applied: 0, alreadyAttached: 3 });
    expect(again.files[4]).toMatchObject({ status: 'already-attached', document: 'cpr-aed-card', person: people.samuel });
    expect(counts()).toEqual({ activities: 2, cards: 1, attachments: 3 });
  }, 60_000);

  it('refuses a path that does not exist or a --db that is not a data folder (exit 2), reading nothing', () => {
    const before = counts();
    const missing = recert('intake', 'inbox', 'no-such-folder', '--db', db);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('recert: no-such-folder does not exist: nothing was read. Check the path.\n');
    const notData = recert('intake', 'inbox', '--db', join(dir, 'not-data'));
    expect(notData.status).toBe(2);
    expect(notData.stderr).toMatch(/is not a Recert data folder/);
    expect(recert('intake', '--db', db).status).toBe(2);
    expect(counts()).toEqual(before);
  });
});

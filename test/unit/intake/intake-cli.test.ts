// `recert intake` with the built CLI on real certificate files: the JSON document and its statuses,
// --dry-run writing nothing, files known again by content, and exit 2 only for a path that does not
// exist or a --db that is not a data folder.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppContext } from '../../../main/app-context';
import type { InboxView, IntakeReport } from '../../../main/core/domain/intake';
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
    return { courses: n('activities'), cards: n('cpr_aed_cards'), attachments: n('attachments') };
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
      inInbox: false,
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
      inInbox: 0,
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
    expect(counts()).toEqual({ courses: 2, cards: 1, attachments: 3 });
    const again = JSON.parse(recert('intake', 'inbox', '--db', db, '--json').stdout) as IntakeReport;
    expect(again.summary).toMatchObject({ applied: 0, alreadyAttached: 3 });
    expect(again.files[4]).toMatchObject({ status: 'already-attached', document: 'cpr-aed-card', person: people.samuel });
    expect(counts()).toEqual({ courses: 2, cards: 1, attachments: 3 });
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

describe('recert intake and the app inbox', () => {
  const data = join(dir, 'data-inbox');
  const stack = join(dir, 'stack');
  let dana = '';
  const inboxOf = () => {
    const context = openAppContext({ dataDir: data, resourcesDir });
    try {
      return valueNow<InboxView>(context.dispatch('getInbox', {}) as never);
    } finally {
      context.close();
    }
  };

  beforeAll(async () => {
    const context = openAppContext({ dataDir: data, resourcesDir });
    try {
      dana = valueNow<{ id: string }>(context.dispatch('createPerson', { name: 'Dana Rivera', email: null, employeeId: null }) as never).id;
      valueNow(context.dispatch('createCredential', { personId: dana, ruleSet: 'nasm-cpt', number: null, expires: '2027-03-31' }) as never);
    } finally {
      context.close();
    }
    await certificate(stack, 'dana.pdf', 'A', variant(0));
    await certificate(stack, 'stranger.pdf', 'A', variant(3, { name: 'Quentin Oduya' }));
  }, 60_000);

  it('leaves what it could not file waiting in the inbox, once, and the app files it from there', () => {
    const plain = recert('intake', 'stack', '--db', data, '--no-inbox', '--json');
    expect(plain.status, plain.stderr).toBe(0);
    expect((JSON.parse(plain.stdout) as IntakeReport).summary).toMatchObject({ applied: 1, unmatched: 1, inInbox: 0 });
    expect(inboxOf().items).toEqual([]);

    const run = recert('intake', 'stack', '--db', data);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('stack/stranger.pdf: not matched to anyone, not filed\n');
    expect(run.stdout).toContain("  Waiting in the app's certificate inbox, to check and file there.");
    expect(run.stdout).toContain("1 file waits in the app's certificate inbox (Team, or the trainer's Courses): check it and file there.");
    expect(run.stdout).not.toMatch(/dana\.pdf[^\n]*\n[^\n]*Waiting in the app/);
    const waiting = inboxOf().items;
    expect(waiting.map((i) => [i.fileName, i.status])).toEqual([['stack/stranger.pdf', 'unmatched']]);

    // Again: the file already waits, so it is said to wait and not added a second time.
    const again = JSON.parse(recert('intake', 'stack', '--db', data, '--json').stdout) as IntakeReport;
    expect(again.files.find((f) => f.file === 'stack/stranger.pdf')).toMatchObject({ status: 'unmatched', inInbox: true });
    expect(inboxOf().items).toHaveLength(1);

    // In the app: the person chosen, the file is filed with its certificate attached.
    const context = openAppContext({ dataDir: data, resourcesDir });
    try {
      const id = waiting[0]?.id ?? '';
      valueNow(context.dispatch('correctInboxItem', { id, correction: { personId: dana } }) as never);
      const filed = valueNow<{ text: string }>(context.dispatch('fileInboxItems', { ids: [id] }) as never);
      expect(filed.text).toBe('Filed 1 file: 1 course, each with its certificate attached.');
      const n = (table: string) => (context.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      expect(n('attachments')).toBe(2);
      expect(n('intake_inbox')).toBe(0);
    } finally {
      context.close();
    }
  }, 120_000);

  it('keeps nothing in the inbox on --dry-run', async () => {
    await certificate(stack, 'another-stranger.pdf', 'A', variant(2, { name: 'Ilse Varga' }));
    const dry = JSON.parse(recert('intake', 'stack', '--db', data, '--dry-run', '--json').stdout) as IntakeReport;
    expect(dry.files.find((f) => f.file === 'stack/another-stranger.pdf')).toMatchObject({ status: 'unmatched', inInbox: false });
    expect(dry.summary.inInbox).toBe(0);
    expect(inboxOf().items).toEqual([]);
  }, 60_000);
});

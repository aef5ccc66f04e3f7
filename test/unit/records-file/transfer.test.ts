// Records that move between a trainer and a manager: update-import (CLI and app), the .recert bundle
// (written, read back, refused when tampered with or hostile), matching by employee ID or e-mail.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZipFile } from 'yazl';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBundle } from '../../../main/core/records-file/bundle';
import type { RecordsImportView } from '../../../main/core/domain/views';
import { openAppContext } from '../../../main/app-context';
import { freshContext, projectRoot, resourcesDir, rowCounts, tempDir } from '../../helpers/context';
import { value, valueNow } from '../../helpers/results';
import { seed, snapshot, tinyPdf } from '../../helpers/seed';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});
function context() {
  const c = freshContext({ today: '2026-11-23' });
  cleanup.push(() => c.dispose());
  return c;
}
function folder() {
  const dir = tempDir('recert-transfer-');
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
function recert(...args: string[]) {
  return spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { encoding: 'utf8' });
}
const upload = (path: string) => ({ fileName: 'dana.recert', contentBase64: readFileSync(path).toString('base64') });

/** A trainer's store with one person, a course with a certificate and a card; and their bundle. */
async function trainerWithBundle() {
  const trainer = context();
  const ids = seed(trainer);
  const bundle = join(folder(), 'dana.recert');
  await writeBundle(trainer.store, trainer.files, bundle, ids.personId);
  return { trainer, ids, bundle };
}

describe('records bundle', () => {
  it('holds records.json and the certificates; evaluate, import and packet read it like a records file', async () => {
    const { trainer, bundle } = await trainerWithBundle();
    const exported = join(folder(), 'records.json');
    expect(recert('export', '--db', trainer.dataDir, '--out', exported).status).toBe(0);
    const fromBundle = recert('evaluate', bundle, '--as-of', '2026-11-23', '--json');
    const fromFile = recert('evaluate', exported, '--as-of', '2026-11-23', '--json');
    expect(fromBundle.status, fromBundle.stderr).toBe(0);
    expect(fromBundle.stdout).toBe(fromFile.stdout);

    const manager = folder();
    const imported = recert('import', bundle, '--db', manager);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/Imported 1 person, 1 credential, 1 course, 1 CPR\/AED card, and 1 certificate file/);
    const again = join(folder(), 'again.json');
    expect(recert('export', '--db', manager, '--out', again).status).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(exported, 'utf8'));

    const person = JSON.parse(readFileSync(exported, 'utf8')).people[0];
    const out = join(folder(), 'packet.pdf');
    const packet = recert(
      'packet',
      bundle,
      '--person',
      person.id,
      '--credential',
      person.credentials[0].id,
      '--out',
      out,
      '--as-of',
      '2026-11-23',
    );
    expect(packet.status, packet.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('exports one person with --person, and refuses --person without a bundle', () => {
    const trainer = context();
    const ids = seed(trainer);
    valueNow(trainer.dispatch('createPerson', { name: 'Sam Lee' }));
    const out = join(folder(), 'one.recert');
    const result = recert('export', '--db', trainer.dataDir, '--person', ids.personId, '--out', out);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Exported 1 person and 1 certificate file/);
    const bad = recert('export', '--db', trainer.dataDir, '--person', ids.personId, '--out', join(folder(), 'x.json'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--person goes with a \.recert bundle/);
  });

  it('refuses a tampered certificate, as a whole, with nothing changed', async () => {
    const { bundle } = await trainerWithBundle();
    const bytes = readFileSync(bundle);
    // Certificates are stored uncompressed: flip one byte of the PDF's body.
    const at = bytes.indexOf(Buffer.from('%PDF-')) + 20;
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    writeFileSync(bundle, bytes);
    const manager = context();
    seed(manager);
    const before = snapshot(manager);
    const result = await manager.dispatch('previewRecordsImport', upload(bundle));
    expect(result.ok).toBe(false);
    // The CRC-32 of the entry catches it first; a CRC recomputed to match would meet the SHA-256.
    if (!result.ok) expect(result.error.message).toMatch(/"certs\/.*" is damaged \(its CRC-32 does not match/);
    const cli = recert('import', bundle, '--db', folder());
    expect(cli.status).toBe(2);
    expect(cli.stderr).toMatch(/does not match/);
    expect(snapshot(manager)).toBe(before);
  });

  async function zipOf(entries: [string, Buffer][], out: string) {
    const zip = new ZipFile();
    for (const [name, bytes] of entries) zip.addBuffer(bytes, name);
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    writeFileSync(out, Buffer.concat(chunks));
  }
  const records = Buffer.from('{"format":"recert-records/1","people":[]}');

  it('refuses entries that climb out of the bundle, unknown entries and oversized ones, writing nothing outside', async () => {
    const dir = folder();
    const climbing = join(dir, 'climb.recert');
    await zipOf(
      [
        ['records.json', records],
        ['certs/AB/x.pdf', tinyPdf],
      ],
      climbing,
    );
    // Same length, so the archive stays well-formed: certs/AB/x.pdf → ../../../x.pdf
    const patched = Buffer.from(readFileSync(climbing).toString('latin1').replaceAll('certs/AB/x.pdf', '../../../x.pdf'), 'latin1');
    writeFileSync(climbing, patched);
    const other = join(dir, 'other.recert');
    await zipOf(
      [
        ['records.json', records],
        ['evil.sh', Buffer.from('echo hi')],
      ],
      other,
    );
    const bomb = join(dir, 'bomb.recert');
    await zipOf(
      [
        ['records.json', records],
        ['certs/big.pdf', Buffer.alloc(26 * 1024 * 1024)],
      ],
      bomb,
    );
    for (const [file, why] of [
      [climbing, /invalid relative path|which no records bundle has/],
      [other, /"evil\.sh", which no records bundle has/],
      [bomb, /larger than 25 MB/],
    ] as const) {
      const result = recert('import', file, '--db', join(dir, 'store'));
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toMatch(why);
      expect(result.stderr).not.toMatch(/at .*\.js/);
    }
    expect(existsSync(join(dir, '..', 'x.pdf'))).toBe(false);
    const truncated = join(dir, 'truncated.recert');
    writeFileSync(truncated, readFileSync(other).subarray(0, 60));
    const result = recert('evaluate', truncated);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/not a complete records bundle/);
  });
});

describe('update-import', () => {
  it('adds, updates, keeps what the file does not mention, and says so; a dry run changes nothing', async () => {
    const { trainer, ids, bundle } = await trainerWithBundle();
    const manager = folder();
    expect(recert('import', bundle, '--db', manager).status).toBe(0);
    // The manager adds a course of their own for Dana and another trainer.
    const m = openAppContext({ dataDir: manager, resourcesDir });
    valueNow(
      m.dispatch('createCourse', {
        personId: ids.personId,
        title: 'Staff first-aid refresher',
        provider: 'Gym',
        approval: 'approved-provider',
        completed: '2026-05-01',
        ceus: 0.1,
        credentialIds: [],
      }),
    );
    valueNow(m.dispatch('createPerson', { name: 'Sam Lee', employeeId: 'E-7' }));
    m.close();
    // The trainer edits a course and adds one with a certificate, then sends a new bundle.
    const course = valueNow<{ id: string }>(
      trainer.dispatch('createCourse', {
        personId: ids.personId,
        title: 'Kettlebell Basics',
        provider: 'Iron Guild',
        approval: 'approved-provider',
        completed: '2026-09-01',
        contactHours: 4,
        credentialIds: [ids.credentialId],
      }),
    );
    await value(
      trainer.dispatch('addAttachment', {
        owner: { kind: 'course', id: course.id },
        fileName: 'kettlebell.pdf',
        contentBase64: Buffer.concat([tinyPdf, Buffer.from('%kb')]).toString('base64'),
      }),
    );
    const first = trainer.store.courses.get(ids.courseId);
    if (!first) throw new Error('seeded course missing');
    const { personId: _owner, ...fields } = first;
    void _owner;
    valueNow(trainer.dispatch('updateCourse', { ...fields, ceus: 1.8 }));
    await writeBundle(trainer.store, trainer.files, bundle, ids.personId);

    const dry = recert('import', bundle, '--db', manager, '--update', '--dry-run');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('People: 1 unchanged, 1 kept');
    expect(dry.stdout).toContain('Courses: 1 added, 1 updated, 1 kept');
    expect(dry.stdout).toContain('Certificate files: 1 added');
    expect(dry.stdout).toContain('Kept (not in the file): course "Staff first-aid refresher" of Dana Rivera');
    expect(dry.stdout).toContain('Dry run: nothing was changed.');
    const check = openAppContext({ dataDir: manager, resourcesDir });
    expect(check.store.courses.listByPerson(ids.personId)).toHaveLength(2);
    check.close();

    const real = recert('import', bundle, '--db', manager, '--update');
    expect(real.status, real.stderr).toBe(0);
    expect(real.stdout).toContain('Courses: 1 added, 1 updated, 1 kept');
    const after = openAppContext({ dataDir: manager, resourcesDir });
    cleanup.push(() => after.close());
    expect(
      after.store.courses
        .listByPerson(ids.personId)
        .map((a) => [a.title, a.ceus, a.contactHours])
        .sort(),
    ).toEqual([
      ['Corrective Exercise Specialist', 1.8, null],
      ['Kettlebell Basics', null, 4],
      ['Staff first-aid refresher', 0.1, null],
    ]);
    expect(after.store.attachments.listByCourse(course.id).map((a) => a.fileName)).toEqual(['kettlebell.pdf']);
    expect(after.store.people.list()).toHaveLength(2);
    // Importing the same bundle again changes nothing.
    const twice = recert('import', bundle, '--db', manager, '--update');
    expect(twice.stdout).toContain('Courses: 2 unchanged, 1 kept');
  });

  it('a person stored under another id with the same employee ID is that person; a plain import is refused naming both', async () => {
    const { bundle } = await trainerWithBundle();
    const manager = context();
    const stored = valueNow<{ id: string }>(manager.dispatch('createPerson', { name: 'Dana R.', employeeId: 'E-104' }));
    const counts = rowCounts(manager);
    const plain = await manager.dispatch('applyRecordsImport', upload(bundle));
    expect(plain.ok).toBe(true); // the app's import is always an update-import
    expect(manager.store.people.list().map((p) => p.id)).toEqual([stored.id]);
    expect(manager.store.people.get(stored.id)?.name).toBe('Dana Rivera');
    expect(rowCounts(manager).activities).toBe((counts.activities ?? 0) + 1);

    const cliStore = folder();
    const otherContext = openAppContext({ dataDir: cliStore, resourcesDir });
    valueNow(otherContext.dispatch('createPerson', { name: 'Dana R.', email: 'DANA@example.org' }));
    otherContext.close();
    const refused = recert('import', bundle, '--db', cliStore);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/"Dana Rivera" \(p-[^)]+\) has the e-mail of the stored "Dana R\." \(p-[^)]+\)/);
    const updated = recert('import', bundle, '--db', cliStore, '--update');
    expect(updated.status, updated.stderr).toBe(0);
    expect(updated.stdout).toMatch(/Matched: "Dana Rivera" matched by e-mail to the stored "Dana R\."/);
  });

  it('previews in the app: each record added, updated or kept in words; nothing written until Apply', async () => {
    const { bundle } = await trainerWithBundle();
    const manager = context();
    valueNow(manager.dispatch('createPerson', { name: 'Sam Lee' }));
    const before = snapshot(manager);
    const preview = await value<RecordsImportView>(manager.dispatch('previewRecordsImport', upload(bundle)));
    expect(snapshot(manager)).toBe(before);
    expect(preview.applied).toBe(false);
    expect(preview.lines).toEqual([
      'People: 1 added, 1 kept',
      'Credentials: 1 added',
      'Courses: 1 added',
      'CPR/AED cards: 1 added',
      'Certificate files: 1 added',
    ]);
    expect(preview.rows.map((r) => `${r.actionText}: ${r.kindText} ${r.label}`)).toContain('Kept (not in the file): Person Sam Lee');
    const applied = await value<RecordsImportView>(manager.dispatch('applyRecordsImport', upload(bundle)));
    expect(applied.applied).toBe(true);
    expect(manager.store.people.list().map((p) => p.name)).toEqual(['Dana Rivera', 'Sam Lee']);
    // No upload is left behind in the exports folder.
    expect(readdirSync(join(manager.dataDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses ids of the file that belong to another stored person, changing nothing', async () => {
    const { trainer, bundle } = await trainerWithBundle();
    const manager = folder();
    expect(recert('import', bundle, '--db', manager).status).toBe(0);
    // Same course ids under a different person: the second person's file collides.
    const exported = join(folder(), 'records.json');
    expect(recert('export', '--db', trainer.dataDir, '--out', exported).status).toBe(0);
    const file = JSON.parse(readFileSync(exported, 'utf8'));
    file.people[0].id = 'p_other';
    file.people[0].name = 'Someone Else';
    delete file.people[0].email;
    delete file.people[0].employeeId;
    file.people[0].credentials[0].id = 'c_other';
    file.people[0].activities[0].credentials = ['c_other'];
    for (const a of file.people[0].activities) delete a.attachments;
    writeFileSync(exported, JSON.stringify(file));
    const result = recert('import', exported, '--db', manager, '--update');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/people\[0\]\.activities\[0\]\.id: ".*" belongs to another person in this data folder/);
  });
});

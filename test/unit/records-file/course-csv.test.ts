// Courses from a CSV file (the app's preview and column choice, and `recert import FILE.csv`), the
// course log exported as CSV and read back, and the in-app restore of a backup.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBackup } from '../../../main/core/backup/write';
import { planCourseCsv } from '../../../main/core/csv/courses';
import { ATTACHMENTS_FOLDER } from '../../../main/core/data-dir';
import type { CourseCsvView, FileDelivery, RestoreView } from '../../../main/core/domain/views';
import { freshContext, projectRoot, rowCounts, tempDir } from '../../helpers/context';
import { value, valueNow } from '../../helpers/results';
import { seed, snapshot } from '../../helpers/seed';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});
function context() {
  const c = freshContext({ today: '2026-11-23' });
  cleanup.push(() => c.dispose());
  return c;
}
function recert(...args: string[]) {
  return spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], { encoding: 'utf8' });
}

describe('course CSV', () => {
  it('reads the headers, separators and date forms people use', () => {
    const semicolons =
      '\uFEFFCourse Name;Sponsor;Date Completed;CEUs Earned;Course Code\n"Mobility, Level 2";Iron Guild;3/14/2026;0,5;IG-2\nRecovery;FitCo;1 Feb 2026;1.0 CEUs;\n';
    const plan = planCourseCsv(semicolons);
    expect(plan.problems).toEqual([]);
    expect(
      plan.rows.map((r) => [r.line, r.course.title, r.course.provider, r.course.completed, r.course.ceus, r.course.approvalCode]),
    ).toEqual([
      [2, 'Mobility, Level 2', 'Iron Guild', '2026-03-14', 0.5, 'IG-2'],
      [3, 'Recovery', 'FitCo', '2026-02-01', 1, null],
    ]);
    const tabs = planCourseCsv('title\tprovider\tdate\thours\tapproval\nYoga\tStudio\t2026-05-02\t3\tpetition\n');
    expect(tabs.rows[0]?.course).toMatchObject({ contactHours: 3, ceus: null, approval: 'petition' });
  });

  it('names each bad row by line and column, and refuses a file without the needed columns', () => {
    const plan = planCourseCsv(
      'Title,Provider,Date completed,CEUs,Approval\nA,B,02/30/2026,1,\n,B,2026-01-01,0.5,\nC,D,2026-01-01,abc,maybe\nE,F,2026-01-01,,\n',
    );
    expect(plan.problems).toEqual([
      'line 2, date completed: "02/30/2026" is not a calendar date (YYYY-MM-DD, M/D/YYYY or D Mon YYYY)',
      'line 3, title: is required',
      'line 4, CEUs: "abc" must be a number of CEUs',
      'line 4, approval: "maybe" must be one of nasm, approved-provider, petition',
      'line 5, CEUs: is required (as printed on the certificate)',
    ]);
    expect(planCourseCsv('Name,Date\nA,2026-01-01\n').problems).toEqual([
      'line 1: no "title", "provider", "CEUs" or "contact hours" column; name the columns in the first row (title, provider, date completed, CEUs or contact hours, approval code, approval) or choose them',
    ]);
    expect(() => planCourseCsv('Title,Provider,Date,CEUs\n')).toThrow(/a header but no rows/);
    // The person's choice of columns fills in what the headers did not say.
    const mapped = planCourseCsv('Name,Who,When,Credit\nA,B,2026-01-01,0.2\n', { title: 0, provider: 1, completed: 2, ceus: 3 });
    expect(mapped.problems).toEqual([]);
    expect(mapped.rows[0]?.course).toMatchObject({ title: 'A', provider: 'B', ceus: 0.2 });
  });

  it('imports all rows or none through the app and the command line', async () => {
    const c = context();
    const s = seed(c);
    const before = snapshot(c);
    const bad = 'Title,Provider,Date completed,CEUs\nGood,Co,2026-01-01,0.5\nBad,Co,2026-13-01,0.5\n';
    const preview = valueNow<CourseCsvView>(c.dispatch('previewCourseCsv', { personId: s.personId, csvText: bad }));
    expect(preview.problems).toEqual(['line 3, date completed: "2026-13-01" is not a calendar date (YYYY-MM-DD, M/D/YYYY or D Mon YYYY)']);
    const refused = c.dispatch('importCourseCsv', { personId: s.personId, csvText: bad });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'csvText' } });
    expect(snapshot(c)).toBe(before);

    const good = 'Title,Provider,Date completed,CEUs\nGood,Co,2026-01-01,0.5\nBetter,Co,2026-02-01,0.25\n';
    const done = valueNow<CourseCsvView>(
      c.dispatch('importCourseCsv', { personId: s.personId, csvText: good, credentialIds: [s.credentialId] }),
    );
    expect(done.summaryText).toBe('Imported 2 courses for Dana Rivera.');
    expect(c.store.courses.listByCredential(s.credentialId).map((a) => a.title)).toEqual(expect.arrayContaining(['Good', 'Better']));

    const file = join(tempDir(), 'courses.csv');
    cleanup.push(() => rmSync(join(file, '..'), { recursive: true, force: true }));
    writeFileSync(file, bad);
    const counts = rowCounts(c);
    const cli = recert('import', file, '--db', c.dataDir, '--person', s.personId);
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('line 3, date completed: "2026-13-01" is not a calendar date');
    expect(rowCounts(c)).toEqual(counts);
    expect(recert('import', file, '--db', c.dataDir).stderr).toMatch(/needs --person ID/);
    writeFileSync(file, good);
    const ok = recert('import', file, '--db', c.dataDir, '--person', s.personId, '--credential', s.credentialId);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toBe('Imported 2 courses for Dana Rivera.\n');
  });

  it('exports the course log as CSV that imports back to the same courses', async () => {
    const c = context();
    const s = seed(c);
    const delivery = await value<FileDelivery>(c.dispatch('exportCourseLogCsv', { personId: s.personId }));
    expect(delivery.fileName).toBe('Course log - Dana Rivera - 23 Nov 2026.csv');
    const csv = readFileSync(delivery.savedTo ?? '', 'utf8');
    expect(csv.split('\n')[0]).toBe(
      '\uFEFFTitle,Provider,Date completed,CEUs,Contact hours,Approval code,Approval,Petition,Counts toward,Certificates',
    );
    const other = context();
    const person = valueNow<{ id: string }>(other.dispatch('createPerson', { name: 'Dana Rivera' }));
    valueNow(other.dispatch('importCourseCsv', { personId: person.id, csvText: csv }));
    const strip = (a: {
      title: string;
      provider: string;
      approval: string;
      completed: string;
      ceus: number | null;
      contactHours: number | null;
    }) => [a.title, a.provider, a.approval, a.completed, a.ceus, a.contactHours];
    expect(other.store.courses.listByPerson(person.id).map(strip)).toEqual(c.store.courses.listByPerson(s.personId).map(strip));
  });
});

describe('restore in the app', () => {
  it('restores a backup over the open data, keeping the replaced data as a backup, and refuses a damaged one untouched', async () => {
    const c = context();
    const s = seed(c);
    const out = join(tempDir(), 'backup.zip');
    cleanup.push(() => rmSync(join(out, '..'), { recursive: true, force: true }));
    await writeBackup({ db: c.store.db, attachmentsDir: join(c.dataDir, ATTACHMENTS_FOLDER), out });
    const atBackup = snapshot(c);
    valueNow(c.dispatch('deleteCourse', { id: s.courseId }));
    valueNow(c.dispatch('createPerson', { name: 'Sam Lee' }));
    const changed = snapshot(c);

    const damaged = readFileSync(out);
    const middle = Math.floor(damaged.length / 2);
    damaged[middle] = (damaged[middle] ?? 0) ^ 0xff;
    const refused = await c.dispatch('restoreBackup', { fileName: 'backup.zip', contentBase64: damaged.toString('base64') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/backup\.zip cannot be restored: .*Nothing was changed/);
    expect(snapshot(c)).toBe(changed);

    const restored = await value<RestoreView>(
      c.dispatch('restoreBackup', { fileName: 'backup.zip', contentBase64: readFileSync(out).toString('base64') }),
    );
    expect(restored.text).toMatch(
      /^Restored the backup: the database and 1 certificate file\. The data it replaced is kept in .*before-restore-.*\.zip\.$/,
    );
    expect(snapshot(c)).toBe(atBackup);
    expect(c.store.attachments.listByCourse(s.courseId)).toHaveLength(1);
    // The data it replaced is a backup that restores to what it was.
    const backups = valueNow<{ backups: { name: string }[] }>(c.dispatch('getBackups', {}));
    expect(backups.backups.map((b) => b.name)).toEqual([expect.stringMatching(/^before-restore-/)]);
  });
});

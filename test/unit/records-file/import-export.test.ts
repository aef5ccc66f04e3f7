import { readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportRecords } from '../../../main/core/records-file/export';
import { importRecords } from '../../../main/core/records-file/import';
import { readRecordsFile, RecordsFileError } from '../../../main/core/records-file/parse';
import { freshContext, projectRoot, rowCounts, tempDir } from '../../helpers/context';
import { snapshot } from '../../helpers/seed';

const fixtures = join(projectRoot, 'test/fixtures');
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});
function context() {
  const c = freshContext();
  cleanup.push(() => c.dispose());
  return c;
}
function folder() {
  const dir = tempDir('recert-export-');
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
const ids = (c: ReturnType<typeof context>) => new Set(c.ruleSets.map((r) => r.id));

describe('import', () => {
  it('imports people, credentials, courses, cards and certificates, hashing the files into the store', () => {
    const c = context();
    const parsed = readRecordsFile(join(fixtures, 'format-example/records.json'), ids(c));
    expect(importRecords(parsed, c.store, c.files)).toEqual({ people: 1, credentials: 1, courses: 2, cprAedCards: 1, attachments: 1 });
    const [attachment] = c.store.attachments.listByCard('k1');
    expect(attachment).toMatchObject({ fileName: 'cpr-front.jpg', mediaType: 'image/jpeg' });
    expect(c.files.read(attachment?.sha256 ?? '')).toEqual(readFileSync(join(fixtures, 'format-example/certs/cpr-front.jpg')));
    expect(c.store.courses.get('a2')?.credentialIds).toEqual(['c1']); // default: every credential of the person
    expect(c.store.ruleSetOverrides.all()).toEqual({ 'nasm-cpt': { cprAedWaiver: { from: '2020-03-01', until: '2021-08-31' } } });
  });

  it('is all or nothing: a file whose ids collide with the store changes nothing', () => {
    const c = context();
    const parsed = readRecordsFile(join(fixtures, 'format-example/records.json'), ids(c));
    importRecords(parsed, c.store, c.files);
    const before = snapshot(c);
    const counts = rowCounts(c);
    expect(() => importRecords(parsed, c.store, c.files)).toThrow(RecordsFileError);
    try {
      importRecords(parsed, c.store, c.files);
    } catch (error) {
      expect((error as RecordsFileError).problems).toContain(
        'people[0].id: "p1" already exists in this data folder; the file was exported from here or its ids collide',
      );
    }
    expect(snapshot(c)).toBe(before);
    expect(rowCounts(c)).toEqual(counts);
  });

  it('rolls back every row, and the copied files, when a write fails halfway', () => {
    const c = context();
    const parsed = readRecordsFile(join(fixtures, 'format-example/records.json'), ids(c));
    // A second person whose course breaks a database constraint after the first person went in.
    const broken = structuredClone(parsed);
    const second = structuredClone(broken.file.people[0]);
    if (!second) throw new Error('fixture');
    second.id = 'p2';
    // Another person's identity: one e-mail for two people is refused before anything is written.
    delete second.email;
    delete second.employeeId;
    second.credentials = [];
    second.cprAed = [];
    const [template] = second.courses;
    if (!template) throw new Error('fixture');
    second.courses = [{ ...template, id: 'a9', attachments: undefined, credentials: ['c1'] }];
    broken.file.people.push(second);
    expect(() => importRecords(broken, c.store, c.files)).toThrow(/same person/);
    expect(rowCounts(c)).toMatchObject({
      people: 0,
      credentials: 0,
      activities: 0,
      cpr_aed_cards: 0,
      attachments: 0,
      rule_set_overrides: 0,
    });
    expect(readdirSync(c.files.root).flatMap((d) => readdirSync(join(c.files.root, d)))).toEqual([]);
  });
});

describe('export', () => {
  it('round trip: export → import into an empty store → export gives an identical document and files', () => {
    const first = context();
    importRecords(readRecordsFile(join(fixtures, 'format-example/records.json'), ids(first)), first.store, first.files);
    importRecords(readRecordsFile(join(fixtures, 'shared-course.json'), ids(first)), first.store, first.files);
    void first.dispatch('updatePerson', { id: 'p1', name: 'Dana Rivera', email: 'dana@example.org', employeeId: 'E-104', active: false });

    const out1 = folder();
    exportRecords(first.store, first.files, join(out1, 'records.json'));
    const second = context();
    importRecords(readRecordsFile(join(out1, 'records.json'), ids(second)), second.store, second.files);
    const out2 = folder();
    exportRecords(second.store, second.files, join(out2, 'records.json'));

    const text1 = readFileSync(join(out1, 'records.json'), 'utf8');
    expect(readFileSync(join(out2, 'records.json'), 'utf8')).toBe(text1);
    const document = JSON.parse(text1) as {
      people: { id: string; active?: boolean; cprAed: { attachments?: { file: string; sha256: string }[] }[] }[];
    };
    expect(document.people.map((p) => p.id)).toEqual(['p1', 'jorg']);
    expect(document.people[0]?.active).toBe(false);
    const certificate = document.people[0]?.cprAed[0]?.attachments?.[0];
    expect(certificate?.file).toMatch(/^certs\/[0-9a-f]{12}\/cpr-front\.jpg$/);
    expect(readFileSync(join(out1, certificate?.file ?? ''))).toEqual(readFileSync(join(fixtures, 'format-example/certs/cpr-front.jpg')));
    expect(readFileSync(join(out2, certificate?.file ?? ''))).toEqual(readFileSync(join(out1, certificate?.file ?? '')));
  });

  it('keeps an original file name that is not safe on disk', () => {
    const c = context();
    const dir = folder();
    mkdirSync(join(dir, 'in'));
    copyFileSync(join(fixtures, 'format-example/certs/cpr-front.jpg'), join(dir, 'in/card.jpg'));
    writeFileSync(
      join(dir, 'in/records.json'),
      JSON.stringify({
        format: 'recert-records/1',
        people: [
          {
            id: 'p',
            name: 'P',
            cprAed: [
              {
                id: 'k',
                provider: 'X',
                completed: '2026-01-01',
                expires: '2028-01-01',
                adultCpr: true,
                aed: true,
                handsOn: true,
                attachments: [{ file: 'card.jpg', name: 'Karte: Vorder/Rückseite?.jpg' }],
              },
            ],
          },
        ],
      }),
    );
    importRecords(readRecordsFile(join(dir, 'in/records.json'), ids(c)), c.store, c.files);
    exportRecords(c.store, c.files, join(dir, 'out/records.json'));
    const exported = JSON.parse(readFileSync(join(dir, 'out/records.json'), 'utf8')) as {
      people: { cprAed: { attachments: { file: string; name?: string }[] }[] }[];
    };
    expect(exported.people[0]?.cprAed[0]?.attachments[0]).toMatchObject({
      file: expect.stringMatching(/\/Karte_ Vorder_Rückseite_\.jpg$/),
      name: 'Karte: Vorder/Rückseite?.jpg',
    });
  });
});

import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importBundleStreamed, writeBundle } from '../../../main/core/records-file/bundle';
import { buildRecordsDocument } from '../../../main/core/records-file/export';
import { importRecords } from '../../../main/core/records-file/import';
import { readRecordsFile, RecordsFileError } from '../../../main/core/records-file/parse';
import { importRecordsFileStreamed } from '../../../main/core/records-file/stream-import';
import { freshContext, projectRoot, rowCounts, tempDir } from '../../helpers/context';

const example = join(projectRoot, 'test/fixtures/format-example');
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});
function context() {
  const c = freshContext();
  cleanup.push(() => c.dispose());
  return c;
}
type Context = ReturnType<typeof context>;
const ids = (c: Context) => new Set(c.ruleSets.map((r) => r.id));

type Raw = Record<string, unknown> & { people: Record<string, unknown>[] };
const base = () => JSON.parse(readFileSync(join(example, 'records.json'), 'utf8')) as Raw;
/** A second person, valid, with a course and no certificate. */
const second = () => ({
  id: 'p2',
  name: 'Kai Ōta',
  email: 'kai@example.org',
  credentials: [{ id: 'c2', ruleSet: 'nasm-cpt', expires: '2027-01-31' }],
  activities: [{ id: 'a3', title: 'Mobility', provider: 'NASM', approval: 'nasm', completed: '2026-01-10', ceus: 0.5 }],
});

/** Writes `records` beside a copy of the example's certificates; answers the file's path. */
function write(records: unknown, text?: string): string {
  const dir = tempDir('recert-stream-');
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(example, 'certs'), join(dir, 'certs'), { recursive: true });
  const path = join(dir, 'records.json');
  writeFileSync(path, text ?? JSON.stringify(records, null, 2));
  return path;
}

const storedFiles = (c: Context) =>
  existsSync(c.files.root) ? readdirSync(c.files.root, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).length : 0;

/** The problems of an import, or null when it imported. */
function problemsOf(work: () => unknown): string[] | null {
  try {
    work();
    return null;
  } catch (error) {
    if (error instanceof RecordsFileError) return error.problems;
    throw error;
  }
}

/** Imports `path` both ways into stores prepared alike: the same problems, or the same records. */
function sameAsParsed(path: string, prepare: (c: Context) => void = () => undefined): string[] | null {
  const streamed = context();
  const parsed = context();
  prepare(streamed);
  prepare(parsed);
  const before = rowCounts(streamed);
  const streamedProblems = problemsOf(() => importRecordsFileStreamed(path, ids(streamed), streamed.store, streamed.files));
  const parsedProblems = problemsOf(() => importRecords(readRecordsFile(path, ids(parsed)), parsed.store, parsed.files));
  expect(streamedProblems).toEqual(parsedProblems);
  expect(buildRecordsDocument(streamed.store)).toEqual(buildRecordsDocument(parsed.store));
  if (streamedProblems) {
    // All or nothing: not a row, nor a copied certificate, stays behind.
    expect(rowCounts(streamed)).toEqual(before);
    expect(storedFiles(streamed)).toEqual(storedFiles(parsed));
  }
  return streamedProblems;
}

describe('the streamed import of a records file', () => {
  it('stores what the import of the parsed file stores, certificates and overrides included', () => {
    const c = context();
    const records = base();
    // A course with a certificate, and after it one without (the courses are written in bulk).
    const withCertificate = { ...second().activities[0], attachments: [{ file: 'certs/cpr-front.jpg', name: 'course.jpg' }] };
    records.people.push({ ...second(), activities: [withCertificate, { ...withCertificate, id: 'a4', attachments: undefined }] });
    const summary = importRecordsFileStreamed(write(records), ids(c), c.store, c.files);
    expect(summary).toEqual({ people: 2, credentials: 2, courses: 4, cprAedCards: 1, attachments: 2 });
    expect(c.store.attachments.listByCourse('a3')).toMatchObject([{ fileName: 'course.jpg', mediaType: 'image/jpeg' }]);
    expect(sameAsParsed(write(records))).toBeNull();
    expect(c.store.ruleSetOverrides.all()).toEqual({ 'nasm-cpt': { cprAedWaiver: { from: '2020-03-01', until: '2021-08-31' } } });
    expect(c.store.courses.get('a2')?.credentialIds).toEqual(['c1']);
  });

  it('reads the overrides and the format after the people too', () => {
    const { format, ruleSetOverrides, people } = base();
    expect(sameAsParsed(write({ people, ruleSetOverrides, format }))).toBeNull();
  });

  const broken: [string, (r: Raw) => unknown, string][] = [
    [
      'a later person with a bad date',
      (r) => r.people.push({ ...second(), activities: [{ ...second().activities[0], completed: '2026-02-30' }] }),
      'people[1].activities[0].completed',
    ],
    ['an unknown field of a person', (r) => r.people.push({ ...second(), nickname: 'K' }), 'people[1].nickname: unknown field; remove it'],
    [
      'a course id used twice across people',
      (r) => r.people.push({ ...second(), activities: [{ ...second().activities[0], id: 'a1' }] }),
      'people[1].activities[0].id: "a1" is used twice (also at people[0].activities[0].id)',
    ],
    ['a person id used twice', (r) => r.people.push({ ...second(), id: 'p1' }), 'people[1].id: "p1" is used twice'],
    ['two people with one e-mail', (r) => r.people.push({ ...second(), email: 'DANA@example.org' }), 'two people cannot share an e-mail'],
    [
      'a course for another person’s credential',
      (r) => r.people.push({ ...second(), activities: [{ ...second().activities[0], credentials: ['c1'] }] }),
      'people[1].activities[0].credentials[0]: "c1" is not a credential of this person',
    ],
    [
      'a certificate that is not there',
      (r) =>
        r.people.push({
          ...second(),
          cprAed: [{ ...(base().people[0]?.cprAed as object[])[0], id: 'k2', attachments: [{ file: 'certs/none.jpg' }] }],
        }),
      'people[1].cprAed[0].attachments[0].file: "certs/none.jpg" was not found',
    ],
    [
      'an unknown rule set override after the people',
      (r) => Object.assign(r, { ruleSetOverrides: undefined, extra: 1 }, { ruleSetOverrides: { nope: {} } }),
      'ruleSetOverrides.nope: unknown rule set "nope"',
    ],
    ['a wrong format', (r) => Object.assign(r, { format: 'recert-records/9' }), 'format: must be "recert-records/1"'],
    ['people that are not a list', (r) => Object.assign(r, { people: { id: 'p1' } }), 'people: '],
    ['a person that is not an object', (r) => r.people.push('p2' as never), 'people[1]'],
  ];
  for (const [what, change, expected] of broken) {
    it(`refuses ${what} with the parsed import's words, storing nothing`, () => {
      const records = base();
      change(records);
      const problems = sameAsParsed(write(records));
      expect(problems?.join('\n')).toContain(expected);
    });
  }

  it('refuses ids and identities the data folder already holds, with the parsed import’s words', () => {
    const importExample = (c: Context) => importRecordsFileStreamed(write(base()), ids(c), c.store, c.files);
    expect(sameAsParsed(write(base()), importExample)?.[0]).toBe(
      'people[0].id: "p1" already exists in this data folder; the file was exported from here or its ids collide',
    );
    const sameEmail = { format: 'recert-records/1', people: [{ ...second(), email: 'dana@example.org' }] };
    expect(sameAsParsed(write(sameEmail), importExample)?.[0]).toMatch(
      /^people\[0\]: "Kai Ōta" \(p2\) has the e-mail of the stored "Dana Rivera" \(p1\)/,
    );
    const differentOverride = { ...base(), people: [second()], ruleSetOverrides: { 'nasm-cpt': {} } };
    expect(sameAsParsed(write(differentOverride), importExample)?.[0]).toMatch(/^ruleSetOverrides\.nasm-cpt: differs/);
    expect(sameAsParsed(write({ format: 'recert-records/1', people: [second()] }), importExample)).toBeNull();
  });

  it('refuses, when asked, certificates the file gives no SHA-256 for (a bundle’s), storing nothing', () => {
    const c = context();
    const unsigned = (names: string[]) => new RecordsFileError([`no SHA-256 for ${names.join(', ')}`]);
    expect(problemsOf(() => importRecordsFileStreamed(write(base()), ids(c), c.store, c.files, { unsigned }))).toEqual([
      'no SHA-256 for certs/cpr-front.jpg',
    ]);
    expect(rowCounts(c).people).toBe(0);
    const sha256 = createHash('sha256')
      .update(readFileSync(join(example, 'certs/cpr-front.jpg')))
      .digest('hex');
    const signed = JSON.stringify(base()).replace('"file":"certs/cpr-front.jpg"', `"file":"certs/cpr-front.jpg","sha256":"${sha256}"`);
    expect(importRecordsFileStreamed(write(null, signed), ids(c), c.store, c.files, { unsigned }).attachments).toBe(1);
  });

  it('imports a bundle as it reads its records file, the same records as the folder it came from', async () => {
    const from = context();
    importRecordsFileStreamed(write(base()), ids(from), from.store, from.files);
    const bundle = join(tempDir('recert-stream-bundle-'), 'dana.recert');
    cleanup.push(() => rmSync(join(bundle, '..'), { recursive: true, force: true }));
    await writeBundle(from.store, from.files, bundle);
    const to = context();
    expect(await importBundleStreamed(bundle, ids(to), to.store, to.files)).toMatchObject({ people: 1, courses: 2, attachments: 1 });
    expect(buildRecordsDocument(to.store)).toEqual(buildRecordsDocument(from.store));
  });

  it('names the byte where the text stops being JSON, and stores nothing', () => {
    const c = context();
    const text = JSON.stringify(base()).replace('"a2"', '"a2",,');
    const at = text.indexOf(',,') + 1;
    expect(problemsOf(() => importRecordsFileStreamed(write(null, text), ids(c), c.store, c.files))).toEqual([
      `(file): not valid JSON: expected a key in quotes, found "," at byte ${at}`,
    ]);
    expect(c.store.people.isEmpty()).toBe(true);
    const bytes = Buffer.concat([
      Buffer.from('{"format":"recert-records/1","people":[{"id":"p\xff'.slice(0, -1)),
      Buffer.from([0xff]),
      Buffer.from('"}]}'),
    ]);
    const path = write(null, '');
    writeFileSync(path, bytes);
    expect(problemsOf(() => importRecordsFileStreamed(path, ids(c), c.store, c.files))).toEqual([
      `(file): ${path} is not valid UTF-8 text; save the records file as UTF-8`,
    ]);
  });
});

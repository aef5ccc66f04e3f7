import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateRecords } from '../../../main/core/records-file/evaluate';
import { parseRecords, readRecordsFile, RecordsFileError } from '../../../main/core/records-file/parse';
import { projectRoot } from '../../helpers/context';
import { shippedRuleSets } from '../../helpers/rules';

const fixtures = join(projectRoot, 'test/fixtures');
const ruleSetIds = new Set(shippedRuleSets.map((r) => r.id));

function problemsOf(document: unknown): string[] {
  try {
    parseRecords(JSON.stringify(document), { baseDir: join(fixtures, 'bad'), ruleSetIds });
  } catch (error) {
    if (error instanceof RecordsFileError) return error.problems;
    throw error;
  }
  return [];
}

const person = (extra: Record<string, unknown>) => ({
  format: 'recert-records/1',
  people: [{ id: 'p1', name: 'Dana', credentials: [{ id: 'c1', ruleSet: 'nasm-cpt', expires: '2027-03-31' }], ...extra }],
});
const course = (extra: Record<string, unknown>) =>
  person({ activities: [{ id: 'a1', title: 'T', provider: 'P', approval: 'nasm', completed: '2026-02-01', ceus: 1, ...extra }] });

describe('records file validation names each problem by its JSON path', () => {
  it.each([
    ['not JSON', null, '(file): not valid JSON'],
    ['a wrong format', { format: 'recert-records/9', people: [] }, 'format: must be "recert-records/1"'],
    ['an impossible date', course({ completed: '2026-02-30' }), 'people[0].activities[0].completed: "2026-02-30" is not a calendar date'],
    [
      'an unknown rule set',
      person({ credentials: [{ id: 'c1', ruleSet: 'nasm-xyz', expires: '2027-03-31' }] }),
      'people[0].credentials[0].ruleSet: unknown rule set "nasm-xyz"',
    ],
    [
      'duplicate ids',
      person({
        cprAed: [1, 2].map(() => ({
          id: 'k',
          provider: 'P',
          completed: '2026-01-01',
          expires: '2028-01-01',
          adultCpr: true,
          aed: true,
          handsOn: true,
        })),
      }),
      'people[0].cprAed[1].id: "k" is used twice',
    ],
    ['both amounts', course({ contactHours: 10 }), 'people[0].activities[0].contactHours: give either ceus or contactHours, not both'],
    ['neither amount', course({ ceus: undefined }), 'people[0].activities[0].ceus: missing'],
    ['zero CEUs', course({ ceus: 0 }), 'people[0].activities[0].ceus: must be more than 0 CEUs'],
    ['negative CEUs', course({ ceus: -0.5 }), 'people[0].activities[0].ceus: must be more than 0 CEUs'],
    ['absurd CEUs', course({ ceus: 100.5 }), 'people[0].activities[0].ceus: must be at most 100 CEUs'],
    ['4 decimals of CEUs', course({ ceus: 0.0751 }), 'people[0].activities[0].ceus: must have at most 3 decimals'],
    [
      '3 decimals of hours',
      course({ ceus: undefined, contactHours: 1.125 }),
      'people[0].activities[0].contactHours: must have at most 2 decimals',
    ],
    [
      'a petition on a non-petition course',
      course({ petition: { status: 'pending' } }),
      'people[0].activities[0].petition: only a course with approval "petition" has a petition',
    ],
    [
      'a missing attachment',
      course({ attachments: [{ file: 'nowhere.pdf' }] }),
      'people[0].activities[0].attachments[0].file: "nowhere.pdf" was not found',
    ],
    [
      'a wrong sha256',
      course({ attachments: [{ file: 'cert.pdf', sha256: 'a'.repeat(64) }] }),
      'people[0].activities[0].attachments[0].sha256: does not match "cert.pdf"',
    ],
    [
      'a path outside the folder',
      course({ attachments: [{ file: '../format-example/records.json' }] }),
      'must be a path inside the records file',
    ],
    ['an unknown field', course({ hours: 3 }), 'people[0].activities[0].hours: unknown field; remove it'],
    ['a missing name', { format: 'recert-records/1', people: [{ id: 'p1' }] }, 'people[0].name: is required'],
    [
      "a reference to another person's credential",
      course({ credentials: ['c2'] }),
      'people[0].activities[0].credentials[0]: "c2" is not a credential of this person',
    ],
  ])('%s', (_label, document, expected) => {
    const problems =
      document === null
        ? (() => {
            try {
              parseRecords('{ nope', { baseDir: fixtures, ruleSetIds });
            } catch (error) {
              return (error as RecordsFileError).problems;
            }
            return [];
          })()
        : problemsOf(document);
    expect(problems.join('\n')).toContain(expected);
  });

  it('reports every problem of a file at once', () => {
    expect(() => readRecordsFile(join(fixtures, 'bad/many-problems.json'), ruleSetIds)).toThrow(RecordsFileError);
    try {
      readRecordsFile(join(fixtures, 'bad/many-problems.json'), ruleSetIds);
    } catch (error) {
      expect((error as RecordsFileError).problems).toHaveLength(16);
    }
  });
});

describe('recert evaluate on records files', () => {
  it('gives the documented output for the documented example', () => {
    const parsed = readRecordsFile(join(fixtures, 'format-example/records.json'), ruleSetIds);
    const report = evaluateRecords(parsed.file, shippedRuleSets, parsed.overrides, '2026-11-21');
    expect(report.asOf).toBe('2026-11-21');
    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({
      person: 'p1',
      credential: 'c1',
      ruleSet: 'nasm-cpt',
      cycle: { start: '2025-04-01', end: '2027-03-31' },
      status: 'in-progress',
      canSubmit: false,
      feeTier: null,
      ceus: {
        required: 2.0,
        coursesRequired: 1.9,
        cprAedRequired: 0.1,
        courses: 1.5,
        cprAed: 0.1,
        total: 1.6,
        pending: 0.3,
        remaining: 0.4,
      },
      cprAed: { id: 'k1', ok: true, reason: 'ok' },
      deadlines: {
        expiration: '2027-03-31',
        coursesBy: '2027-06-29',
        lateFeeFrom: '2027-04-01',
        additionalFeeFrom: '2027-06-30',
        finalApplication: '2028-03-30',
        auditDue: null,
      },
      petitionFees: 25,
      blockers: ['courses-short'],
    });
    expect(report.results[0]?.activities[0]).toMatchObject({ id: 'a1', ceus: 1.5, counted: true, reason: 'counted' });
    expect(report.results[0]?.warnings.sort()).toEqual(['no-certificate:a1', 'petition-pending:a2']);
  });

  it("counts a course shared by two credentials in each, within each one's own cycle", () => {
    const parsed = readRecordsFile(join(fixtures, 'shared-course.json'), ruleSetIds);
    const [nasm, ace] = evaluateRecords(parsed.file, shippedRuleSets, parsed.overrides, '2026-11-21').results;
    expect(nasm?.activities.map((a) => [a.id, a.reason])).toEqual([
      ['early', 'counted'],
      ['both', 'counted'],
    ]);
    expect(nasm?.ceus.courses).toBe(2);
    expect(ace?.cycle).toEqual({ start: '2026-02-01', end: '2028-01-31' });
    expect(ace?.activities.map((a) => [a.id, a.reason])).toEqual([
      ['early', 'before-cycle'],
      ['both', 'counted'],
      ['ace-only', 'counted'],
    ]);
    expect(ace?.ceus.courses).toBe(2);
  });

  it("applies the file's rule-set overrides (the waiver end)", () => {
    const parsed = readRecordsFile(join(fixtures, 'format-example/records.json'), ruleSetIds);
    const online = structuredClone(parsed.file);
    const card = online.people[0]?.cprAed[0];
    if (card) card.handsOn = false;
    expect(evaluateRecords(online, shippedRuleSets, parsed.overrides, '2026-11-21').results[0]?.cprAed.reason).toBe(
      'online-only-not-accepted',
    );
    expect(evaluateRecords(online, shippedRuleSets, {}, '2026-11-21').results[0]?.cprAed.reason).toBe('online-only-waiver');
  });
});

// The fast path of reading a records file against zod, on generated files that mix valid values
// with every kind of bad one: whatever the fast path accepts, zod accepts with the same result, and
// every plainly valid file is taken by the fast path (so zod only ever runs for files with problems).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainText } from '../../../main/core/domain/fields';
import { plainRecordsFile } from '../../../main/core/records-file/fast-path';
import { recordsFileSchema } from '../../../main/core/records-file/schema';
import { gymRecords } from '../../bench/gym';

/** Valid values, and with `bad`, one in 16 times a bad one: most files then have none or one, so that each rule is tried on its own. */
const field = <T>(valid: fc.Arbitrary<T>, invalid: unknown[], bad: boolean): fc.Arbitrary<unknown> =>
  bad ? fc.oneof({ weight: 15, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom(...invalid) }) : valid;

const junk = [null, 0, -1, true, [], {}, 'text'];

function recordsFile(bad: boolean) {
  const id = field(fc.stringMatching(/^[a-z0-9-]{1,12}$/), ['', 'x'.repeat(65), 'a\u0001b', 7, ...junk], bad);
  const date = field(
    fc.constantFrom('2026-01-31', '2024-02-29', '2027-12-31'),
    ['2025-02-29', '2026-13-01', '', '2026-1-1', '2026-01-01T00', '+20260-01-01', '1899-12-31', '2026-04-31', 5, null],
    bad,
  );
  // Plain ASCII, spaces at either end included, up to each limit: the fast path decides such text itself.
  const ascii = (max: number) => fc.string({ minLength: 1, maxLength: max, unit: fc.constantFrom(' ', '~', 'a', 'Z', '0') });
  const text = field(
    // Any text, unicode included, that a person could type: the bad ones are listed next to it.
    fc.oneof(fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }), ascii(200)).filter((s) => s.trim().length > 0 && isPlainText(s)),
    ['', '   ', 'x'.repeat(201), 'line\nbreak', 'half \ud800', 'del \u007f', 'no\u00a0break \u00a0', '\u3000', 3, null],
    bad,
  );
  const shortText = field(
    fc.oneof(
      fc.stringMatching(/^[A-Z0-9-]{1,10}$/),
      ascii(64).filter((s) => s.trim().length > 0),
    ),
    ['', ' ', '  ', 'x'.repeat(65), 'tab\there', 'del\u007f', '\u00a0', 1],
    bad,
  );
  const flag = field(fc.boolean(), ['true', 0, null], bad);
  const amount = (max: number) =>
    field(fc.constantFrom(0.1, 0.5, 1, 1.9, 2.25, max), [0, -1, 1e-10, max + 1, 0.0001, 'one', null, Number.MAX_VALUE], bad);
  const attachment = fc.record(
    {
      file: field(fc.constantFrom('certs/a.pdf', 'b.jpg'), ['', 'x'.repeat(1025), 3], bad),
      name: field(fc.constantFrom('Certificate.pdf', 'Ünïcode ✓.pdf'), ['x'.repeat(256), 'a\nb'], bad),
      sha256: field(fc.constantFrom('a'.repeat(64), 'ABCDEF'.repeat(10) + '0123'), ['a'.repeat(63), 'g'.repeat(64), 1], bad),
    },
    { requiredKeys: ['file'] },
  );
  const extra = bad
    ? fc.oneof({ weight: 15, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant({ surprise: 1 }) })
    : fc.constant(undefined);
  const withExtra = <T extends object>(record: fc.Arbitrary<T>) =>
    fc.tuple(record, extra).map(([value, more]) => (more ? { ...value, ...more } : value));
  const listOf = <T>(item: fc.Arbitrary<T>, max: number) => field(fc.array(item, { maxLength: max }), ['not a list', {}, null], bad);

  const credential = withExtra(
    fc.record(
      {
        id,
        ruleSet: field(fc.constantFrom('nasm-cpt', 'ace-cpt'), ['', 5], bad),
        number: shortText,
        expires: date,
        cycleStart: date,
        application: fc.record({ submitted: date, accepted: date }, { requiredKeys: ['submitted'] }),
        audit: fc.record({ noticeReceived: date, documentsSent: date }, { requiredKeys: ['noticeReceived'] }),
      },
      { requiredKeys: ['id', 'ruleSet', 'expires'] },
    ),
  );
  const course = withExtra(
    fc.record(
      {
        id,
        title: text,
        provider: text,
        approval: field(fc.constantFrom('nasm', 'approved-provider', 'petition'), ['NASM', '', 1], bad),
        approvalCode: shortText,
        completed: date,
        ceus: amount(10),
        contactHours: amount(100),
        petition: withExtra(
          fc.record(
            { status: field(fc.constantFrom('pending', 'approved', 'denied'), ['maybe', null], bad), filed: date, decided: date },
            { requiredKeys: ['status'] },
          ),
        ),
        category: field(fc.constantFrom('ethics', 'a', 'cpr-first-aid'), ['Ethics', '', 'x'.repeat(41), 1], bad),
        credentials: listOf(id, 22),
        attachments: listOf(withExtra(attachment), 52),
      },
      { requiredKeys: ['id', 'title', 'provider', 'approval', 'completed'] },
    ),
  );
  const card = withExtra(
    fc.record(
      {
        id,
        provider: text,
        completed: date,
        expires: date,
        adultCpr: flag,
        aed: flag,
        handsOn: flag,
        attachments: listOf(withExtra(attachment), 12),
      },
      { requiredKeys: ['id', 'provider', 'completed', 'expires', 'adultCpr', 'aed', 'handsOn'] },
    ),
  );
  const person = withExtra(
    fc.record(
      {
        id,
        name: text,
        email: field(fc.constantFrom('dana@example.org', 'a.b@gym.co.uk'), ['nope', '', `${'x'.repeat(250)}@a.io`, 1], bad),
        employeeId: shortText,
        active: flag,
        credentials: listOf(credential, 3),
        activities: listOf(course, 4),
        cprAed: listOf(card, 2),
      },
      { requiredKeys: ['id', 'name'] },
    ),
  );
  return withExtra(
    fc.record(
      {
        format: field(fc.constant('recert-records/1'), ['recert-records/2', 1], bad),
        ruleSetOverrides: field(fc.constant({ 'nasm-cpt': { petition: { fee: 30 } } }), [[], 'x', null], bad),
        people: field(fc.array(person, { maxLength: 3 }), [{}, null], bad),
      },
      { requiredKeys: ['format', 'people'] },
    ),
  );
}

describe('the fast path of reading a records file', () => {
  it('accepts only what zod accepts, with the same result', () => {
    let taken = 0;
    let refused = 0;
    fc.assert(
      fc.property(recordsFile(true), (file) => {
        const fast = plainRecordsFile(structuredClone(file));
        const slow = recordsFileSchema.safeParse(structuredClone(file));
        if (fast) {
          taken += 1;
          expect(slow.success, JSON.stringify(slow.error?.issues)).toBe(true);
          expect(fast).toStrictEqual(slow.data);
        } else if (!slow.success) refused += 1;
      }),
      { numRuns: 3000 },
    );
    // Both answers came up many times: the property was not satisfied vacuously.
    console.log(`fast path: ${taken} taken, ${refused} refused`);
    expect(taken).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(300);
  });

  it('takes every plainly valid file', () => {
    let valid = 0;
    fc.assert(
      fc.property(recordsFile(false), (file) => {
        const slow = recordsFileSchema.safeParse(structuredClone(file));
        if (!slow.success) return;
        valid += 1;
        expect(plainRecordsFile(structuredClone(file))).toStrictEqual(slow.data);
      }),
      { numRuns: 1000 },
    );
    expect(valid).toBe(1000);
    const gym = gymRecords({ people: 20, coursesPerPerson: 30 });
    expect(plainRecordsFile(structuredClone(gym))).toStrictEqual(recordsFileSchema.parse(gym));
  });

  it('agrees with zod on every single change to a complete file: each value replaced by each bad one, each key removed, an unknown key added', () => {
    const complete = {
      format: 'recert-records/1',
      ruleSetOverrides: { 'nasm-cpt': { petition: { fee: 30 } } },
      people: [
        {
          id: 'p1',
          name: 'Dana Reyes',
          email: 'dana@example.org',
          employeeId: 'E-1',
          active: true,
          credentials: [
            {
              id: 'c1',
              ruleSet: 'nasm-cpt',
              number: 'N-1',
              expires: '2027-03-31',
              cycleStart: '2025-04-01',
              application: { submitted: '2027-03-01', accepted: '2027-03-10' },
              audit: { noticeReceived: '2027-03-12', documentsSent: '2027-03-20' },
            },
          ],
          activities: [
            {
              id: 'a1',
              title: 'Mobility',
              provider: 'NASM',
              approval: 'petition',
              approvalCode: 'X-1',
              completed: '2026-05-01',
              ceus: 0.5,
              contactHours: 5,
              petition: { status: 'pending', filed: '2026-05-02', decided: '2026-05-09' },
              category: 'ethics',
              credentials: ['c1'],
              attachments: [{ file: 'certs/a.pdf', name: 'A.pdf', sha256: 'a'.repeat(64) }],
            },
          ],
          cprAed: [
            {
              id: 'k1',
              provider: 'Red Cross',
              completed: '2026-01-01',
              expires: '2028-01-01',
              adultCpr: true,
              aed: true,
              handsOn: false,
              attachments: [{ file: 'certs/k.pdf' }],
            },
          ],
        },
      ],
    };
    const bad = [
      null,
      0,
      -1,
      1e-10,
      0.0001,
      1e9,
      true,
      '',
      ' ',
      'x'.repeat(300),
      'x'.repeat(201),
      'x'.repeat(65),
      '   ',
      'del \u007f',
      '\u00a0',
      '+20260-01-01',
      'a\nb',
      'half \ud800',
      'Ethics',
      'NASM',
      '2025-02-29',
      'nope',
      [],
      {},
    ];
    const variants: unknown[] = [];
    function visit(node: unknown, replace: (value: unknown) => unknown, remove: (() => unknown) | null) {
      if (remove) variants.push(remove());
      for (const value of bad) variants.push(replace(value));
      if (Array.isArray(node)) {
        variants.push(replace([...node, ...node]));
        node.forEach((child, i) =>
          visit(
            child,
            (value) => replace(node.map((c, j) => (j === i ? value : c))),
            () => replace(node.filter((_, j) => j !== i)),
          ),
        );
      } else if (typeof node === 'object' && node !== null) {
        const record = node as Record<string, unknown>;
        variants.push(replace({ ...record, surprise: 1 }));
        for (const key of Object.keys(record))
          visit(
            record[key],
            (value) => replace({ ...record, [key]: value }),
            () => replace(Object.fromEntries(Object.entries(record).filter(([k]) => k !== key))),
          );
      }
    }
    visit(complete, (value) => value, null);
    let taken = 0;
    for (const variant of variants) {
      const fast = plainRecordsFile(structuredClone(variant));
      const slow = recordsFileSchema.safeParse(structuredClone(variant));
      if (fast) {
        taken += 1;
        expect(slow.success, JSON.stringify(variant)).toBe(true);
        expect(fast).toStrictEqual(slow.data);
      } else expect(slow.success, `the fast path left to zod a file zod accepts: ${JSON.stringify(variant)}`).toBe(false);
    }
    expect(variants.length).toBeGreaterThan(1000);
    expect(taken).toBeGreaterThan(10);
  });
});

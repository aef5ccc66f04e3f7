// The Team screen's pages over the team of 25: main sorts by every column in both directions, filters
// and searches (without regard to case or accents), pages without losing or repeating a row, and
// narrows the matrix and Upcoming to the same credentials. The expectations are worked out here from
// the full view (getTeamView), the screen's reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamMatrix, TeamPage, TeamPageQuery, TeamView, TeamViewRow, UpcomingItem } from '../../../preload/contract';
import { importRecords } from '../../../main/core/records-file/import';
import { readRecordsFile } from '../../../main/core/records-file/parse';
import { freshContext, tempDir } from '../../helpers/context';
import { textPdf } from '../../helpers/packet-fixtures';
import { valueNow } from '../../helpers/results';
import { TEAM_AS_OF, writeTeamRecords } from '../../helpers/team-fixture';
import { teamCountText } from '../../../main/core/team/page';

let context: ReturnType<typeof freshContext>;
let view: TeamView;

beforeAll(async () => {
  context = freshContext();
  const file = writeTeamRecords(tempDir('recert-team-page-'), await textPdf('Certificate', 1));
  importRecords(readRecordsFile(file, new Set(context.ruleSets.map((r) => r.id))), context.store, context.files);
  view = valueNow<TeamView>(context.dispatch('getTeamView', { asOf: TEAM_AS_OF }));
}, 60_000);

afterAll(() => context.dispose());

const page = (query: Partial<TeamPageQuery>): TeamPage =>
  valueNow<TeamPage>(context.dispatch('getTeamPage', { offset: 0, limit: 1000, asOf: TEAM_AS_OF, ...query }));
const ids = (rows: readonly TeamViewRow[]) => rows.map((r) => r.credential);

/** Each column's value as the screen sorts it, and whether it is text. */
const KEYS: Record<string, (r: TeamViewRow) => string | number> = {
  name: (r) => r.name,
  credential: (r) => r.credentialName,
  status: (r) => r.urgency,
  expiration: (r) => r.daysToExpiration,
  remaining: (r) => r.remaining,
  cprAed: (r) => (r.cprAed.ok ? 1 : 0),
  audit: (r) => r.auditDue ?? '9999-12-31',
  missing: (r) => r.missingCertificates,
};
const compare = (a: string | number, b: string | number) =>
  typeof a === 'string' && typeof b === 'string' ? a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true }) : Number(a) - Number(b);

describe('the order', () => {
  it('is most urgent first unless asked otherwise, and counts every row', () => {
    const all = page({});
    expect(ids(all.rows)).toEqual(ids(view.rows));
    expect(all).toMatchObject({ total: 26, all: 26, countText: '26 credentials', asOf: TEAM_AS_OF, offset: 0 });
    expect(ids(page({ sort: 'urgency', descending: true }).rows)).toEqual(ids(view.rows).reverse());
  });

  for (const [column, key] of Object.entries(KEYS))
    for (const descending of [false, true])
      it(`sorts by ${column}, ${descending ? 'descending' : 'ascending'}, equal values most urgent first`, () => {
        const rows = page({ sort: column as TeamPageQuery['sort'], descending }).rows;
        expect([...ids(rows)].sort()).toEqual([...ids(view.rows)].sort());
        for (let i = 1; i < rows.length; i++) {
          const [before, after] = [rows[i - 1] as TeamViewRow, rows[i] as TeamViewRow];
          const order = compare(key(before), key(after)) * (descending ? -1 : 1);
          expect(order, `${before.name} before ${after.name}`).toBeLessThanOrEqual(0);
          if (order === 0) expect(before.urgency).toBeLessThan(after.urgency);
        }
      });

  it('puts the first name of the alphabet first, and the last one first when descending', () => {
    expect(page({ sort: 'name' }).rows[0]?.name).toBe('Avery Lapsed');
    expect(page({ sort: 'name', descending: true }).rows[0]?.name).toBe('Yusuf Al-Amin يوسف');
  });
});

describe('the pages', () => {
  it('cover the rows once each, in order, whatever the page size', () => {
    for (const limit of [1, 4, 7, 26]) {
      const rows: TeamViewRow[] = [];
      for (let offset = 0; offset < 26; offset += limit) {
        const answer = page({ sort: 'expiration', offset, limit });
        expect(answer.offset).toBe(offset);
        expect(answer.total).toBe(26);
        rows.push(...answer.rows);
      }
      expect(ids(rows), `pages of ${limit}`).toEqual(ids(page({ sort: 'expiration' }).rows));
    }
    expect(page({ offset: 26, limit: 10 }).rows).toEqual([]);
  });
});

describe('the filters and the search', () => {
  const expectSelects = (query: Partial<TeamPageQuery>, select: (r: TeamViewRow) => boolean) => {
    const answer = page(query);
    const expected = view.rows.filter(select);
    expect(ids(answer.rows), JSON.stringify(query)).toEqual(ids(expected));
    expect(answer.total).toBe(expected.length);
    expect(answer.countText).toBe(expected.length === 26 ? '26 credentials' : `${expected.length} of 26 credentials`);
  };

  it('select what each filter names, and all of them together', () => {
    for (const { filter } of view.counts) if (filter) expectSelects({ filter }, (r) => r.filters.includes(filter));
    expectSelects({ filter: 'out-of-compliance' }, (r) => r.filters.includes('out-of-compliance'));
    expectSelects({ ruleSet: 'ace-cpt' }, (r) => r.ruleSet === 'ace-cpt');
    expectSelects({ status: 'lapsed' }, (r) => r.status === 'lapsed');
    expectSelects({ cprAed: 'ok' }, (r) => r.cprAed.ok);
    expectSelects({ cprAed: 'not-ok' }, (r) => !r.cprAed.ok);
    expectSelects({ audit: 'open' }, (r) => r.auditDue !== null);
    expectSelects({ audit: 'none' }, (r) => r.auditDue === null);
    expectSelects(
      { ruleSet: 'nasm-cpt', cprAed: 'ok', audit: 'none', status: 'in-progress' },
      (r) => r.ruleSet === 'nasm-cpt' && r.cprAed.ok && r.auditDue === null && r.status === 'in-progress',
    );
  });

  it('finds a name or an employee ID without regard to case or accents, and a blank search narrows nothing', () => {
    const names = (search: string) => page({ search }).rows.map((r) => r.name);
    expect(names('zhou')).toEqual(['Xia Zhōu 周']);
    expect(names('ZHŌU')).toEqual(['Xia Zhōu 周']);
    expect(names('周')).toEqual(['Xia Zhōu 周']);
    expect(names('e-24')).toEqual(['Xia Zhōu 周']);
    expect(names('  riley two ')).toEqual(['Riley Two', 'Riley Two']);
    expect(names('nobody by that name')).toEqual([]);
    expect(page({ search: '   ' }).countText).toBe('26 credentials');
  });

  it('narrow the matrix to the people and the credential type selected, and Upcoming to their credentials', () => {
    const matrix = (query: object) => valueNow<TeamMatrix>(context.dispatch('getTeamMatrix', { asOf: TEAM_AS_OF, ...query }));
    expect(matrix({})).toEqual(view.matrix);
    const ace = matrix({ ruleSet: 'ace-cpt' });
    expect(ace.columns.map((c) => c.label)).toEqual(['ACE-CPT']);
    expect(ace.rows.map((r) => r.name)).toEqual(['Riley Two']);
    const lapsed = matrix({ filter: 'lapsed' });
    expect(lapsed.rows.map((r) => r.name)).toEqual(['Avery Lapsed']);
    expect(lapsed.columns).toEqual(view.matrix.columns);

    const upcoming = (query: object) => valueNow<UpcomingItem[]>(context.dispatch('getTeamUpcoming', { days: 365, ...query }));
    const everyone = upcoming({});
    expect(new Set(everyone.map((i) => i.personName)).size).toBeGreaterThan(1);
    const indy = upcoming({ search: 'E-09' });
    expect(indy.length).toBeGreaterThan(0);
    const indyCredentials = new Set(view.rows.filter((r) => r.employeeId === 'E-09').map((r) => r.credential));
    expect(indy).toEqual(everyone.filter((i) => indyCredentials.has(i.credentialId)));
  });

  it('refuses a sort or filter it does not know, by field', () => {
    const bad = context.dispatch('getTeamPage', { offset: 0, limit: 10, sort: 'salary' });
    expect(bad).toMatchObject({ ok: false, error: { field: 'sort' } });
    expect(context.dispatch('getTeamPage', { offset: 0, limit: 10, status: 'retired' })).toMatchObject({
      ok: false,
      error: { field: 'status' },
    });
  });
});

describe('after a write', () => {
  it('pages the team as it is now, not as it was cached', () => {
    expect(page({ search: 'Zoë Newcomer' }).total).toBe(0);
    const person = valueNow<{ id: string }>(context.dispatch('createPerson', { name: 'Zoë Newcomer', employeeId: 'E-77' }));
    valueNow(context.dispatch('createCredential', { personId: person.id, ruleSet: 'nasm-cpt', expires: '2027-06-30' }));
    const found = page({ search: 'zoe' });
    expect(found.rows.map((r) => r.name)).toEqual(['Zoë Newcomer']);
    expect(found.countText).toBe('1 of 27 credentials');
  });
});

describe('the count above the table', () => {
  it("writes a chain's figures with the thousands marked", () => {
    expect(teamCountText(15_000, 15_000)).toBe('15,000 credentials');
    expect(teamCountText(1_234, 15_000)).toBe('1,234 of 15,000 credentials');
    expect(teamCountText(1, 1)).toBe('1 credential');
  });
});

// "Out of compliance" on the Team screen: which credentials a manager must act on now. The decision
// is main's (one predicate); the screen only offers it as a filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamRow, TeamView } from '../../../main/core/domain/team';
import { importRecords } from '../../../main/core/records-file/import';
import { readRecordsFile } from '../../../main/core/records-file/parse';
import { outOfCompliance } from '../../../main/core/team/report';
import { freshContext, tempDir } from '../../helpers/context';
import { textPdf } from '../../helpers/packet-fixtures';
import { valueNow } from '../../helpers/results';
import { TEAM_AS_OF, writeTeamRecords } from '../../helpers/team-fixture';

const current: TeamRow = {
  person: 'p1',
  name: 'Kai Ready',
  employeeId: null,
  credential: 'c1',
  ruleSet: 'nasm-cpt',
  number: null,
  status: 'ready',
  compliant: true,
  requirementsMet: true,
  expiration: '2027-06-30',
  daysToExpiration: 200,
  remaining: 0,
  unit: 'CEUs',
  cprAed: { ok: true, reason: 'ok', expires: '2027-10-01', required: true, current: true },
  auditDue: null,
  missingCertificates: 0,
  nextDeadline: null,
};

describe('outOfCompliance', () => {
  it('is false for a current credential with a current card, and for an audit not yet due', () => {
    expect(outOfCompliance(current, TEAM_AS_OF)).toBe(false);
    expect(outOfCompliance({ ...current, auditDue: TEAM_AS_OF }, TEAM_AS_OF)).toBe(false);
    expect(outOfCompliance({ ...current, status: 'in-progress', compliant: false, daysToExpiration: 3 }, TEAM_AS_OF)).toBe(false);
  });

  it('is true once expired (either fee window) or lapsed, the card not current, or the audit documents overdue', () => {
    for (const status of ['expired-late', 'expired-additional-fee', 'lapsed'] as const) {
      expect(outOfCompliance({ ...current, status, compliant: false }, TEAM_AS_OF), status).toBe(true);
    }
    expect(
      outOfCompliance(
        { ...current, cprAed: { ok: false, reason: 'expired', expires: '2026-01-01', required: true, current: false } },
        TEAM_AS_OF,
      ),
    ).toBe(true);
    expect(outOfCompliance({ ...current, auditDue: '2026-11-22' }, TEAM_AS_OF)).toBe(true);
  });
});

describe("the Team view's filter", () => {
  let context: ReturnType<typeof freshContext>;
  let view: TeamView;
  beforeAll(async () => {
    const dir = tempDir('recert-team-ooc-');
    context = freshContext();
    const file = writeTeamRecords(dir, await textPdf('Certificate', 1));
    importRecords(readRecordsFile(file, new Set(context.ruleSets.map((r) => r.id))), context.store, context.files);
    view = valueNow<TeamView>(context.dispatch('getTeamView', { asOf: TEAM_AS_OF }));
  }, 60_000);
  afterAll(() => context.dispose());

  it('selects the expired, the lapsed and those without a current card, and is offered first in the Status control', () => {
    const names = view.rows.filter((r) => r.filters.includes('out-of-compliance')).map((r) => r.name);
    expect(names.sort()).toEqual(['Avery Lapsed', 'Blake Late', 'Casey Additional', 'Noor ExpiredCard', 'Pat NoCard']);
    expect(view.options.filters[0]).toEqual({ value: 'out-of-compliance', label: 'Out of compliance' });
    // Every summary filter is offered there too, in the summary's words.
    expect(view.options.filters.map((f) => f.value)).toEqual(['out-of-compliance', ...view.counts.flatMap((c) => c.filter ?? [])]);
  });
});

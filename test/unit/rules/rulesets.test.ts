import { describe, expect, it } from 'vitest';
import { parseRuleSet, sourcedFigures } from '../../../main/core/rules/rulesets';
import { ruleSet, shippedRuleSets } from '../../helpers/rules';

describe('shipped rule sets', () => {
  it('ship NASM-CPT and the seven other credentials', () => {
    expect(shippedRuleSets.map((r) => r.id).sort()).toEqual([
      'ace-cpt',
      'acsm-cpt',
      'afaa-gfi',
      'issa-cpt',
      'nasm-cpt',
      'nccpt-cpt',
      'ncsf-cpt',
      'nsca-cscs',
    ]);
  });

  it.each(shippedRuleSets.map((r) => [r.id, r] as const))(
    '%s: every figure cites a listed source, a check date and a described rule',
    (_id, set) => {
      const figures = sourcedFigures(set);
      expect(figures.length).toBeGreaterThan(10);
      const rules = new Set(set.rules.map((r) => r.id));
      for (const { figure } of figures) {
        expect(set.sources).toHaveProperty(figure.source);
        expect(rules.has(figure.rule as never)).toBe(true);
      }
    },
  );

  it('NASM-CPT implements R1–R11, each described, with Recert readings labelled as decisions', () => {
    const nasm = ruleSet('nasm-cpt');
    expect(nasm.rules.map((r) => r.id)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11']);
    expect(nasm.rules.filter((r) => r.decision).map((r) => r.id)).toEqual(['R7', 'R8', 'R11']);
    expect(nasm.cprAed.waiver?.decision).toBeTruthy();
    expect(nasm.cprAed.waiver?.value).toEqual({ from: '2020-03-01', until: null });
    expect(nasm.applicationWindows.decision).toBeTruthy();
    expect(nasm.nextCycle.decision).toBeTruthy();
    expect(nasm.petition.fee.value).toBe(25);
    expect(nasm.audit.responseDays.value).toBe(30);
    for (const { figure } of sourcedFigures(nasm)) expect((figure as { verifiedOn?: string }).verifiedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('flags the figures docs/rules.md flags as unverified', () => {
    // NSCA's 2024–2026 table is cited; applying it to later periods is Recert's reading.
    expect(ruleSet('nsca-cscs').requirement.categories.every((c) => c.max && !c.max.unverified)).toBe(true);
    expect(ruleSet('nsca-cscs').cycle).toMatchObject({ kind: 'calendar-periods', shifted: { value: true, decision: expect.any(String) } });
    // ACE: the grace period is cited (not an extension); its start and fee are Recert's reading.
    expect(ruleSet('ace-cpt').applicationWindows.decision).toBeTruthy();
    expect(ruleSet('ace-cpt').cprAed.handsOnRequired.unverified).toBe(true);
    expect(ruleSet('acsm-cpt').applicationWindows.value[0]?.fee.unverified).toBe(true);
    expect(ruleSet('issa-cpt').applicationWindows.value.every((w) => w.fee.unverified)).toBe(true);
    expect(ruleSet('nccpt-cpt').applicationWindows.unverified).toBe(true);
    expect(ruleSet('afaa-gfi').requirement.courses.unverified).toBe(true);
    expect(ruleSet('ncsf-cpt').applicationWindows.unverified).toBe(true);
  });

  it('refuses a rule set that cites an unlisted source or leaves a gap between late windows', () => {
    const nasm = structuredClone(ruleSet('nasm-cpt')) as unknown as {
      petition: { fee: { source: string } };
      applicationWindows: { value: { from: { days: number } }[] };
    };
    nasm.petition.fee.source = 'hearsay';
    const secondWindow = nasm.applicationWindows.value[1];
    if (secondWindow) secondWindow.from.days = 95;
    expect(() => parseRuleSet(nasm, 'broken.json')).toThrow(
      /petition\.fee\.source: "hearsay" is not listed[\s\S]*applicationWindows\.value\[1\]\.from/,
    );
  });

  it('refuses a rule set whose shape is wrong, naming each field (zod parses it without its compiled fast path)', () => {
    const nasm = structuredClone(ruleSet('nasm-cpt')) as unknown as { id: unknown; petition: { fee: { value: unknown } } };
    nasm.id = 42;
    nasm.petition.fee.value = 'fifty';
    expect(() => parseRuleSet(nasm, 'broken.json')).toThrow(
      /broken\.json is not a valid rule set:[\s\S]*id: [\s\S]*petition\.fee\.value: /,
    );
  });
});

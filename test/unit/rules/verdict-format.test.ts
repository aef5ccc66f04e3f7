import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { missingCertificates } from '../../../main/core/domain/verdict';
import { evaluateCredential } from '../../../main/core/rules/engine';
import { fileVerdict } from '../../../main/core/rules/verdict-format';
import { input, inputArb } from '../../helpers/generated-credential';

// The engine keeps per-course verdicts and warnings as lists; `recert evaluate --json` writes an
// entry per course and a code per warning (docs/records-file.md). On generated records of every rule
// set, the file's shape is worked out here from the input alone and the engine's reasons.

const ruleOf: Record<string, string> = {
  'not-yet-completed': 'R4',
  'before-cycle': 'R4',
  'after-course-deadline': 'R4',
  'petition-required': 'R5',
  'petition-pending': 'R5',
  'petition-denied': 'R5',
  'repeated-course': 'R13',
  counted: 'R2',
};

describe("the verdict in the records file's shape", () => {
  it('has an entry per course in input order and a code per course warning, besides the credential’s own', () => {
    fc.assert(
      fc.property(inputArb, (generated) => {
        const facts = input(generated);
        const verdict = evaluateCredential(generated.ruleSet, facts);
        const written = fileVerdict(verdict);

        expect(written.activities.map((a) => a.id)).toEqual(facts.courses.map((a) => a.id));
        written.activities.forEach((entry, i) => {
          expect(entry.counted).toBe(entry.reason === 'counted');
          expect(entry.rule).toBe(ruleOf[entry.reason]);
          expect(entry.reason).toBe(verdict.courses.reasons[i]);
          expect(Math.round(entry.ceus * 1000)).toBe(verdict.courses.units[i]);
        });

        const expected = [
          ...verdict.warnings,
          ...facts.courses.filter((a, i) => written.activities[i]?.counted && !a.hasCertificate).map((a) => `no-certificate:${a.id}`),
          ...written.activities.filter((a) => a.reason === 'petition-pending').map((a) => `petition-pending:${a.id}`),
        ];
        expect([...written.warnings].sort()).toEqual(expected.sort());
        expect(missingCertificates(verdict)).toBe(written.warnings.filter((w) => w.startsWith('no-certificate:')).length);
      }),
      { numRuns: 1000 },
    );
  });

  it("writes the file's keys in the file's order, and nothing of the engine's lists", () => {
    const [generated] = fc.sample(inputArb, { numRuns: 1, seed: 7 });
    if (!generated) throw new Error('no sample');
    const written = fileVerdict(evaluateCredential(generated.ruleSet, input(generated)));
    expect(Object.keys(written)).toEqual([
      'credential',
      'ruleSet',
      'cycle',
      'status',
      'canSubmit',
      'feeTier',
      'ceus',
      'activities',
      'cprAed',
      'deadlines',
      'petitionFees',
      'blockers',
      'warnings',
      'explain',
    ]);
  });
});

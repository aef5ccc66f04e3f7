// The verdict's constructors take their fields by name: each field lands under its own name, and
// every object of a class has the same shape (the same own keys in the same order) whatever order
// the caller wrote them in. The engine's verdicts are made of these classes, not of literals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CeuFigures,
  CourseVerdictLists,
  CprAedChoice,
  CredentialVerdict,
  CycleDates,
  Deadlines,
  Explanation,
} from '../../../main/core/rules/verdict-objects';
import { card, course, engineVerdict } from '../../helpers/rules';

const verdict = engineVerdict({ courses: [course(), course({ petitionStatus: 'pending' })], cards: [card()] });

type Constructed = new (fields: never) => object;
const parts: [string, Constructed, object][] = [
  ['CredentialVerdict', CredentialVerdict, verdict],
  ['CycleDates', CycleDates, verdict.cycle],
  ['CeuFigures', CeuFigures, verdict.ceus],
  ['CourseVerdictLists', CourseVerdictLists, verdict.courses],
  ['CprAedChoice', CprAedChoice, verdict.cprAed],
  ['Deadlines', Deadlines, verdict.deadlines],
  ['Explanation', Explanation, verdict.explain],
];

describe('the objects a verdict is made of', () => {
  it.each(parts)('the engine builds %s with its constructor', (_name, Class, made) => {
    expect(made).toBeInstanceOf(Class);
  });

  it.each(parts)('%s: every field under its own name, in one shape whatever the order given', (_name, Class, made) => {
    const keys = Object.keys(made);
    fc.assert(
      fc.property(fc.shuffledSubarray(keys, { minLength: keys.length, maxLength: keys.length }), (order) => {
        // A value that can only be the one given for that field.
        const fields = Object.fromEntries(order.map((key) => [key, `value of ${key}`]));
        const built = new Class(fields as never);
        expect(Object.keys(built)).toEqual(keys);
        expect({ ...built }).toEqual(fields);
      }),
    );
  });

  it('takes no part as a literal that only looks like one (checked by the compiler)', () => {
    const { cycle, ...rest } = verdict as CredentialVerdict;
    // @ts-expect-error -- a literal is not a CycleDates: each part is constructed.
    const literal = new CredentialVerdict({ ...rest, cycle: { start: cycle.start, end: cycle.end } });
    expect(literal.cycle).toEqual(cycle);
  });
});

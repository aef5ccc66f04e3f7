import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { norm } from '../../../main/core/rules/courses';

// "The same course twice" (R13) compares titles and providers normalised: NFKC, lower case,
// punctuation and spacing runs as one space. Plain lower-case words skip that work; this holds the
// shortcut to the whole normalisation for any text.
const whole = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim();

describe('norm', () => {
  it('agrees with the whole normalisation on any text, plain or not', () => {
    const tricky = fc.constantFrom('K', 'İ', 'ß', 'ﬁ', 'Ⅻ', '１', '\u00a0', '\t', '-', '.', ' ', 'É', 'e\u0301', 'A', 'z', '0');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.array(fc.oneof(fc.constantFrom('a', 'B', '7', ' ', 'Core', 'strength'), tricky)).map((parts) => parts.join('')),
        ),
        (text) => {
          expect(norm(text)).toBe(whole(text));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['Core Strength', 'core strength'],
    ['core  strength', 'core strength'],
    [' Core Strength', 'core strength'],
    ['Core-Strength!', 'core strength'],
    ['Ｃｏｒｅ', 'core'],
    ['\u212a', 'k'],
  ])('%j → %j', (text, expected) => expect(norm(text)).toBe(expected));
});

import fc from 'fast-check';
import { addDays } from '../../main/core/dates';
import type { CourseFacts, EvaluationInput } from '../../main/core/domain/verdict';
import { card, credential, shippedRuleSets } from './rules';

// Generated credentials and courses for property tests of the engine: every shipped rule set, few
// titles and providers (so that repeated courses are common), petitions of every status.

const day = (offset: number) => addDays('2022-01-01', offset);

const courseArb = fc.record({
  // Few titles and providers, so that repeated courses (R13) are common, inside and outside.
  title: fc.constantFrom('Core Strength', 'core strength!', 'Mobility', 'Nutrition Basics', 'Kettlebells'),
  provider: fc.constantFrom('NASM', 'Iron Guild', 'iron guild'),
  approval: fc.constantFrom('nasm', 'approved-provider', 'petition'),
  completed: fc.integer({ min: 0, max: 8 * 365 }).map(day),
  amount: fc.oneof(
    fc.integer({ min: 1, max: 3000 }).map((ceuThousandths) => ({ ceuThousandths, contactHourHundredths: null })),
    fc.integer({ min: 1, max: 2000 }).map((contactHourHundredths) => ({ ceuThousandths: null, contactHourHundredths })),
  ),
  petitionStatus: fc.constantFrom(null, 'pending', 'approved', 'denied'),
  category: fc.constantFrom(null, 'general', 'specialty', 'business', 'unknown-category'),
  hasCertificate: fc.boolean(),
});

export const inputArb = fc.record({
  ruleSet: fc.constantFrom(...shippedRuleSets),
  asOf: fc.integer({ min: 0, max: 8 * 365 }).map(day),
  expires: fc.integer({ min: 365, max: 7 * 365 }).map(day),
  cycleStart: fc.option(fc.integer({ min: 0, max: 5 * 365 }).map(day)),
  applicationSubmitted: fc.option(fc.integer({ min: 365, max: 8 * 365 }).map(day)),
  applicationAccepted: fc.option(fc.integer({ min: 365, max: 8 * 365 }).map(day)),
  courses: fc.array(courseArb, { maxLength: 40 }),
});

export interface Generated {
  asOf: string;
  expires: string;
  cycleStart: string | null;
  applicationSubmitted: string | null;
  applicationAccepted: string | null;
  courses: {
    title: string;
    provider: string;
    approval: string;
    completed: string;
    amount: { ceuThousandths: number | null; contactHourHundredths: number | null };
    petitionStatus: string | null;
    category: string | null;
    hasCertificate: boolean;
  }[];
}

export function input(g: Generated): EvaluationInput {
  const courses = g.courses.map((c, i): CourseFacts => ({
    id: `a${i}`,
    title: c.title,
    provider: c.provider,
    approval: c.approval as CourseFacts['approval'],
    approvalCode: null,
    completed: c.completed,
    ...c.amount,
    // A petition status only on petitioned courses, as the records file and the store require.
    petitionStatus: c.approval === 'petition' ? (c.petitionStatus as CourseFacts['petitionStatus']) : null,
    category: c.category,
    hasCertificate: c.hasCertificate,
  }));
  return {
    asOf: g.asOf,
    credential: credential({
      expires: g.expires,
      cycleStart: g.cycleStart,
      applicationSubmitted: g.applicationSubmitted,
      applicationAccepted: g.applicationSubmitted ? g.applicationAccepted : null,
    }),
    courses,
    cards: [card()],
  };
}

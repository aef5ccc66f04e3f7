// A gym chain's records for the benchmarks: deterministic, so every run measures the same data.
import { addDays } from '../../main/core/dates';

/** A deterministic pseudo-random sequence, so that every run measures the same data. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

interface GymOptions {
  people: number;
  coursesPerPerson: number;
}

/** A records file for a gym: each person has 1–2 credentials, N courses and a CPR/AED card. */
export function gymRecords({ people, coursesPerPerson: coursesPerPerson }: GymOptions) {
  const next = random(42);
  return {
    format: 'recert-records/1',
    people: Array.from({ length: people }, (_, p) => {
      const credentials = [
        { id: `c${p}`, ruleSet: 'nasm-cpt', number: `NASM-${100000 + p}`, expires: addDays('2027-01-01', Math.floor(next() * 365)) },
      ];
      if (p % 2 === 0)
        credentials.push({
          id: `c${p}b`,
          ruleSet: 'ace-cpt',
          number: `ACE-${p}`,
          expires: addDays('2027-06-01', Math.floor(next() * 365)),
        });
      return {
        id: `p${p}`,
        name: `Trainer ${p}`,
        email: `trainer${p}@example.org`,
        credentials,
        activities: Array.from({ length: coursesPerPerson }, (_, a) => {
          const petition = a % 10 === 0;
          return {
            id: `a${p}-${a}`,
            title: `Course ${a} on topic ${Math.floor(next() * 200)}`,
            provider: petition ? 'Local Workshop' : 'NASM',
            approval: petition ? 'petition' : 'nasm',
            completed: addDays('2025-01-01', Math.floor(next() * 800)),
            ...(a % 3 === 0 ? { contactHours: 1 + Math.floor(next() * 10) / 2 } : { ceus: Math.round(next() * 500) / 1000 + 0.1 }),
            ...(petition ? { petition: { status: ['pending', 'approved', 'denied'][a % 3], filed: '2025-06-01' } } : {}),
          };
        }),
        cprAed: [
          {
            id: `k${p}`,
            provider: 'Red Cross',
            completed: '2025-05-01',
            expires: '2027-05-01',
            adultCpr: true,
            aed: true,
            handsOn: p % 7 !== 0,
          },
        ],
      };
    }),
  };
}

// Records as another tool writes them, for the benchmarks: a shape Recert's own generator does not
// make, so that no figure holds only because the data fits the code. People hold 1–3 credentials
// of different bodies, courses count toward some of them only, cards come in several kinds, names
// are long or not in Latin script, and optional fields come and go.
import { addDays } from '../../main/core/dates';

/** A deterministic pseudo-random sequence (xorshift32), so that every run measures the same data. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

const BODIES = [
  { ruleSet: 'nasm-cpt', prefix: 'NASM', provider: 'NASM', approval: 'nasm', categories: [] },
  { ruleSet: 'ace-cpt', prefix: 'ACE', provider: 'American Council on Exercise', approval: 'approved-provider', categories: [] },
  { ruleSet: 'nsca-cscs', prefix: 'NSCA', provider: 'NSCA', approval: 'approved-provider', categories: ['a', 'b', 'c', 'd'] },
  { ruleSet: 'acsm-cpt', prefix: 'ACSM', provider: 'ACSM', approval: 'approved-provider', categories: ['general', 'cpr-aed-first-aid'] },
  { ruleSet: 'issa-cpt', prefix: 'ISSA', provider: 'ISSA Education', approval: 'approved-provider', categories: [] },
] as const;

// Names in several scripts, some long, some with combining marks, so that no fast path for ASCII
// text hides a slow one for everyone else.
const GIVEN = ['Dana', 'Søren', 'Zoë', 'José', '美咲', 'Алексей', 'محمد', 'अनन्या', 'Nguyễn Thị', 'Ølvir', 'Ιωάννα', '지훈', 'Chinonso'];
const FAMILY = [
  'Rivera',
  'Müller-Lüdenscheidt',
  '佐藤',
  'Иванова',
  'العبدالله',
  'शर्मा',
  'Ngọc Anh',
  'Papadopoulou',
  '김',
  'Wolfeschlegelsteinhausenbergerdorff',
  "O'Brien",
  'de la Cruz y Fernández de Córdoba',
];
const TOPICS = [
  'Корректирующие упражнения',
  'Nutrition för idrottare',
  'スポーツ栄養学',
  'Program design for older adults: balance, fall prevention and strength',
  'تمارين القوة',
  'Kettlebell',
  'Prenatal & postnatal exercise — a practical course',
];
const CARD_KINDS = [
  { provider: 'American Red Cross', adultCpr: true, aed: true, handsOn: true },
  { provider: 'American Heart Association BLS', adultCpr: true, aed: true, handsOn: true },
  { provider: 'CPR Online Now', adultCpr: true, aed: true, handsOn: false },
  { provider: 'Community first aid (no AED)', adultCpr: true, aed: false, handsOn: true },
  { provider: 'Pediatric CPR only', adultCpr: false, aed: true, handsOn: true },
] as const;

interface ForeignOptions {
  people: number;
  /** The mean number of courses per person; people alternate above and below it, so the total is exact for an even count. */
  coursesPerPerson: number;
  seed?: number;
}

/** Records of another shape: 1–3 credentials (NASM, ACE, NSCA, ACSM, ISSA), partial links, petitions, 0–3 cards. */
export function foreignRecords({ people, coursesPerPerson: coursesPerPerson, seed = 7 }: ForeignOptions) {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return {
    format: 'recert-records/1',
    people: Array.from({ length: people }, (_, p) => {
      const count = 1 + Math.floor(next() * 3);
      const start = Math.floor(next() * BODIES.length);
      const bodies = Array.from({ length: count }, (_, i) => BODIES[(start + i) % BODIES.length] ?? BODIES[0]);
      const credentials = bodies.map((body, i) => {
        const expires = addDays('2026-09-01', Math.floor(next() * 900));
        return {
          id: `${body.prefix.toLowerCase()}:${p}:${i}`,
          ruleSet: body.ruleSet,
          ...(next() < 0.7 ? { number: `${body.prefix}-${String(Math.floor(next() * 1e8)).padStart(8, '0')}` } : {}),
          expires,
          ...(body.ruleSet === 'nsca-cscs' ? { certified: addDays('2012-01-01', Math.floor(next() * 4000)) } : {}),
          ...(next() < 0.1 ? { application: { submitted: addDays(expires, -30) } } : {}),
          ...(next() < 0.05 ? { audit: { noticeReceived: addDays(expires, 10) } } : {}),
        };
      });
      const spread = Math.floor(coursesPerPerson * 0.6);
      const courses = coursesPerPerson + (p % 2 === 0 ? 1 : -1) * (p % 4 < 2 ? spread : Math.floor(spread / 3));
      const name = `${pick(GIVEN)} ${pick(FAMILY)}${next() < 0.1 ? ` ${pick(FAMILY)} ${pick(FAMILY)}` : ''}`;
      return {
        id: `person-${String(p).padStart(6, '0')}`,
        name,
        ...(next() < 0.8 ? { email: `t${p}@gym-${p % 37}.example` } : {}),
        ...(next() < 0.5 ? { employeeId: `EMP/${p}` } : {}),
        credentials,
        activities: Array.from({ length: Math.max(0, courses) }, (_, a) => {
          const which = Math.floor(next() * bodies.length);
          const body = bodies[which] ?? BODIES[0];
          const petition = next() < 0.08;
          const hours = next() < 0.4;
          // About a third of the courses count toward one credential only, not every credential of the person.
          const linked = count > 1 && next() < 0.35 ? { credentials: [credentials[which]?.id ?? ''] } : {};
          const category = body.categories.length > 0 && next() < 0.7 ? { category: pick(body.categories) } : {};
          const completed = addDays('2023-06-01', Math.floor(next() * 1400));
          return {
            id: `${p}/${a}`,
            title: `${pick(TOPICS)} ${a}`,
            provider: petition ? 'Gimnasio Municipal de Córdoba' : body.provider,
            approval: petition ? 'petition' : body.approval,
            ...(next() < 0.3 ? { approvalCode: `${body.prefix}-${Math.floor(next() * 99999)}` } : {}),
            completed,
            ...(hours ? { contactHours: 0.5 + Math.floor(next() * 16) / 2 } : { ceus: Math.round(next() * 800) / 1000 + 0.05 }),
            ...(petition
              ? {
                  petition: {
                    status: pick(['pending', 'approved', 'denied'] as const),
                    filed: addDays(completed, 5),
                    ...(next() < 0.5 ? { decided: addDays(completed, 40) } : {}),
                  },
                }
              : {}),
            ...category,
            ...linked,
          };
        }),
        cprAed: Array.from({ length: Math.floor(next() * 4) }, (_, k) => {
          const kind = pick(CARD_KINDS);
          const completed = addDays('2023-01-01', Math.floor(next() * 1200));
          return { id: `cpr:${p}:${k}`, ...kind, completed, expires: addDays(completed, 730) };
        }),
      };
    }),
  };
}

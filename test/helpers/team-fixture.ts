// A gym's team of 25 trainers in every state a manager meets, as a records file, evaluated as of
// TEAM_AS_OF: lapsed, expired in each fee window, expiring within 30/60/90 days (and exactly on the
// boundaries), ready, submitted, an open audit, cards expired, online only, missing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '../../main/core/dates';

export const TEAM_AS_OF = '2026-11-23';

interface Trainer {
  id: string;
  name: string;
  employeeId: string;
  /** Days from TEAM_AS_OF to the NASM-CPT expiration. */
  expiresIn: number;
  /** CEUs of NASM courses completed inside the cycle. */
  ceus: number;
  card?: 'current' | 'expired' | 'online' | 'none';
  applied?: boolean;
  auditNotice?: string;
  certificates?: boolean;
  extra?: 'ace-cpt';
}

export const TEAM: Trainer[] = [
  { id: 't01', name: 'Avery Lapsed', employeeId: 'E-01', expiresIn: -400, ceus: 0.5 },
  { id: 't02', name: 'Blake Late', employeeId: 'E-02', expiresIn: -20, ceus: 1.0 },
  { id: 't03', name: 'Casey Additional', employeeId: 'E-03', expiresIn: -120, ceus: 1.0 },
  { id: 't04', name: 'Dana Today', employeeId: 'E-04', expiresIn: 0, ceus: 1.0 },
  { id: 't05', name: 'Eli Tomorrow', employeeId: 'E-05', expiresIn: 1, ceus: 1.0 },
  { id: 't06', name: 'Finn Thirty', employeeId: 'E-06', expiresIn: 30, ceus: 1.5 },
  { id: 't07', name: 'Gale ThirtyOne', employeeId: 'E-07', expiresIn: 31, ceus: 1.5 },
  { id: 't08', name: 'Harper Sixty', employeeId: 'E-08', expiresIn: 60, ceus: 1.9 },
  { id: 't09', name: 'Indy Ninety', employeeId: 'E-09', expiresIn: 90, ceus: 1.9 },
  { id: 't10', name: 'Jules NinetyOne', employeeId: 'E-10', expiresIn: 91, ceus: 1.9 },
  { id: 't11', name: 'Kai Ready', employeeId: 'E-11', expiresIn: 300, ceus: 2.0 },
  { id: 't12', name: 'Lee Submitted', employeeId: 'E-12', expiresIn: 10, ceus: 2.0, applied: true },
  {
    id: 't13',
    name: 'Morgan Audit',
    employeeId: 'E-13',
    expiresIn: 200,
    ceus: 2.0,
    applied: true,
    auditNotice: addDays('2026-11-23', -10),
  },
  { id: 't14', name: 'Noor ExpiredCard', employeeId: 'E-14', expiresIn: 250, ceus: 2.0, card: 'expired' },
  { id: 't15', name: 'Oak OnlineCard', employeeId: 'E-15', expiresIn: 250, ceus: 2.0, card: 'online' },
  { id: 't16', name: 'Pat NoCard', employeeId: 'E-16', expiresIn: 250, ceus: 2.0, card: 'none' },
  { id: 't17', name: 'Quinn Missing', employeeId: 'E-17', expiresIn: 250, ceus: 2.0, certificates: false },
  { id: 't18', name: 'Riley Two', employeeId: 'E-18', expiresIn: 400, ceus: 2.0, extra: 'ace-cpt' },
  { id: 't19', name: 'Sam Progress', employeeId: 'E-19', expiresIn: 500, ceus: 0.3 },
  { id: 't20', name: 'Tao Progress', employeeId: 'E-20', expiresIn: 520, ceus: 0.6 },
  { id: 't21', name: 'Uma Progress', employeeId: 'E-21', expiresIn: 540, ceus: 0.9 },
  { id: 't22', name: 'Vic Progress', employeeId: 'E-22', expiresIn: 560, ceus: 1.2 },
  { id: 't23', name: 'Wren Progress', employeeId: 'E-23', expiresIn: 580, ceus: 1.5 },
  { id: 't24', name: 'Xia Zhōu 周', employeeId: 'E-24', expiresIn: 600, ceus: 1.8 },
  { id: 't25', name: 'Yusuf Al-Amin يوسف', employeeId: 'E-25', expiresIn: 620, ceus: 2.0 },
];

/** Writes the records file (and a one-page certificate for every course and card) into `dir`. */
export function writeTeamRecords(dir: string, certificate: Buffer): string {
  writeFileSync(join(dir, 'cert.pdf'), certificate);
  const people = TEAM.map((t) => {
    const expires = addDays(TEAM_AS_OF, t.expiresIn);
    const attachments = t.certificates === false ? undefined : [{ file: 'cert.pdf' }];
    const credentials: Record<string, unknown>[] = [
      {
        id: `${t.id}-nasm`,
        ruleSet: 'nasm-cpt',
        number: `NASM-${t.id}`,
        expires,
        ...(t.applied ? { application: { submitted: addDays(TEAM_AS_OF, -1) } } : {}),
        ...(t.auditNotice ? { audit: { noticeReceived: t.auditNotice } } : {}),
      },
    ];
    if (t.extra) credentials.push({ id: `${t.id}-ace`, ruleSet: 'ace-cpt', number: `ACE-${t.id}`, expires: addDays(TEAM_AS_OF, 45) });
    const card = t.card ?? 'current';
    const cprAed =
      card === 'none'
        ? []
        : [
            {
              id: `${t.id}-card`,
              provider: 'American Red Cross',
              completed: card === 'online' ? '2021-01-10' : addDays(TEAM_AS_OF, -400),
              expires:
                card === 'expired' ? addDays(TEAM_AS_OF, -72) : card === 'online' ? addDays(TEAM_AS_OF, 300) : addDays(TEAM_AS_OF, 330),
              adultCpr: true,
              aed: true,
              handsOn: card !== 'online',
              ...(attachments ? { attachments } : {}),
            },
          ];
    return {
      id: t.id,
      name: t.name,
      employeeId: t.employeeId,
      credentials,
      activities: [
        {
          id: `${t.id}-a1`,
          title: 'Program design',
          provider: 'NASM',
          approval: 'nasm',
          // Inside the cycle and never after the as-of date.
          completed: [addDays(expires, -300), addDays(TEAM_AS_OF, -10)].sort()[0],
          ceus: t.ceus,
          credentials: [`${t.id}-nasm`],
          ...(attachments ? { attachments } : {}),
        },
      ],
      cprAed,
    };
  });
  const file = join(dir, 'team.json');
  writeFileSync(file, JSON.stringify({ format: 'recert-records/1', people }, null, 2));
  return file;
}

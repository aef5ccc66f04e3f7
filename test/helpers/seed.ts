import type { InputOf, MethodName } from '../../preload/contract';
import type { AppContext } from '../../main/app-context';
import { TABLES } from './context';
import { valueNow } from './results';

/** The bytes of a tiny but real one-page PDF. */
export const tinyPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export interface Seeded {
  personId: string;
  credentialId: string;
  courseId: string;
  cardId: string;
  attachmentId: string;
}

/** One person with one credential, one course (with a certificate) and one CPR/AED card. */
export function seed(context: AppContext): Seeded {
  const call = <M extends MethodName>(method: M, input: InputOf<M>) => {
    const result = context.dispatch(method, input);
    if (result instanceof Promise) throw new Error(`${method} is asynchronous`);
    return valueNow<{ id: string }>(result);
  };
  const person = call('createPerson', { name: 'Dana Rivera', email: 'dana@example.org', employeeId: 'E-104' });
  const credential = call('createCredential', { personId: person.id, ruleSet: 'nasm-cpt', number: 'NASM-123456', expires: '2027-03-31' });
  const course = call('createCourse', {
    personId: person.id,
    title: 'Corrective Exercise Specialist',
    provider: 'NASM',
    approval: 'nasm',
    completed: '2026-02-01',
    ceus: 1.9,
    credentialIds: [credential.id],
  });
  const card = call('createCprAedCard', {
    personId: person.id,
    provider: 'American Red Cross',
    completed: '2025-06-01',
    expires: '2027-06-01',
    adultCpr: true,
    aed: true,
    handsOn: true,
  });
  const attachment = call('addAttachment', {
    owner: { kind: 'course', id: course.id },
    fileName: 'ces.pdf',
    contentBase64: tinyPdf.toString('base64'),
  });
  return { personId: person.id, credentialId: credential.id, courseId: course.id, cardId: card.id, attachmentId: attachment.id };
}

/** Every table's rows, to prove that a refused write changed nothing at all. */
export function snapshot(context: AppContext): string {
  return JSON.stringify(TABLES.map((table) => context.store.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()));
}

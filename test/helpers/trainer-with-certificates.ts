// A records file of one trainer (Dana Rivera, NASM-CPT c1) whose courses each carry a certificate
// PDF of random text, so that nothing compresses it away: for tests that need real bytes to copy,
// fill a disk with, or kill a process in the middle of.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A one-page PDF whose comment line holds `randomBytes` random bytes as hex (twice as many bytes). */
export function randomTextPdf(random: number): Buffer {
  return Buffer.concat([
    Buffer.from('%PDF-1.4\n%'),
    Buffer.from(randomBytes(random).toString('hex')),
    Buffer.from(
      '\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    ),
  ]);
}

/** Writes `<folder>/records.json` and its `certs/`; answers the records file's path. */
export function trainerWithCertificates(folder: string, count: number, randomBytesEach: number): string {
  mkdirSync(join(folder, 'certs'), { recursive: true });
  const courses = Array.from({ length: count }, (_, i) => {
    writeFileSync(join(folder, 'certs', `c${i}.pdf`), randomTextPdf(randomBytesEach));
    return {
      id: `a${i}`,
      title: `Course ${i}`,
      provider: 'NASM',
      approval: 'nasm',
      completed: '2026-02-01',
      ceus: 0.1,
      credentials: ['c1'],
      attachments: [{ file: `certs/c${i}.pdf` }],
    };
  });
  const file = join(folder, 'records.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'recert-records/1',
      people: [
        {
          id: 'p1',
          name: 'Dana Rivera',
          credentials: [{ id: 'c1', ruleSet: 'nasm-cpt', expires: '2027-03-31' }],
          activities: courses,
          cprAed: [],
        },
      ],
    }),
  );
  return file;
}

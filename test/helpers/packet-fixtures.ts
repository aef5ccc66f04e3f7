// Certificate files for packet tests, made at test time: PDFs (text, multi-page, damaged, locked),
// JPEGs with EXIF orientation, PNG screenshots, and a committed HEIC photo.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { projectRoot } from './context';

const fontDir = join(projectRoot, 'resources/fonts');

/** A PDF certificate with real text on each page. */
export function textPdf(title: string, pages = 1, size: [number, number] = [612, 792]): Promise<Buffer> {
  const doc = new PDFDocument({ size, margin: 60 });
  doc.registerFont('body', join(fontDir, 'NotoSans-Regular.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (let p = 1; p <= pages; p++) {
    if (p > 1) doc.addPage({ size });
    doc
      .rect(20, 20, size[0] - 40, size[1] - 40)
      .lineWidth(4)
      .stroke('#2255aa');
    doc.font('body').fontSize(26).fillColor('#000').text('Certificate of Completion', 60, 80);
    doc.fontSize(16).text(`${title} — certificate page ${p} of ${pages}`, 60, 140);
    doc.fontSize(11).text('This certifies that the participant completed the course described above.', 60, 190);
  }
  doc.end();
  return done;
}

/** RGB pixels with a red block in the stored top-left corner, encoded as JPEG with an EXIF orientation. */
export function orientedJpeg(width: number, height: number, orientation: number, quality = 85): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const marker = x < width / 4 && y < height / 4;
      data[i] = marker ? 220 : 235;
      data[i + 1] = marker ? 20 : 235;
      data[i + 2] = marker ? 20 : 240;
      data[i + 3] = 255;
    }
  }
  const encoded = jpeg.encode({ data, width, height }, quality).data;
  if (orientation === 1) return encoded;
  // APP1 "Exif\0\0" + big-endian TIFF with one IFD entry: Orientation (0x0112), SHORT, 1 value.
  const tiff = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  return Buffer.concat([encoded.subarray(0, 2), app1, encoded.subarray(2)]);
}

/** A PNG "screenshot" with noise so that it does not compress to nothing. */
export function screenshotPng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  let seed = 7;
  for (let i = 0; i < width * height; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const v = 200 + (seed % 40);
    png.data[i * 4] = v;
    png.data[i * 4 + 1] = v;
    png.data[i * 4 + 2] = 255;
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

/** Encrypts a PDF with qpdf: an empty user password opens it, a set one locks it. */
export function encryptedPdf(pdf: Buffer, dir: string, userPassword: string): Buffer {
  const input = join(dir, `plain-${userPassword || 'owner'}.pdf`);
  const output = join(dir, `encrypted-${userPassword || 'owner'}.pdf`);
  writeFileSync(input, pdf);
  execFileSync('qpdf', ['--encrypt', userPassword, 'owner-secret', '256', '--', input, output]);
  return readFileSync(output);
}

export const HEIC_FIXTURE = join(projectRoot, 'test/fixtures/images/phone-certificate.heic');

export interface PacketFixture {
  recordsFile: string;
  titles: string[];
  personName: string;
  /** Pages each exhibit should become, in exhibit order. */
  exhibitPages: number[];
}

/** A records file for one NASM trainer whose certificates cover every case the packet handles. */
export async function writePacketFixture(dir: string): Promise<PacketFixture> {
  mkdirSync(join(dir, 'certs'), { recursive: true });
  const put = (name: string, bytes: Buffer) => {
    writeFileSync(join(dir, 'certs', name), bytes);
    return [{ file: `certs/${name}` }];
  };
  const ces = await textPdf('Corrective Exercise Specialist', 2);
  const owner = encryptedPdf(await textPdf('Senior Fitness Seminar', 1), dir, '');
  const locked = encryptedPdf(await textPdf('Youth Fitness Online', 1), dir, 'user-secret');
  const damaged = (await textPdf('Kettlebell Foundations', 1)).subarray(0, 400);
  copyFileSync(HEIC_FIXTURE, join(dir, 'certs', 'mobility.heic'));

  const titles = [
    'Corrective Exercise Specialist',
    '运动营养基础',
    'اللياقة',
    'Mobility Coach Workshop',
    'Kettlebell Foundations',
    'Youth Fitness Online',
    'Senior Fitness Seminar',
    'Pre-cycle Workshop',
  ];
  const course = (id: string, title: string, extra: Record<string, unknown>) => ({
    id,
    title,
    provider: 'NASM',
    approval: 'approved-provider',
    completed: '2026-03-01',
    ...extra,
  });
  const records = {
    format: 'recert-records/1',
    people: [
      {
        id: 'p1',
        name: 'Zoë Łukasik-Straße',
        email: 'zoe@example.org',
        credentials: [
          { id: 'c1', ruleSet: 'nasm-cpt', number: 'NASM-778899', expires: '2027-03-31', audit: { noticeReceived: '2027-04-10' } },
        ],
        activities: [
          course('a1', titles[0] ?? '', {
            approval: 'nasm',
            approvalCode: 'CES-2026',
            ceus: 0.8,
            completed: '2025-09-12',
            attachments: put('ces.pdf', ces),
          }),
          course('a2', titles[1] ?? '', {
            provider: '北京体育学院',
            ceus: 0.5,
            attachments: put('nutrition.jpg', orientedJpeg(600, 400, 6)),
          }),
          course('a3', titles[2] ?? '', { provider: 'أكاديمية', ceus: 0.3, attachments: put('arabic.png', screenshotPng(800, 500)) }),
          course('a4', titles[3] ?? '', { ceus: 0.2, attachments: [{ file: 'certs/mobility.heic' }] }),
          course('a5', titles[4] ?? '', {
            approval: 'petition',
            petition: { status: 'approved', filed: '2026-03-05' },
            ceus: 0.1,
            attachments: put('kettlebell.pdf', damaged),
          }),
          course('a6', titles[5] ?? '', { ceus: 0.1, attachments: put('youth.pdf', locked) }),
          course('a7', titles[6] ?? '', { ceus: 0.2, attachments: put('senior.pdf', owner) }),
          course('a8', titles[7] ?? '', { ceus: 0.5, completed: '2024-01-10' }),
        ],
        cprAed: [
          {
            id: 'k1',
            provider: 'American Red Cross',
            completed: '2025-06-01',
            expires: '2027-06-01',
            adultCpr: true,
            aed: true,
            handsOn: true,
            attachments: put('cpr-card.jpg', orientedJpeg(640, 400, 1)),
          },
        ],
      },
    ],
  };
  const recordsFile = join(dir, 'records.json');
  writeFileSync(recordsFile, JSON.stringify(records, null, 2));
  return { recordsFile, titles, personName: 'Zoë Łukasik-Straße', exhibitPages: [2, 1, 1, 1, 1, 1, 1, 1] };
}

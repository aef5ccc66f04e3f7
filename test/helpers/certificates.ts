// A corpus of certificates in the layouts providers use, generated with pdfkit, with the fields each
// one states. The field finders were written against layouts A–D. E–H were written next and first
// measured untuned (90.0 % of their fields right), then four general faults they showed were fixed.
// I and J were written next and measured untuned (93.3 %); I showed two faults in finding the title
// (a label matched inside a word; "for successful completion of"), fixed. K was written next and
// measured untuned with J (88.3 %): "Course name:" was taken for the person's name, and "Learner:"
// was unknown; fixed. L and M were written after the last fix and never tuned for; with J they are
// the held-out measure. Photos of them are rendered with
// poppler, then rotated, noised and given an EXIF orientation, as a phone would.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';

export interface ExpectedCourse {
  title: string;
  completed: string;
  ceus?: number;
  contactHours?: number;
  approvalCode?: string;
  provider?: string;
}

export interface Expected {
  document: 'course-certificate' | 'cpr-aed-card' | 'transcript' | 'unknown';
  name?: string;
  title?: string;
  provider?: string;
  completed?: string;
  /** Stated approval; a course by NASM itself is 'nasm' without saying so. */
  approval?: 'nasm' | 'approved-provider' | 'petition';
  /** A transcript's courses, in order. */
  courses?: ExpectedCourse[];
  ceus?: number;
  contactHours?: number;
  approvalCode?: string;
  expires?: string;
  adultCpr?: boolean;
  aed?: boolean;
  handsOn?: boolean;
}

export interface Variant {
  name: string;
  title: string;
  provider: string;
  /** ISO date the course was completed. */
  completed: string;
  amount: number;
  code: string;
}

export const VARIANTS: Variant[] = [
  {
    name: 'Dana Rivera',
    title: 'Corrective Exercise Specialist',
    provider: 'National Academy of Sports Medicine',
    completed: '2026-02-01',
    amount: 1.9,
    code: 'CES-2026',
  },
  {
    name: 'Samuel Lee',
    title: 'Kettlebell Foundations Workshop',
    provider: 'Iron Guild Academy',
    completed: '2026-03-14',
    amount: 0.5,
    code: 'IG-114',
  },
  {
    name: 'María Núñez',
    title: 'Youth Exercise Programming',
    provider: 'Northside Fitness Institute',
    completed: '2025-11-09',
    amount: 0.8,
    code: 'YEP2025',
  },
  {
    name: 'Chris Okafor',
    title: 'Mobility for Older Adults',
    provider: 'American Council on Exercise',
    completed: '2026-07-22',
    amount: 0.4,
    code: 'ACE-7731',
  },
];

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const parts = (iso: string) => iso.split('-').map(Number) as [number, number, number];
export const longUs = (iso: string) => {
  const [y, m, d] = parts(iso);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
};
export const shortUs = (iso: string) => {
  const [y, m, d] = parts(iso);
  return `${m}/${d}/${y}`;
};
export const european = (iso: string) => {
  const [y, m, d] = parts(iso);
  return `${d} ${MONTHS[m - 1]} ${y}`;
};
export const monthYear = (iso: string) => {
  const [y, m] = parts(iso);
  return `${m}/${y}`;
};
export const plusYears = (iso: string, years: number) => {
  const [y, m, d] = parts(iso);
  return `${y + years}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};
export const endOfMonth = (iso: string) => {
  const [y, m] = parts(iso);
  return `${y}-${String(m).padStart(2, '0')}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

export type Doc = InstanceType<typeof PDFDocument>;
export interface Layout {
  id: string;
  heldOut: boolean;
  draw(doc: Doc, v: Variant): Expected;
}

const FONT = join(__dirname, '../../resources/fonts');
export function font(doc: Doc, bold = false) {
  doc.font(join(FONT, bold ? 'NotoSans-Bold.ttf' : 'NotoSans-Regular.ttf'));
}
export function row(doc: Doc, label: string, value: string, y: number) {
  doc.fontSize(12).text(label, 72, y, { width: 180 });
  doc.text(value, 300, y, { width: 260 });
}

export const LAYOUTS: Layout[] = [
  {
    id: 'A classic centred',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(30).text('Certificate of Completion', { align: 'center' }).moveDown();
      font(doc);
      doc.fontSize(14).text('This certifies that', { align: 'center' });
      doc.fontSize(24).text(v.name, { align: 'center' });
      doc.fontSize(14).text('has successfully completed', { align: 'center' });
      doc.fontSize(20).text(v.title, { align: 'center' }).moveDown();
      doc.fontSize(12).text(`Date Completed: ${longUs(v.completed)}`, { align: 'center' });
      doc.text(`CEUs: ${v.amount}`, { align: 'center' });
      doc.text(`Course Code: ${v.code}`, { align: 'center' }).moveDown(2);
      doc.fontSize(14).text(v.provider, { align: 'center' });
      return {
        document: 'course-certificate',
        name: v.name,
        title: v.title,
        provider: v.provider,
        completed: v.completed,
        ceus: v.amount,
        approvalCode: v.code,
      };
    },
  },
  {
    id: 'B transcript in two columns, with a printed date',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(22).text('Continuing Education Transcript', 72, 72);
      font(doc);
      const hours = Math.round(v.amount * 10);
      row(doc, 'Participant', v.name, 140);
      row(doc, 'Course Title', v.title, 170);
      row(doc, 'Provider', v.provider, 200);
      row(doc, 'Date Completed', shortUs(v.completed), 230);
      row(doc, 'Contact Hours', String(hours), 260);
      row(doc, 'Approval Number', v.code, 290);
      row(doc, 'Printed on', '11/20/2026', 700);
      return {
        document: 'course-certificate',
        name: v.name,
        title: v.title,
        provider: v.provider,
        completed: v.completed,
        contactHours: hours,
        approvalCode: v.code,
      };
    },
  },
  {
    id: 'C European dates, unlabelled',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(28).text('CERTIFICATE', { align: 'center' }).moveDown();
      font(doc);
      doc.fontSize(14).text(`awarded to ${v.name}`, { align: 'center' });
      doc.text('for completing the course', { align: 'center' });
      doc.fontSize(20).text(v.title, { align: 'center' });
      doc
        .fontSize(12)
        .text(`on ${european(v.completed)}`, { align: 'center' })
        .moveDown();
      doc.text(`Credits: ${v.amount} CEUs`, { align: 'center' });
      doc.text(`Issued by ${v.provider}`, { align: 'center' });
      return { document: 'course-certificate', name: v.name, title: v.title, provider: v.provider, completed: v.completed, ceus: v.amount };
    },
  },
  {
    id: 'D provider first, issued and printed dates, both units',
    heldOut: false,
    draw(doc, v) {
      font(doc);
      doc.fontSize(11).text(`Provider: ${v.provider}`, 72, 60);
      doc.text('Printed 2026-11-20', 400, 60);
      font(doc, true);
      doc.fontSize(26).text('Certificate of Achievement', 72, 140, { align: 'center' });
      font(doc);
      doc.fontSize(14).text(`Presented to ${v.name}`, 72, 200, { align: 'center' });
      doc.text(`Course: ${v.title}`, 72, 240, { align: 'center' });
      doc.text(`Issued: ${v.completed}`, 72, 280, { align: 'center' });
      doc.text(`${v.amount} CEUs (${Math.round(v.amount * 10)} contact hours)`, 72, 320, { align: 'center' });
      doc.text(`Course #: ${v.code}`, 72, 360, { align: 'center' });
      return {
        document: 'course-certificate',
        name: v.name,
        title: v.title,
        provider: v.provider,
        completed: v.completed,
        ceus: v.amount,
        contactHours: Math.round(v.amount * 10),
        approvalCode: v.code,
      };
    },
  },
  {
    id: 'E side-by-side cells',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(24).text(v.provider, 72, 72);
      font(doc);
      doc.fontSize(16).text('Certificate of Attendance', 72, 110);
      doc.fontSize(12).text(`Name: ${v.name}`, 72, 180);
      doc.text(`Date: ${longUs(v.completed).replace(/^(\w{3})\w*/, '$1')}`, 380, 180);
      doc.text(`Program: ${v.title}`, 72, 210);
      doc.text(`Hours: ${Math.round(v.amount * 10)}`, 380, 210);
      doc.text(`Activity ID: ${v.code}`, 72, 240);
      return {
        document: 'course-certificate',
        name: v.name,
        title: v.title,
        provider: v.provider,
        completed: v.completed,
        contactHours: Math.round(v.amount * 10),
        approvalCode: v.code,
      };
    },
  },
  {
    id: 'F credit-style, CECs awarded',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(18).text(v.provider.toUpperCase(), { align: 'center' });
      font(doc);
      doc.fontSize(14).text('Continuing Education Credit', { align: 'center' }).moveDown(2);
      doc.fontSize(22).text(v.name, { align: 'center' });
      doc.fontSize(12).text('has completed', { align: 'center' });
      doc.fontSize(18).text(v.title, { align: 'center' }).moveDown();
      doc.fontSize(12).text(`Completion Date: ${shortUs(v.completed)}`, { align: 'center' });
      doc.text(`Approval Code: ${v.code}`, { align: 'center' });
      doc.text(`CECs Awarded: ${v.amount}`, { align: 'center' });
      return {
        document: 'course-certificate',
        name: v.name,
        title: v.title,
        provider: v.provider,
        completed: v.completed,
        ceus: v.amount,
        approvalCode: v.code,
      };
    },
  },
  {
    id: 'G Red Cross card',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(20).text('American Red Cross', 72, 72);
      font(doc);
      doc.fontSize(16).text('Adult CPR/AED', 72, 110);
      doc.fontSize(12).text(v.name, 72, 150);
      doc.text(`Date Completed: ${shortUs(v.completed)}`, 72, 180);
      doc.text('Valid For: 2 Years', 72, 200);
      doc.text(`Expires: ${shortUs(plusYears(v.completed, 2))}`, 72, 220);
      doc.text('Blended learning: online session and in-person skills session', 72, 250);
      doc.text(`Certificate ID: ${v.code}`, 72, 280);
      return {
        document: 'cpr-aed-card',
        name: v.name,
        provider: 'American Red Cross',
        completed: v.completed,
        expires: plusYears(v.completed, 2),
        adultCpr: true,
        aed: true,
        handsOn: true,
      };
    },
  },
  {
    id: 'H American Heart Association eCard',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(20).text('BLS Provider', 72, 72);
      font(doc);
      doc.fontSize(14).text(v.name, 72, 120);
      doc
        .fontSize(11)
        .text(
          'has successfully completed the cognitive and skills evaluations in accordance with the curriculum of the American Heart Association Basic Life Support (CPR and AED) Program.',
          72,
          150,
          { width: 450 },
        );
      doc.text(`Issue Date ${shortUs(v.completed)}`, 72, 230);
      doc.text(`Recommended Renewal Date ${monthYear(plusYears(v.completed, 2))}`, 300, 230);
      doc.text('Training Center: Downtown Fitness Club', 72, 270);
      return {
        document: 'cpr-aed-card',
        name: v.name,
        provider: 'American Heart Association',
        completed: v.completed,
        expires: endOfMonth(plusYears(v.completed, 2)),
        adultCpr: true,
        aed: true,
        handsOn: true,
      };
    },
  },
  {
    id: 'I label above its value, hours earned',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(24).text('Certificate of Continuing Education', { align: 'left' }).moveDown();
      font(doc);
      doc.fontSize(11).text('Awarded to:');
      doc.fontSize(18).text(v.name).moveDown(0.5);
      doc.fontSize(11).text('For successful completion of');
      doc.fontSize(16).text(v.title).moveDown();
      doc.fontSize(11).text(`Completed on ${shortUs(v.completed)}`);
      doc.text(`Contact Hours Earned: ${Math.round(v.amount * 10)}`);
      doc.text(`Sponsor: ${v.provider}`);
      doc.text(`Course Number: ${v.code}`);
      return {
        document: 'course-certificate',
        name: v.name,
        title: v.title,
        provider: v.provider,
        completed: v.completed,
        contactHours: Math.round(v.amount * 10),
        approvalCode: v.code,
      };
    },
  },
  {
    id: 'J National Safety Council card, online only',
    heldOut: true,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(18).text('National Safety Council', 72, 72);
      font(doc);
      doc.fontSize(14).text('First Aid, CPR & AED — Adult', 72, 100);
      doc.fontSize(12).text(`Card holder: ${v.name}`, 72, 140);
      doc.text(`Course completed: ${v.completed}`, 72, 165);
      doc.text(`Valid through: ${plusYears(v.completed, 2)}`, 72, 190);
      doc.text('Online course only — no hands-on skills session', 72, 215);
      return {
        document: 'cpr-aed-card',
        name: v.name,
        provider: 'National Safety Council',
        completed: v.completed,
        expires: plusYears(v.completed, 2),
        adultCpr: true,
        aed: true,
        handsOn: false,
      };
    },
  },
  {
    id: 'K wallet card with a course line and a code',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(16).text(v.provider, 72, 72);
      font(doc);
      doc.fontSize(11).text('Continuing Education Record', 72, 96);
      doc.text(`Learner: ${v.name}`, 72, 130);
      doc.text(`Course name: ${v.title}`, 72, 150);
      doc.text(`Date of completion: ${european(v.completed)}`, 72, 170);
      doc.text(`CEUs awarded: ${v.amount}`, 72, 190);
      doc.text(`Course ID: ${v.code}`, 72, 210);
      return {
        document: 'course-certificate',
        name: v.name,
        title: v.title,
        provider: v.provider,
        completed: v.completed,
        ceus: v.amount,
        approvalCode: v.code,
      };
    },
  },
  {
    id: 'L statement of attendance, dates written out',
    heldOut: true,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(20).text('Statement of Attendance', 72, 80);
      font(doc);
      doc.fontSize(12).text(`Attendee: ${v.name}`, 72, 130);
      doc.text(`Workshop: ${v.title}`, 72, 155);
      doc.text(`Presented by ${v.provider}`, 72, 180);
      doc.text(`Attended on ${longUs(v.completed)}`, 72, 205);
      doc.text(`Continuing education units: ${v.amount}`, 72, 230);
      doc.text(`Provider course code ${v.code}`, 72, 255);
      doc.fontSize(9).text(`Document generated ${longUs('2026-11-20')}`, 72, 700);
      return {
        document: 'course-certificate',
        name: v.name,
        title: v.title,
        provider: v.provider,
        completed: v.completed,
        ceus: v.amount,
        approvalCode: v.code,
      };
    },
  },
  {
    id: 'M Red Cross digital certificate, two columns',
    heldOut: true,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(18).text('Adult First Aid/CPR/AED', 72, 72);
      font(doc);
      doc.fontSize(12).text('American Red Cross Training Services', 72, 100);
      doc.text(v.name, 72, 140);
      doc.text('Date Completed', 72, 180);
      doc.text(shortUs(v.completed), 300, 180);
      doc.text('Valid For', 72, 200);
      doc.text('2 Years', 300, 200);
      doc.text('Certificate ID', 72, 220);
      doc.text(v.code, 300, 220);
      doc.text('Blended learning course with in-person skills session', 72, 250);
      return {
        document: 'cpr-aed-card',
        name: v.name,
        provider: 'American Red Cross',
        completed: v.completed,
        expires: plusYears(v.completed, 2),
        adultCpr: true,
        aed: true,
        handsOn: true,
      };
    },
  },
];

export interface CorpusEntry {
  id: string;
  heldOut: boolean;
  pdf: string;
  expected: Expected;
}

/** A course by NASM itself is a NASM course (approval "nasm"), stated or not. */
function withApproval(expected: Expected): Expected {
  if (expected.approval || expected.document !== 'course-certificate') return expected;
  return expected.provider === 'National Academy of Sports Medicine' ? { ...expected, approval: 'nasm' } : expected;
}

/** Writes every layout × variant as a PDF into `dir`. */
export async function writeCorpus(dir: string, variants = VARIANTS, layouts = LAYOUTS, prefix = 'layout'): Promise<CorpusEntry[]> {
  const entries: CorpusEntry[] = [];
  for (const [l, layout] of layouts.entries()) {
    for (const [i, variant] of variants.entries()) {
      const doc = new PDFDocument({ size: 'LETTER', margin: 72 });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      const done = new Promise<void>((resolve) => doc.on('end', resolve));
      const expected = withApproval(layout.draw(doc, variant));
      doc.end();
      await done;
      const pdf = join(dir, `${prefix}-${l}-${i}.pdf`);
      writeFileSync(pdf, Buffer.concat(chunks));
      entries.push({ id: `${layout.id} / ${variant.name}`, heldOut: layout.heldOut, pdf, expected });
    }
  }
  return entries;
}

/** A phone's photo of a certificate: rendered at 150 dpi, turned a little, with sensor noise. */
export interface PhotoOptions {
  degrees: number;
  seed: number;
  exifOrientation6?: boolean;
  /** A shadow across the page: the left part darkened up to 45 %. */
  shadow?: boolean;
  /** Low light: the page's brightness scaled (0.55 = a dim room), its contrast with it. */
  light?: number;
}

export function photoOf(pdf: string, out: string, options: PhotoOptions): string {
  const base = out.replace(/\.\w+$/, '');
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', pdf, base]);
  const page = PNG.sync.read(readFileSync(`${base}.png`));
  const { width, height } = page;
  const angle = (options.degrees * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  let state = options.seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  // Turned about the centre (nearest pixel, white outside), slightly grey paper, noise on every pixel.
  const turned = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x - width / 2;
      const dy = y - height / 2;
      const sx = Math.round(cos * dx + sin * dy + width / 2);
      const sy = Math.round(-sin * dx + cos * dy + height / 2);
      const inside = sx >= 0 && sy >= 0 && sx < width && sy < height;
      const from = (sy * width + sx) * 4;
      const shade = options.shadow ? 1 - 0.45 * Math.max(0, 1 - x / (width * 0.6)) : 1;
      const light = options.light ?? 1;
      for (let c = 0; c < 3; c++) {
        const value = inside ? (page.data[from + c] ?? 255) : 255;
        const lit = (value * 0.92 + 8) * shade * light;
        turned[(y * width + x) * 4 + c] = Math.max(0, Math.min(255, lit + (random() - 0.5) * 50));
      }
      turned[(y * width + x) * 4 + 3] = 255;
    }
  }
  if (!options.exifOrientation6) {
    const png = new PNG({ width, height });
    turned.copy(png.data);
    writeFileSync(`${base}.png`, PNG.sync.write(png));
    return `${base}.png`;
  }
  // Stored sideways (as a phone held in portrait stores it) with EXIF orientation 6 saying "turn right".
  const sideways = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) turned.copy(sideways, ((width - 1 - x) * height + y) * 4, (y * width + x) * 4, (y * width + x) * 4 + 4);
  const encoded = jpeg.encode({ data: sideways, width: height, height: width }, 85).data;
  writeFileSync(`${base}.jpg`, withExifOrientation(encoded, 6));
  return `${base}.jpg`;
}

/** Inserts an APP1 Exif segment holding only an orientation tag after the JPEG's SOI marker. */
function withExifOrientation(jpegBytes: Uint8Array, orientation: number): Buffer {
  const tiff = Buffer.from([
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x01,
    0x01,
    0x12,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    orientation,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
  ]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  return Buffer.concat([Buffer.from(jpegBytes.subarray(0, 2)), header, payload, Buffer.from(jpegBytes.subarray(2))]);
}

// The wider training corpus (issue 27): layouts modelled on real documents the finders were tuned on —
// several bodies' course certificates, webinar attendance, a university CE transcript, a provider's
// transcript, AHA / ASHI / Red Cross cards, an invoice that is not a certificate, Spanish and European
// dates, dot leaders, a title with a colon above a signature line. The held-out layouts are in
// corpus-held-out.ts, written after these finders were frozen.
import {
  endOfMonth,
  european,
  font,
  longUs,
  MONTHS,
  monthYear,
  parts,
  plusYears,
  row,
  shortUs,
  type Doc,
  type Layout,
  type Variant,
} from './certificates';

const spanishMonths = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];
export const spanish = (iso: string) => {
  const [y, m, d] = parts(iso);
  return `${d} de ${spanishMonths[m - 1]} de ${y}`;
};
export const dayFirst = (iso: string, separator = '/') => {
  const [y, m, d] = parts(iso);
  return `${String(d).padStart(2, '0')}${separator}${String(m).padStart(2, '0')}${separator}${y}`;
};
export const shortMonth = (iso: string) => {
  const [y, m, d] = parts(iso);
  return `${(MONTHS[m - 1] ?? '').slice(0, 3)} ${d}, ${y}`;
};
/** Another course on a transcript: a week before, with its own title, amount and code. */
export function earlier(v: Variant, n: number): { title: string; completed: string; amount: number; code: string } {
  const titles = ['Nutrition Fundamentals', 'Program Design for Athletes', 'Functional Training Essentials', 'Aging and Exercise'];
  const [y, m, d] = parts(v.completed);
  const date = new Date(Date.UTC(y, m - 1, d - 9 * n));
  const iso = date.toISOString().slice(0, 10);
  return {
    title: titles[n % titles.length] ?? 'Course',
    completed: iso,
    amount: [0.2, 0.4, 0.6, 0.3][n % 4] ?? 0.2,
    code: `TR-${100 + n * 7}`,
  };
}
const signature = (doc: Doc, x: number, y: number, label: string, person?: string) => {
  doc.fontSize(10).text('________________________', x, y);
  if (person) doc.text(person, x, y + 14);
  doc.text(label, x, y + (person ? 28 : 14));
};

export const WIDE_LAYOUTS: Layout[] = [
  {
    id: 'N capitals heading, colon title, approved by NASM, signature line',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(28).text('CERTIFICATE OF COMPLETION', 72, 80, { align: 'center' });
      font(doc);
      doc.fontSize(12).text('This certifies that', 72, 140, { align: 'center' });
      doc.fontSize(26).text(v.name, 72, 165, { align: 'center' });
      doc.fontSize(12).text('has successfully completed', 72, 210, { align: 'center' });
      doc.fontSize(18).text(`${v.title}: Principles and Practice`, 72, 235, { align: 'center' });
      doc.fontSize(12).text(`Completion Date: ${longUs(v.completed)}`, 72, 290, { align: 'center' });
      doc.text(`This course is approved for ${v.amount} CEUs by NASM.`, 72, 310, { align: 'center' });
      doc.text(`NASM Approved Provider course #${v.code}`, 72, 330, { align: 'center' });
      signature(doc, 72, 420, 'Authorized signature');
      doc.fontSize(12).text(v.provider, 300, 430, { width: 280 });
      return {
        document: 'course-certificate',
        name: v.name,
        title: `${v.title}: Principles and Practice`,
        provider: v.provider,
        completed: v.completed,
        ceus: v.amount,
        approvalCode: v.code,
        approval: v.provider === 'National Academy of Sports Medicine' ? 'nasm' : 'approved-provider',
      };
    },
  },
  {
    id: 'O webinar attendance, presenter, quoted title',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(24).text('WEBINAR ATTENDANCE', 72, 80);
      font(doc);
      doc.fontSize(12).text(`This confirms that ${v.name} attended the live webinar`, 72, 130);
      doc.fontSize(16).text(`“${v.title}”`, 72, 150);
      doc.fontSize(12).text(`presented by ${v.provider} on ${longUs(v.completed)}.`, 72, 175);
      doc.text(`Contact hours: ${Math.round(v.amount * 10)}`, 72, 210);
      doc.text('Presenter: Dr. Alex Moore', 72, 230);
      return {
        document: 'course-certificate',
        name: v.name,
        title: v.title,
        provider: v.provider,
        completed: v.completed,
        contactHours: Math.round(v.amount * 10),
      };
    },
  },
  {
    id: 'P university CE transcript, a table of three courses',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(16).text('Western State University', 72, 60);
      font(doc);
      doc.fontSize(12).text('Office of Continuing Education — Transcript', 72, 82);
      const [last, ...first] = v.name.split(' ').reverse();
      doc.text(`Student: ${last}, ${first.reverse().join(' ')}`, 72, 120);
      doc.text('Student ID: 20417', 350, 120);
      font(doc, true);
      doc.fontSize(11).text('Code', 72, 170).text('Course Title', 150, 170).text('Completed', 390, 170).text('CEUs', 490, 170);
      font(doc);
      const courses = [
        {
          title: v.title,
          completed: v.completed,
          amount: v.amount,
          code: `${v.code
            .replace(/[^A-Z]/gi, '')
            .toUpperCase()
            .slice(0, 3)}-501`,
        },
        earlier(v, 1),
        earlier(v, 2),
      ];
      courses.forEach((c, i) => {
        const y = 195 + i * 22;
        doc.text(c.code, 72, y).text(c.title, 150, y).text(shortUs(c.completed), 390, y).text(String(c.amount), 490, y);
      });
      doc.text('Total CEUs', 390, 270).text(String(courses.reduce((t, c) => Math.round((t + c.amount) * 10) / 10, 0)), 490, 270);
      doc.fontSize(9).text('Printed 12/01/2026', 72, 700);
      return {
        document: 'transcript',
        name: v.name,
        provider: 'Western State University',
        courses: courses.map((c) => ({ title: c.title, completed: c.completed, ceus: c.amount, approvalCode: c.code })),
      };
    },
  },
  {
    id: 'Q provider transcript in blocks',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(18).text(v.provider, 72, 60);
      font(doc);
      doc.fontSize(13).text('Course History', 72, 88);
      doc.fontSize(11).text(`Name: ${v.name}`, 72, 120);
      const courses = [{ title: v.title, completed: v.completed, amount: v.amount, code: v.code }, earlier(v, 1)];
      courses.forEach((c, i) => {
        const y = 160 + i * 90;
        doc.text(`Course: ${c.title}`, 72, y);
        doc.text(`Completed: ${shortUs(c.completed)}`, 72, y + 18);
        doc.text(`CEUs: ${c.amount}`, 72, y + 36);
        doc.text(`Course Code: ${c.code}`, 72, y + 54);
      });
      return {
        document: 'transcript',
        name: v.name,
        provider: v.provider,
        courses: courses.map((c) => ({ title: c.title, completed: c.completed, ceus: c.amount, approvalCode: c.code })),
      };
    },
  },
  {
    id: 'R AHA eCard, dates under their labels, instructor and training centre',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(20).text('Heartsaver CPR AED', 72, 72);
      font(doc);
      doc.fontSize(10).text('American Heart Association', 72, 98);
      doc.fontSize(16).text(v.name, 72, 130);
      doc
        .fontSize(10)
        .text('has successfully completed the cognitive and skills evaluations in accordance with the curriculum of the', 72, 155, {
          width: 460,
        });
      doc.text('American Heart Association Heartsaver CPR AED (Adult) Program.', 72, 180);
      doc.text('Issue Date', 72, 215).text('Recommended Renewal Date', 300, 215);
      doc.text(shortUs(v.completed), 72, 230).text(monthYear(plusYears(v.completed, 2)), 300, 230);
      doc.text('Training Center Name', 72, 265).text('Instructor Name', 300, 265);
      doc.text('Downtown Fitness Club', 72, 280).text('Pat Jones', 300, 280);
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
    id: 'S ASHI card, instructor above the holder',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(16).text('American Safety & Health Institute', 72, 72);
      font(doc);
      doc.fontSize(13).text('Adult CPR and AED', 72, 96);
      doc.fontSize(10).text('Instructor: Jordan Blake', 72, 125);
      doc.fontSize(10).text('Certified:', 72, 150);
      doc.fontSize(14).text(v.name, 72, 164);
      doc.fontSize(10).text(`Date of Issue: ${shortUs(v.completed)}`, 72, 195);
      doc.text(`Expiration Date: ${shortUs(plusYears(v.completed, 2))}`, 72, 212);
      doc.text('Skills evaluated in person by an authorized instructor.', 72, 235);
      return {
        document: 'cpr-aed-card',
        name: v.name,
        provider: 'American Safety & Health Institute',
        completed: v.completed,
        expires: plusYears(v.completed, 2),
        adultCpr: true,
        aed: true,
        handsOn: true,
      };
    },
  },
  {
    id: 'T invoice for a course (not a certificate)',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(24).text('INVOICE', 72, 72);
      font(doc);
      doc.fontSize(11).text(`Invoice date: ${shortUs(v.completed)}`, 72, 110);
      doc.text(`Bill to: ${v.name}`, 72, 130);
      doc.text(`Course: ${v.title} (${v.amount} CEUs)`, 72, 170);
      doc.text('Subtotal $149.00', 72, 200);
      doc.text('Amount due $149.00', 72, 220);
      doc.text(v.provider, 72, 260);
      return { document: 'unknown' };
    },
  },
  {
    id: 'U Spanish certificate, day-first dates',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(24).text('CERTIFICADO DE FINALIZACIÓN', 72, 80, { align: 'center' });
      font(doc);
      doc.fontSize(12).text('Se certifica que', 72, 140, { align: 'center' });
      doc.fontSize(22).text(v.name, 72, 160, { align: 'center' });
      doc.fontSize(12).text('ha completado satisfactoriamente el curso', 72, 200, { align: 'center' });
      doc.fontSize(17).text(v.title, 72, 220, { align: 'center' });
      doc.fontSize(12).text(`Fecha: ${dayFirst(v.completed)}`, 72, 270, { align: 'center' });
      doc.text(`Duración: ${Math.round(v.amount * 10)} horas`, 72, 290, { align: 'center' });
      doc.text(`Impartido por: ${v.provider}`, 72, 310, { align: 'center' });
      return {
        document: 'course-certificate',
        name: v.name,
        title: v.title,
        provider: v.provider,
        completed: v.completed,
        contactHours: Math.round(v.amount * 10),
      };
    },
  },
  {
    id: 'V dot leaders, European dotted date',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(20).text('Record of Continuing Education', 72, 72);
      font(doc);
      doc.fontSize(12);
      doc.text(`Participant .................... ${v.name}`, 72, 130);
      doc.text(`Course ......................... ${v.title}`, 72, 152);
      doc.text(`Provider ....................... ${v.provider}`, 72, 174);
      doc.text(`Date ........................... ${dayFirst(v.completed, '.')}`, 72, 196);
      doc.text(`CEUs ........................... ${v.amount}`, 72, 218);
      return { document: 'course-certificate', name: v.name, title: v.title, provider: v.provider, completed: v.completed, ceus: v.amount };
    },
  },
  {
    id: 'W ACE-approved, provider number, CECs in the sentence',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(22).text(v.provider, 72, 72);
      font(doc);
      doc.fontSize(14).text('Certificate of Completion', 72, 104);
      doc.fontSize(12).text(`Awarded to: ${v.name}`, 72, 150);
      doc.text(`for completing ${v.title}`, 72, 172);
      doc.text(`on ${shortMonth(v.completed)}`, 72, 194);
      doc.text(`This ACE-approved course awards ${v.amount} CECs. ACE Provider #${v.code}`, 72, 230);
      return {
        document: 'course-certificate',
        name: v.name,
        title: v.title,
        provider: v.provider,
        completed: v.completed,
        ceus: v.amount,
        approvalCode: v.code,
        approval: v.provider === 'National Academy of Sports Medicine' ? 'nasm' : 'approved-provider',
      };
    },
  },
  {
    id: 'X Red Cross, valid for two years, table rows',
    heldOut: false,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(18).text('American Red Cross', 72, 72);
      font(doc);
      doc.fontSize(14).text('Adult CPR/AED — Blended Learning', 72, 98);
      row(doc, 'Participant', v.name, 140);
      row(doc, 'Date Completed', european(v.completed), 162);
      row(doc, 'Valid For', 'Two Years', 184);
      row(doc, 'Instructor', 'Morgan Ellis', 206);
      doc.text('Includes an in-person skills session.', 72, 240);
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

// The held-out corpus: layouts written after the finders were frozen (commit "Scan: labels as whole
// phrases, approval, transcripts; finders frozen"), never tuned for. Their figure is the honest one.
import { endOfMonth, european, font, longUs, monthYear, plusYears, row, shortUs, type Layout } from './certificates';
import { dayFirst, earlier, shortMonth, spanish } from './corpus-wide';

export const HELD_OUT_LAYOUTS: Layout[] = [
  {
    id: 'H1 NSCA-style CEU certificate, approved provider line',
    heldOut: true,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(22).text('Certificate of Continuing Education', 72, 80);
      font(doc);
      doc.fontSize(12).text(`Presented to ${v.name}`, 72, 130);
      doc.text(`Course Title: ${v.title}`, 72, 155);
      doc.text(`Date Completed: ${shortUs(v.completed)}`, 72, 180);
      doc.text(`CEUs Awarded: ${v.amount}`, 72, 205);
      doc.text(`Provider: ${v.provider}`, 72, 230);
      doc.text(`NSCA Approved Provider — Course Code ${v.code}`, 72, 255);
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
    id: 'H2 ACSM-style CEC record, label column',
    heldOut: true,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(18).text(v.provider, 72, 60);
      font(doc);
      doc.fontSize(13).text('Continuing Education Credit Record', 72, 86);
      row(doc, 'Name', v.name, 130);
      row(doc, 'Program', v.title, 152);
      row(doc, 'Completion Date', longUs(v.completed), 174);
      row(doc, 'CECs', String(v.amount * 10), 196);
      row(doc, 'Program Number', v.code, 218);
      return {
        document: 'course-certificate',
        name: v.name,
        title: v.title,
        provider: v.provider,
        completed: v.completed,
        ceus: v.amount * 10,
        approvalCode: v.code,
      };
    },
  },
  {
    id: 'H3 webinar certificate in capitals, offered by',
    heldOut: true,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(26).text('CERTIFICATE OF ATTENDANCE', 72, 80, { align: 'center' });
      font(doc);
      doc.fontSize(12).text('is hereby awarded to', 72, 130, { align: 'center' });
      doc.fontSize(22).text(v.name, 72, 150, { align: 'center' });
      doc.fontSize(12).text('for attending the webinar', 72, 190, { align: 'center' });
      doc.fontSize(16).text(v.title, 72, 210, { align: 'center' });
      doc.fontSize(12).text(`offered by ${v.provider}`, 72, 240, { align: 'center' });
      doc.text(`Webinar Date: ${shortMonth(v.completed)}`, 72, 270, { align: 'center' });
      doc.text(`${Math.round(v.amount * 10)} Contact Hours`, 72, 290, { align: 'center' });
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
    id: 'H4 provider transcript table with hours',
    heldOut: true,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(18).text(v.provider, 72, 60);
      font(doc);
      doc.fontSize(12).text('Learner Transcript', 72, 86);
      doc.text(`Learner: ${v.name}`, 72, 120);
      font(doc, true);
      doc.fontSize(11).text('Course', 72, 165).text('Date', 330, 165).text('Hours', 460, 165);
      font(doc);
      const courses = [
        { title: v.title, completed: v.completed, hours: Math.round(v.amount * 10) },
        ...[1, 2, 3].map((n) => ({ ...earlier(v, n), hours: n + 1 })),
      ];
      courses.forEach((c, i) => {
        const y = 188 + i * 20;
        doc.text(c.title, 72, y).text(shortUs(c.completed), 330, y).text(String(c.hours), 460, y);
      });
      return {
        document: 'transcript',
        name: v.name,
        provider: v.provider,
        courses: courses.map((c) => ({ title: c.title, completed: c.completed, contactHours: c.hours })),
      };
    },
  },
  {
    id: 'H5 AHA BLS eCard, holder labelled, instructor and TC',
    heldOut: true,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(18).text('BLS Provider', 72, 70);
      font(doc);
      doc.fontSize(10).text('American Heart Association', 72, 94);
      doc.fontSize(12).text(`Holder: ${v.name}`, 72, 125);
      doc
        .fontSize(10)
        .text(
          'This card holder has successfully completed the cognitive and skills evaluations of the BLS (CPR and AED) Program.',
          72,
          145,
          { width: 460 },
        );
      doc.text(`Issue Date: ${shortUs(v.completed)}`, 72, 185);
      doc.text(`Renew By: ${monthYear(plusYears(v.completed, 2))}`, 300, 185);
      doc.text('Training Center: Harbor CPR Services', 72, 210);
      doc.text('Instructor: Riley Chen', 72, 228);
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
    id: 'H6 NSC card, date of expiration, online only',
    heldOut: true,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(16).text('National Safety Council', 72, 70);
      font(doc);
      doc.fontSize(12).text('Adult CPR & AED', 72, 94);
      doc.text(v.name, 72, 130);
      doc.text(`Date of Completion: ${european(v.completed)}`, 72, 155);
      doc.text(`Date of Expiration: ${european(plusYears(v.completed, 2))}`, 72, 175);
      doc.text('Online only course: no hands-on skills session was completed.', 72, 200);
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
    id: 'H7 Red Cross certificate, valid for 2 years in a sentence',
    heldOut: true,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(18).text('American Red Cross', 72, 70);
      font(doc);
      doc.fontSize(13).text('Certificate of Completion', 72, 96);
      doc.fontSize(12).text(`${v.name} has successfully completed requirements for`, 72, 130);
      doc.text('Adult CPR/AED (in-person skills session)', 72, 150);
      doc.text(`Date Completed ${shortUs(v.completed)}`, 72, 180);
      doc.text('Valid for 2 years', 72, 200);
      doc.text('Instructor: Casey Park', 72, 225);
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
    id: 'H8 Spanish certificate, written-out date, créditos',
    heldOut: true,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(22).text('CERTIFICADO DE PARTICIPACIÓN', 72, 80, { align: 'center' });
      font(doc);
      doc.fontSize(12).text('Otorgado a', 72, 130, { align: 'center' });
      doc.fontSize(20).text(v.name, 72, 150, { align: 'center' });
      doc.fontSize(12).text(`por haber completado el curso ${v.title}`, 72, 190, { align: 'center' });
      doc.text(`Emitido por: ${v.provider}`, 72, 215, { align: 'center' });
      doc.text(`Fecha de finalización: ${spanish(v.completed)}`, 72, 240, { align: 'center' });
      doc.text(`Duración: ${Math.round(v.amount * 10)} horas`, 72, 260, { align: 'center' });
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
    id: 'H9 European workshop certificate, dotted date, sponsored by',
    heldOut: true,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(22).text('Workshop Certificate', 72, 80);
      font(doc);
      doc.fontSize(12).text(`Name of participant: ${v.name}`, 72, 130);
      doc.text(`Workshop title: ${v.title}`, 72, 152);
      doc.text(`Sponsored by ${v.provider}`, 72, 174);
      doc.text(`Held on ${dayFirst(v.completed, '.')}`, 72, 196);
      doc.text(`Credit hours: ${Math.round(v.amount * 10)}`, 72, 218);
      doc.text('Course director', 350, 300);
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
    id: 'H10 receipt for a workshop (not a certificate)',
    heldOut: true,
    draw(doc, v) {
      font(doc, true);
      doc.fontSize(20).text('Receipt', 72, 72);
      font(doc);
      doc.fontSize(11).text(`Date: ${shortUs(v.completed)}`, 72, 110);
      doc.text(`Customer: ${v.name}`, 72, 128);
      doc.text(`Workshop registration: ${v.title}`, 72, 160);
      doc.text('Total paid $89.00', 72, 185);
      doc.text('Payment method: card', 72, 203);
      return { document: 'unknown' };
    },
  },
];

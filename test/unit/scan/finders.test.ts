// Each finder on the faults issue 27 found beyond the layouts the finders were first written for:
// labels as whole phrases (the most specific wins), headings and signatories that are not the holder,
// a provider named "presented by", a title with a colon, dot leaders, "Valid For: 2 Years", invoices,
// the approval, and transcripts.
import { describe, expect, it } from 'vitest';
import {
  findApproval,
  findApprovalCode,
  findCompleted,
  findExpires,
  findFields,
  findName,
  findProvider,
  findTitle,
} from '../../../main/core/scan/fields';
import type { TextLine } from '../../../main/core/scan/lines';

const lines = (...texts: string[]): TextLine[] =>
  texts.map((text, i) => ({ text, x: 72, y: 72 + i * 20, height: 12, page: 1, confidence: 1 }));
/** Cells of a table: [text, x, y, width]. */
const cells = (...parts: [string, number, number, number][]): TextLine[] =>
  parts.map(([text, x, y, width]) => ({ text, x, y, width, height: 10, page: 1, confidence: 1 }));

describe('dates by whole labels, the most specific winning', () => {
  it('"Expiration Date" is an expiry label, not the completion label "Date" inside it', () => {
    const card = lines('Adult CPR AED', 'Issue Date: 4/17/2025', 'Expiration Date: 4/17/2027');
    expect(findExpires(card)?.value).toBe('2027-04-17');
    expect(findCompleted(card)?.value).toBe('2025-04-17');
    for (const label of ['Date of Expiration', 'Valid Through', 'Recommended Renewal Date', 'Expiry Date'])
      expect(findExpires(lines(`${label}: 4/17/2027`))?.value, label).toBe('2027-04-17');
    expect(findCompleted(lines('Expiration Date: 4/17/2027'))).toBeNull();
  });

  it('"Date" alone is the weakest completion label: a specific one wins wherever it stands', () => {
    expect(findCompleted(lines('Date: 1/5/2026', 'Date Completed: 3/14/2026'))?.value).toBe('2026-03-14');
    expect(findCompleted(lines('Date of Birth: 4/2/1990', 'Date: 3/14/2026'))?.value).toBe('2026-03-14');
  });

  it('a header row above its values labels each value by its column', () => {
    const table = cells(
      ['Issue Date', 72, 100, 60],
      ['Expiration Date', 300, 100, 80],
      ['6/1/2025', 72, 115, 50],
      ['6/1/2027', 300, 115, 50],
    );
    expect(findCompleted(table)?.value).toBe('2025-06-01');
    expect(findExpires(table)?.value).toBe('2027-06-01');
  });

  it('"Valid For: 2 Years" gives the expiry from the completion date', () => {
    const card = lines('American Red Cross', 'Adult CPR/AED', 'Date Completed: 3/14/2026', 'Valid For: 2 Years');
    expect(findExpires(card, 'month-first', '2026-03-14')?.value).toBe('2028-03-14');
    expect(findFields(card).fields.expires?.value).toBe('2028-03-14');
    expect(findExpires(lines('Date Completed: 3/14/2026'), 'month-first', '2026-03-14')).toBeNull();
  });

  it('a Spanish document reads its slashed dates day first', () => {
    const found = findFields(
      lines(
        'Certificado de finalización',
        'Se certifica que Ana Gómez',
        'ha completado el curso Yoga Terapéutico',
        'Fecha: 02/03/2026',
        'Duración: 8 horas',
      ),
    );
    expect(found.fields.completed?.value).toBe('2026-03-02');
    expect(found.fields.contactHours?.value).toBe(8);
  });
});

describe('who the certificate is for', () => {
  it('a heading in capitals is never the name', () => {
    expect(findName(lines('WEBINAR ATTENDANCE', 'Fascia and Movement', 'March 3, 2026'))).toBeNull();
    expect(findName(lines('WEBINAR ATTENDANCE', 'This confirms that Dana Rivera attended'))?.value).toBe('Dana Rivera');
  });

  it("on a card, the instructor's or training centre's name is never the holder", () => {
    expect(findName(lines('Adult CPR AED', 'Instructor: Jordan Blake', 'Certified:', 'Sam Lee'))?.value).toBe('Sam Lee');
    expect(findName(lines('Heartsaver CPR AED', 'Instructor Name', 'Pat Jones', 'Issue Date 6/1/2025'))).toBeNull();
    expect(findName(lines('Adult CPR', 'Pat Jones', 'Lead Instructor', 'Sam Lee', 'has successfully completed'))?.value).toBe('Sam Lee');
  });

  it('the name that begins "… has successfully completed" is the holder; a noun there is not a name', () => {
    expect(findName(lines('American Red Cross', 'Lena Ortiz has successfully completed requirements for', 'Adult CPR/AED'))?.value).toBe(
      'Lena Ortiz',
    );
    expect(findName(lines('Adult CPR', 'The Participant has successfully completed requirements for'))).toBeNull();
    expect(findName(lines('Adult CPR', 'Instructor: Jordan Blake has completed the training'))).toBeNull();
  });

  it('"Last, First" is put in reading order; a credential after the name is not part of it', () => {
    expect(findName(lines('Student: Rivera, Dana'))?.value).toBe('Dana Rivera');
    expect(findName(lines('Participant: Dana Rivera, CPT'))?.value).toBe('Dana Rivera');
  });
});

describe('what and by whom', () => {
  it('"presented by / offered by / sponsored by X" names the provider, never the title', () => {
    for (const words of ['presented by', 'offered by', 'sponsored by']) {
      const text = lines(
        'Certificate of Attendance',
        'Dana Rivera',
        'has completed',
        'Fascia and Movement',
        `${words} Iron Guild Academy`,
        'March 3, 2026',
      );
      expect(findProvider(text, 'course-certificate')?.value, words).toBe('Iron Guild Academy');
      expect(findTitle(text, 'Dana Rivera', 'Iron Guild Academy')?.value, words).toBe('Fascia and Movement');
    }
    expect(findTitle(lines('Certificate', `presented by Iron Guild Academy`), null, null)).toBeNull();
  });

  it('"for attending the webinar" introduces the title on the next line; it is not the title', () => {
    for (const intro of ['for attending the webinar', 'for participating in the workshop']) {
      const text = lines(
        'CERTIFICATE OF ATTENDANCE',
        'is hereby awarded to',
        'Lena Ortiz',
        intro,
        'Breathing Mechanics Basics',
        'June 2, 2026',
      );
      expect(findTitle(text, 'Lena Ortiz', null)?.value, intro).toBe('Breathing Mechanics Basics');
    }
  });

  it('a title with a colon is the title; a signature line is not', () => {
    const text = lines(
      'CERTIFICATE OF COMPLETION',
      'Dana Rivera',
      'has successfully completed',
      'Pilates Mat: Foundations',
      'Authorized signature ________',
    );
    expect(findTitle(text, 'Dana Rivera', null)?.value).toBe('Pilates Mat: Foundations');
  });

  it('dot leaders are not part of a value', () => {
    const found = findFields(
      lines(
        'Record of Continuing Education',
        'Participant ........ Dana Rivera',
        'Course .......... Core Stability',
        'Date ........ 3/14/2026',
        'CEUs ....... 0.5',
      ),
    );
    expect(found.fields).toMatchObject({
      name: { value: 'Dana Rivera' },
      title: { value: 'Core Stability' },
      completed: { value: '2026-03-14' },
      ceus: { value: 0.5 },
    });
  });

  it('an invoice for a course is not a course certificate', () => {
    const invoice = findFields(
      lines('INVOICE', 'Invoice date: 3/14/2026', 'Bill to: Dana Rivera', 'Course: Core Stability (0.5 CEUs)', 'Amount due $149.00'),
    );
    expect(invoice.document).toBe('unknown');
    expect(Object.values(invoice.fields).every((f) => f === null)).toBe(true);
  });
});

describe('the approval', () => {
  it('reads "NASM Approved Provider", "ACE-approved", "CEP #", "approved for N CEUs by …" with the code', () => {
    const nasm = lines('Certificate of Completion', 'NASM Approved Provider course #PB-2026-114');
    expect(findApproval(nasm, 'Iron Guild Academy')?.value).toBe('approved-provider');
    expect(findApprovalCode(nasm)?.value).toBe('PB-2026-114');
    expect(findApproval(lines('This ACE-approved course awards 0.8 CECs'), null)?.value).toBe('approved-provider');
    expect(findApprovalCode(lines('ACSM CEP #1234-56'))?.value).toBe('1234-56');
    expect(findApproval(lines('This course is approved for 0.5 CEUs by NASM.'), 'Iron Guild Academy')?.value).toBe('approved-provider');
    expect(findApproval(lines('Course completed'), 'National Academy of Sports Medicine')?.value).toBe('nasm');
    expect(findApproval(lines('Course completed'), 'Iron Guild Academy')).toBeNull();
    // An approving body is not the provider.
    expect(
      findProvider(
        lines('Kettlebell Basics', 'Approved by the National Academy of Sports Medicine', 'Iron Guild Academy'),
        'course-certificate',
      )?.value,
    ).toBe('Iron Guild Academy');
  });
});

describe('transcripts', () => {
  it('a table of courses gives one set of fields per course, each with its date and amount', () => {
    const found = findFields(
      cells(
        ['Western State University', 72, 60, 200],
        ['Student: Rivera, Dana', 72, 100, 150],
        ['Code', 72, 140, 30],
        ['Course Title', 150, 140, 80],
        ['Completed', 390, 140, 60],
        ['CEUs', 490, 140, 30],
        ['KIN-501', 72, 160, 45],
        ['Exercise Physiology Update', 150, 160, 180],
        ['3/14/2026', 390, 160, 55],
        ['0.5', 490, 160, 15],
        ['KIN-502', 72, 180, 45],
        ['Nutrition Fundamentals', 150, 180, 150],
        ['2/2/2026', 390, 180, 55],
        ['0.3', 490, 180, 15],
        ['Total CEUs', 390, 200, 60],
        ['0.8', 490, 200, 15],
      ),
    );
    expect(found.document).toBe('transcript');
    expect(found.fields.name?.value).toBe('Dana Rivera');
    expect(found.courses?.map((c) => [c.title?.value, c.completed?.value, c.ceus?.value, c.approvalCode?.value])).toEqual([
      ['Exercise Physiology Update', '2026-03-14', 0.5, 'KIN-501'],
      ['Nutrition Fundamentals', '2026-02-02', 0.3, 'KIN-502'],
    ]);
  });

  it('blocks of course, date and amount give one course each', () => {
    const found = findFields(
      lines(
        'Course History',
        'Name: Dana Rivera',
        'Course: Core Stability',
        'Completed: 3/14/2026',
        'CEUs: 0.5',
        'Course: Aging and Exercise',
        'Completed: 2/2/2026',
        'CEUs: 0.3',
      ),
    );
    expect(found.document).toBe('transcript');
    expect(found.courses?.map((c) => [c.title?.value, c.completed?.value, c.ceus?.value])).toEqual([
      ['Core Stability', '2026-03-14', 0.5],
      ['Aging and Exercise', '2026-02-02', 0.3],
    ]);
  });

  it('one course is a certificate, not a transcript', () => {
    expect(findFields(lines('Course: Core Stability', 'Completed: 3/14/2026', 'CEUs: 0.5')).document).toBe('course-certificate');
  });
});

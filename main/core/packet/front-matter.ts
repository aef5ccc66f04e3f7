// The packet's own pages, drawn with pdfkit: cover, summary table, attestation and manifest.
import { formatDate } from '../dates';
import { formatFigure, petitionFeesText } from '../rules/amounts';
import type { FontSet } from './fonts';
import { bytes, COLORS, createDocument, footer, heightOf, LETTER, MARGIN, rule, write, type Doc } from './pen';
import { table } from './table';
import type { PacketPlan } from './plan';

export interface FrontMatterLayout {
  /** First page (1-based) of each exhibit in the finished packet. */
  exhibitStart: number[];
  totalPages: number;
}

export interface FrontMatter {
  pdf: Buffer;
  pageCount: number;
  /** 0-based page index where each section starts. */
  sections: { cover: number; summary: number; attestation: number; manifest: number };
}

const CONTENT_WIDTH = LETTER.width - 2 * MARGIN;
const BOTTOM = LETTER.height - MARGIN - 10;

/** A figure as the screens print it: the packet and the app never disagree on a number. */
function figure(plan: PacketPlan, value: number): string {
  return formatFigure(value, plan);
}

export function captionOf(plan: PacketPlan): string {
  return `Recert audit packet · ${plan.person.name} · ${plan.credential.shortName}${plan.credential.number ? ` ${plan.credential.number}` : ''}`;
}

function newPage(doc: Doc): void {
  doc.addPage({ size: 'LETTER', margin: MARGIN });
}

function heading(doc: Doc, fonts: FontSet, text: string): void {
  write(doc, fonts, text, MARGIN, MARGIN, { size: 18, bold: true });
  rule(doc, doc.y + 4);
  doc.y += 14;
}

/**
 * Label and value rows. A row is never split across pages: when it would not fit above the bottom
 * margin, `continueOnNewPage` starts a new page (with its heading) before the row is drawn.
 */
function keyValues(doc: Doc, fonts: FontSet, rows: [string, string][], x = MARGIN, labelWidth = 150, continueOnNewPage?: () => void): void {
  const valueWidth = CONTENT_WIDTH - labelWidth - (x - MARGIN);
  const heights = rows.map(([label, value]) =>
    Math.max(heightOf(doc, fonts, label, labelWidth - 8, { size: 10 }), heightOf(doc, fonts, value, valueWidth, { size: 10 })),
  );
  const ROW_GAP = 4;
  rows.forEach(([label, value], i) => {
    const height = heights[i] ?? 0;
    if (continueOnNewPage) {
      // No page holds a single row of a list that spans pages: the first row does not stand alone at
      // the foot of a page, and the last does not stand alone on a page of its own; each takes its
      // neighbour along instead.
      const pair = height + ROW_GAP + (heights[i + 1] ?? 0);
      const alone = (i === 0 && rows.length > 1) || i === rows.length - 2;
      if (doc.y + height > BOTTOM || (alone && doc.y + pair > BOTTOM)) continueOnNewPage();
    }
    const y = doc.y;
    write(doc, fonts, label, x, y, { size: 10, color: COLORS.muted, width: labelWidth - 8 });
    const afterLabel = doc.y;
    write(doc, fonts, value, x + labelWidth, y, { size: 10, width: valueWidth });
    doc.y = Math.max(afterLabel, doc.y) + ROW_GAP;
  });
}

function cover(doc: Doc, fonts: FontSet, plan: PacketPlan, layout: FrontMatterLayout, sections: FrontMatter['sections']): void {
  newPage(doc);
  const unit = plan.unit.plural;
  const c = plan.verdict.ceus;
  write(doc, fonts, 'Continuing-education audit packet', MARGIN, MARGIN, { size: 11, color: COLORS.accent, bold: true });
  write(doc, fonts, plan.person.name, MARGIN, doc.y + 6, { size: 26, bold: true, width: CONTENT_WIDTH });
  write(doc, fonts, `${plan.credential.name} (${plan.credential.shortName})`, MARGIN, doc.y + 4, { size: 13, width: CONTENT_WIDTH });
  write(doc, fonts, plan.credential.body, MARGIN, doc.y + 2, { size: 10, color: COLORS.muted, width: CONTENT_WIDTH });
  rule(doc, doc.y + 10);
  doc.y += 22;

  keyValues(doc, fonts, [
    ['Certification number', plan.credential.number ?? 'not recorded'],
    ['Recertification cycle', `${formatDate(plan.verdict.cycle.start)} – ${formatDate(plan.verdict.cycle.end)}`],
    ['Expiration date', formatDate(plan.verdict.deadlines.expiration)],
    ...(plan.person.email ? ([['E-mail', plan.person.email]] as [string, string][]) : []),
    ...(plan.person.employeeId ? ([['Employee ID', plan.person.employeeId]] as [string, string][]) : []),
    ...(plan.audit.noticeReceived ? ([['Audit notice received', formatDate(plan.audit.noticeReceived)]] as [string, string][]) : []),
    ...(plan.verdict.deadlines.auditDue ? ([['Documents due', formatDate(plan.verdict.deadlines.auditDue)]] as [string, string][]) : []),
    ['Status', plan.statusText],
    ['Generated', `${formatDate(plan.generatedOn)}, evaluated as of ${formatDate(plan.asOf)}`],
  ]);

  doc.y += 10;
  write(doc, fonts, 'Totals', MARGIN, doc.y, { size: 13, bold: true });
  doc.y += 6;
  const totals: [string, string][] = [
    [`Course ${unit}`, `${figure(plan, c.courses)} / ${figure(plan, c.coursesRequired)}`],
    [`CPR/AED`, `${figure(plan, c.cprAed)} / ${figure(plan, c.cprAedRequired)}`],
    [`Total ${unit}`, `${figure(plan, c.total)} / ${figure(plan, c.required)}`],
  ];
  if (c.pending > 0) totals.push([`Pending petitions`, `${figure(plan, c.pending)} ${unit} (not counted)`]);
  const fees = petitionFeesText(plan.verdict.petitionFees, plan.credential);
  if (fees) totals.push(['Petition fees', fees]);
  keyValues(doc, fonts, totals);

  if (plan.blockers.length > 0) {
    doc.y += 8;
    write(doc, fonts, 'Not yet met', MARGIN, doc.y, { size: 11, bold: true, color: COLORS.danger });
    for (const blocker of plan.blockers)
      write(doc, fonts, `• ${blocker.title}`, MARGIN + 8, doc.y + 2, { size: 10, width: CONTENT_WIDTH - 8 });
  }

  doc.y += 14;
  write(doc, fonts, 'Contents', MARGIN, doc.y, { size: 13, bold: true });
  doc.y += 4;
  const contents: [string, string][] = [
    ['Summary of courses', `page ${sections.summary + 1}`],
    ['Attestation', `page ${sections.attestation + 1}`],
    ['Manifest of exhibit files', `page ${sections.manifest + 1}`],
  ];
  plan.exhibits.forEach((exhibit, i) =>
    contents.push([`Exhibit ${exhibit.number}`, `${exhibit.label} — page ${layout.exhibitStart[i] ?? '?'}`]),
  );
  // Every exhibit is listed; a long list continues on the next page under its own heading, and the
  // page numbers above come from a layout pass that already counted those pages.
  keyValues(doc, fonts, contents, MARGIN, 150, () => {
    newPage(doc);
    write(doc, fonts, 'Contents (continued)', MARGIN, MARGIN, { size: 13, bold: true });
    doc.y += 4;
  });
}

function exhibitRefs(numbers: number[], layout: FrontMatterLayout): string {
  return numbers.length === 0 ? 'none attached' : numbers.map((n) => `${n} (p. ${layout.exhibitStart[n - 1] ?? '?'})`).join(', ');
}

function summary(doc: Doc, fonts: FontSet, plan: PacketPlan, layout: FrontMatterLayout): void {
  newPage(doc);
  heading(doc, fonts, 'Summary of courses');
  const continueOnNewPage = () => {
    newPage(doc);
    doc.y = MARGIN;
  };
  const unit = plan.unit.plural;
  const counted = plan.courses.filter((a) => a.counted);
  const notCounted = plan.courses.filter((a) => !a.counted);
  table(
    doc,
    fonts,
    `Counted courses (${counted.length})`,
    [
      { title: 'Completed', width: 60 },
      { title: 'Course', width: 138 },
      { title: 'Provider', width: 82 },
      { title: 'Approval', width: 66 },
      { title: 'Approval code', width: 54 },
      { title: unit, width: 38, align: 'right' },
      { title: 'Exhibit (page)', width: 66 },
    ],
    counted.map((a) => [
      formatDate(a.completed),
      a.title,
      a.provider,
      a.approval,
      a.approvalCode ?? '—',
      figure(plan, a.amount),
      exhibitRefs(a.exhibits, layout),
    ]),
    continueOnNewPage,
  );
  if (notCounted.length > 0) {
    table(
      doc,
      fonts,
      `Courses that do not count (${notCounted.length})`,
      [
        { title: 'Completed', width: 60 },
        { title: 'Course', width: 150 },
        { title: 'Provider', width: 90 },
        { title: unit, width: 38, align: 'right' },
        { title: 'Reason', width: 100 },
        { title: 'Exhibit (page)', width: 66 },
      ],
      notCounted.map((a) => [
        formatDate(a.completed),
        a.title,
        a.provider,
        figure(plan, a.amount),
        a.reasonText,
        exhibitRefs(a.exhibits, layout),
      ]),
      continueOnNewPage,
    );
  }
  if (doc.y + 120 > BOTTOM) continueOnNewPage();
  write(doc, fonts, 'CPR/AED certification', MARGIN, doc.y, { size: 12, bold: true });
  doc.y += 6;
  if (plan.cprAed) {
    const k = plan.cprAed;
    keyValues(doc, fonts, [
      ['Provider', k.provider],
      ['Completed / expires', `${formatDate(k.completed)} / ${formatDate(k.expires)}`],
      [
        'Includes',
        [k.adultCpr ? 'Adult CPR' : null, k.aed ? 'AED' : null, k.handsOn ? 'hands-on skills check' : 'online only']
          .filter(Boolean)
          .join(', '),
      ],
      ['Verdict', k.verdictText],
      ['Exhibit (page)', exhibitRefs(k.exhibits, layout)],
    ]);
  } else {
    write(doc, fonts, 'No CPR/AED card is recorded.', MARGIN, doc.y, { size: 10, color: COLORS.danger });
  }
  doc.y += 10;
  if (doc.y + 80 > BOTTOM) continueOnNewPage();
  write(doc, fonts, 'Totals', MARGIN, doc.y, { size: 12, bold: true });
  doc.y += 6;
  const c = plan.verdict.ceus;
  keyValues(doc, fonts, [
    [`Course ${unit}`, `${figure(plan, c.courses)} of ${figure(plan, c.coursesRequired)} required`],
    ['CPR/AED', `${figure(plan, c.cprAed)} of ${figure(plan, c.cprAedRequired)} required`],
    [`Total ${unit}`, `${figure(plan, c.total)} of ${figure(plan, c.required)} required`],
  ]);
}

function attestation(doc: Doc, fonts: FontSet, plan: PacketPlan): void {
  newPage(doc);
  heading(doc, fonts, 'Attestation');
  const statement =
    `I, ${plan.person.name}, attest that I completed the continuing-education courses listed as counted in this packet, ` +
    `on the dates shown, toward the recertification of my ${plan.credential.name}` +
    `${plan.credential.number ? ` (certification number ${plan.credential.number})` : ''}, that I hold the CPR/AED certification described, ` +
    `and that every exhibit attached is a true and unaltered copy of the original certificate.`;
  write(doc, fonts, statement, MARGIN, doc.y, { size: 11, width: CONTENT_WIDTH, lineGap: 4 });
  doc.y += 60;
  const line = (label: string) => {
    const y = doc.y;
    rule(doc, y, MARGIN, MARGIN + 300, COLORS.text);
    write(doc, fonts, label, MARGIN, y + 4, { size: 9, color: COLORS.muted });
    doc.y = y + 50;
  };
  line('Signature');
  line(`Printed name: ${plan.person.name}`);
  line('Date');
}

function manifest(doc: Doc, fonts: FontSet, plan: PacketPlan): void {
  newPage(doc);
  heading(doc, fonts, 'Manifest of exhibit files');
  write(
    doc,
    fonts,
    'Each exhibit file as stored by Recert, with its size and SHA-256 digest. The same list is attached to this PDF as manifest.json; files that could not be shown as pages are attached under their own names.',
    MARGIN,
    doc.y,
    { size: 9, color: COLORS.muted, width: CONTENT_WIDTH },
  );
  doc.y += 10;
  if (plan.exhibits.length === 0) {
    write(doc, fonts, 'No certificate files are attached to the courses in this packet.', MARGIN, doc.y, { size: 10 });
    return;
  }
  for (const exhibit of plan.exhibits) {
    if (doc.y + 40 > BOTTOM) {
      newPage(doc);
      write(doc, fonts, 'Manifest of exhibit files (continued)', MARGIN, MARGIN, { size: 12, bold: true });
      doc.y += 8;
    }
    const y = doc.y;
    write(doc, fonts, `Exhibit ${exhibit.number}`, MARGIN, y, { size: 9, bold: true, width: 70 });
    write(doc, fonts, `${exhibit.fileName} · ${bytes(exhibit.size)} (${exhibit.size} bytes) · ${exhibit.mediaType}`, MARGIN + 70, y, {
      size: 9,
      width: CONTENT_WIDTH - 70,
    });
    write(doc, fonts, exhibit.sha256, MARGIN + 70, doc.y + 1, { size: 8.5, mono: true, width: CONTENT_WIDTH - 70, color: COLORS.muted });
    doc.y += 8;
  }
}

/** How long the front matter is and where its sections start: drawn, but not written out. */
export type FrontMatterExtent = Omit<FrontMatter, 'pdf'>;

function draw(doc: Doc, fonts: FontSet, plan: PacketPlan, layout: FrontMatterLayout, sections: FrontMatter['sections']): FrontMatterExtent {
  const found = { cover: 0, summary: 0, attestation: 0, manifest: 0 };
  const pageCount = () => doc.bufferedPageRange().count;
  cover(doc, fonts, plan, layout, sections);
  found.summary = pageCount();
  summary(doc, fonts, plan, layout);
  found.attestation = pageCount();
  attestation(doc, fonts, plan);
  found.manifest = pageCount();
  manifest(doc, fonts, plan);
  return { pageCount: pageCount(), sections: found };
}

function frontMatterDocument(plan: PacketPlan, fonts: FontSet) {
  return createDocument(fonts, {
    Title: `Audit packet — ${plan.person.name} — ${plan.credential.shortName}`,
    Author: plan.person.name,
    Subject: `${plan.credential.name} continuing-education records`,
    Creator: 'Recert',
  });
}

/**
 * The first pass, which finds how many pages the front matter takes before its page numbers are
 * known: the same drawing without footers and without writing the PDF (embedding the fonts and
 * compressing would be work thrown away with the draft).
 */
export function measureFrontMatter(
  plan: PacketPlan,
  fonts: FontSet,
  layout: FrontMatterLayout,
  sections: FrontMatter['sections'],
): FrontMatterExtent {
  return draw(frontMatterDocument(plan, fonts).doc, fonts, plan, layout, sections);
}

/** Draws the front matter; the section start pages are known only after a first pass. */
export async function renderFrontMatter(
  plan: PacketPlan,
  fonts: FontSet,
  layout: FrontMatterLayout,
  sections: FrontMatter['sections'],
): Promise<FrontMatter> {
  const { doc, done } = frontMatterDocument(plan, fonts);
  const extent = draw(doc, fonts, plan, layout, sections);
  const caption = captionOf(plan);
  for (let i = 0; i < extent.pageCount; i++) {
    doc.switchToPage(i);
    footer(doc, fonts, LETTER, i + 1, layout.totalPages, caption);
  }
  doc.end();
  return { pdf: await done, ...extent };
}

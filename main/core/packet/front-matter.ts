// The packet's own pages, drawn with pdfkit: cover, summary table, attestation and manifest.
import { formatDate } from '../dates';
import type { FontSet } from './fonts';
import { bytes, COLORS, createDocument, footer, heightOf, LETTER, MARGIN, rule, write, type Doc } from './pen';
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

function amount(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
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

function keyValues(doc: Doc, fonts: FontSet, rows: [string, string][], x = MARGIN, labelWidth = 150): void {
  for (const [label, value] of rows) {
    const y = doc.y;
    write(doc, fonts, label, x, y, { size: 10, color: COLORS.muted, width: labelWidth - 8 });
    const afterLabel = doc.y;
    write(doc, fonts, value, x + labelWidth, y, { size: 10, width: CONTENT_WIDTH - labelWidth - (x - MARGIN) });
    doc.y = Math.max(afterLabel, doc.y) + 4;
  }
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
    [`Course ${unit}`, `${amount(c.courses)} / ${amount(c.coursesRequired)}`],
    [`CPR/AED`, `${amount(c.cprAed)} / ${amount(c.cprAedRequired)}`],
    [`Total ${unit}`, `${amount(c.total)} / ${amount(c.required)}`],
  ];
  if (c.pending > 0) totals.push([`Pending petitions`, `${amount(c.pending)} ${unit} (not counted)`]);
  if (plan.verdict.petitionFees > 0) totals.push(['Petition fees', `$${plan.verdict.petitionFees}`]);
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
    ['Summary of activities', `page ${sections.summary + 1}`],
    ['Attestation', `page ${sections.attestation + 1}`],
    ['Manifest of exhibit files', `page ${sections.manifest + 1}`],
  ];
  plan.exhibits.forEach((exhibit, i) =>
    contents.push([`Exhibit ${exhibit.number}`, `${exhibit.label} — page ${layout.exhibitStart[i] ?? '?'}`]),
  );
  if (contents.length > 3 + 12) {
    contents.splice(3 + 12, contents.length, [`Exhibits 13–${plan.exhibits.length}`, 'see the summary and the manifest']);
  }
  keyValues(doc, fonts, contents, MARGIN, 150);
}

interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

/** A table that continues on new pages, repeating its header. */
function table(doc: Doc, fonts: FontSet, title: string, columns: Column[], rows: string[][], onNewPage: () => void): void {
  const drawHeader = () => {
    let x = MARGIN;
    const y = doc.y;
    let bottom = y;
    for (const column of columns) {
      write(doc, fonts, column.title, x + 2, y, { size: 8, bold: true, color: COLORS.muted, width: column.width - 4, align: column.align });
      bottom = Math.max(bottom, doc.y);
      x += column.width;
    }
    doc.y = bottom + 4;
    rule(doc, doc.y - 2);
  };
  if (doc.y + 60 > BOTTOM) onNewPage();
  write(doc, fonts, title, MARGIN, doc.y, { size: 12, bold: true });
  doc.y += 4;
  drawHeader();
  for (const row of rows) {
    const height = Math.max(...row.map((cell, i) => heightOf(doc, fonts, cell, (columns[i]?.width ?? 40) - 4, { size: 8.5 }))) + 6;
    if (doc.y + height > BOTTOM) {
      onNewPage();
      write(doc, fonts, `${title} (continued)`, MARGIN, doc.y, { size: 12, bold: true });
      doc.y += 4;
      drawHeader();
    }
    const y = doc.y;
    let x = MARGIN;
    let bottom = y;
    row.forEach((cell, i) => {
      const column = columns[i];
      if (!column) return;
      write(doc, fonts, cell, x + 2, y + 2, { size: 8.5, width: column.width - 4, align: column.align });
      bottom = Math.max(bottom, doc.y);
      x += column.width;
    });
    doc.y = Math.max(bottom, y + height - 2) + 2;
    rule(doc, doc.y - 2, MARGIN, LETTER.width - MARGIN, '#e3e7ec');
  }
  doc.y += 10;
}

function exhibitRefs(numbers: number[], layout: FrontMatterLayout): string {
  return numbers.length === 0 ? 'none attached' : numbers.map((n) => `${n} (p. ${layout.exhibitStart[n - 1] ?? '?'})`).join(', ');
}

function summary(doc: Doc, fonts: FontSet, plan: PacketPlan, layout: FrontMatterLayout): void {
  newPage(doc);
  heading(doc, fonts, 'Summary of activities');
  const continueOnNewPage = () => {
    newPage(doc);
    doc.y = MARGIN;
  };
  const unit = plan.unit.plural;
  const counted = plan.activities.filter((a) => a.counted);
  const notCounted = plan.activities.filter((a) => !a.counted);
  table(
    doc,
    fonts,
    `Counted activities (${counted.length})`,
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
      amount(a.amount),
      exhibitRefs(a.exhibits, layout),
    ]),
    continueOnNewPage,
  );
  if (notCounted.length > 0) {
    table(
      doc,
      fonts,
      `Activities that do not count (${notCounted.length})`,
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
        amount(a.amount),
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
    [`Course ${unit}`, `${amount(c.courses)} of ${amount(c.coursesRequired)} required`],
    ['CPR/AED', `${amount(c.cprAed)} of ${amount(c.cprAedRequired)} required`],
    [`Total ${unit}`, `${amount(c.total)} of ${amount(c.required)} required`],
  ]);
}

function attestation(doc: Doc, fonts: FontSet, plan: PacketPlan): void {
  newPage(doc);
  heading(doc, fonts, 'Attestation');
  const statement =
    `I, ${plan.person.name}, attest that I completed the continuing-education activities listed as counted in this packet, ` +
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
    write(doc, fonts, 'No certificate files are attached to the activities in this packet.', MARGIN, doc.y, { size: 10 });
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

/** Draws the front matter; the section start pages are known only after a first pass. */
export async function renderFrontMatter(
  plan: PacketPlan,
  fonts: FontSet,
  layout: FrontMatterLayout,
  sections: FrontMatter['sections'],
): Promise<FrontMatter> {
  const { doc, done } = createDocument(fonts, {
    Title: `Audit packet — ${plan.person.name} — ${plan.credential.shortName}`,
    Author: plan.person.name,
    Subject: `${plan.credential.name} continuing-education records`,
    Creator: 'Recert',
  });
  const found = { cover: 0, summary: 0, attestation: 0, manifest: 0 };
  const pageCount = () => doc.bufferedPageRange().count;
  cover(doc, fonts, plan, layout, sections);
  found.summary = pageCount();
  summary(doc, fonts, plan, layout);
  found.attestation = pageCount();
  attestation(doc, fonts, plan);
  found.manifest = pageCount();
  manifest(doc, fonts, plan);
  const count = pageCount();
  const caption = captionOf(plan);
  for (let i = 0; i < count; i++) {
    doc.switchToPage(i);
    footer(doc, fonts, LETTER, i + 1, layout.totalPages, caption);
  }
  doc.end();
  return { pdf: await done, pageCount: count, sections: found };
}

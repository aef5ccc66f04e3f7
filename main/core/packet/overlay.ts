// One transparent pdfkit page per exhibit page, laid over it in the packet: the exhibit stamp in the
// top band, the footer in the bottom band and, for a file that cannot be shown, the placeholder text.
import { formatDate } from '../dates';
import { contentBox, type InspectedExhibit } from './exhibits';
import type { FontSet } from './fonts';
import { captionOf } from './front-matter';
import { bytes, COLORS, createDocument, footer, STAMP_BAND, write, withoutBottomMargin, type Doc } from './pen';
import type { Exhibit, PacketPlan } from './plan';

function stamp(doc: Doc, fonts: FontSet, exhibit: Exhibit, page: number, pages: number, width: number): void {
  const text = `Exhibit ${exhibit.number} — ${exhibit.label} — page ${page} of ${pages}`;
  write(doc, fonts, text, 24, 14, { size: 9.5, bold: true, color: COLORS.accent, width: width - 48 });
  doc
    .save()
    .moveTo(24, STAMP_BAND - 6)
    .lineTo(width - 24, STAMP_BAND - 6)
    .lineWidth(0.5)
    .strokeColor(COLORS.rule)
    .stroke()
    .restore();
}

function placeholderBody(
  doc: Doc,
  fonts: FontSet,
  plan: PacketPlan,
  exhibit: Exhibit,
  reason: string,
  fileReadable: boolean,
  box: ReturnType<typeof contentBox>,
  pageHeight: number,
): void {
  // pdfkit measures y from the top; the content box is given from the bottom (PDF space).
  const top = pageHeight - box.y - box.height + 30;
  const x = box.x + 30;
  const width = box.width - 60;
  write(doc, fonts, `Exhibit ${exhibit.number} could not be shown as a page`, x, top, {
    size: 15,
    bold: true,
    color: COLORS.danger,
    width,
  });
  write(doc, fonts, reason, x, doc.y + 8, { size: 11, width });
  write(doc, fonts, `Evidence for: ${exhibit.label}`, x, doc.y + 12, { size: 10, width });
  write(
    doc,
    fonts,
    `File: ${exhibit.fileName} (${bytes(exhibit.size)}, ${exhibit.size} bytes, stored as ${exhibit.mediaType})`,
    x,
    doc.y + 4,
    { size: 10, width },
  );
  write(doc, fonts, 'SHA-256:', x, doc.y + 4, { size: 10, width });
  write(doc, fonts, exhibit.sha256, x, doc.y + 1, { size: 9, mono: true, width });
  write(
    doc,
    fonts,
    fileReadable
      ? `The original file is attached to this PDF as "${exhibit.fileName}": open your PDF reader's attachments panel to save it. Its SHA-256 above proves it is the file Recert holds.`
      : 'The file itself is missing from the Recert data folder, so it could not be attached. Restore the data folder from a backup and export again.',
    x,
    doc.y + 10,
    { size: 10, width, color: COLORS.muted },
  );
  write(doc, fonts, `Packet generated ${formatDate(plan.generatedOn)}.`, x, doc.y + 6, { size: 9, width, color: COLORS.muted });
  // The frame is drawn last, around what was written.
  doc
    .save()
    .rect(box.x + 10, top - 16, box.width - 20, doc.y - top + 32)
    .lineWidth(1)
    .dash(4, { space: 3 })
    .strokeColor(COLORS.danger)
    .stroke()
    .restore();
}

/** Renders the overlays for every exhibit page; `firstPage` is the packet page number of the first exhibit page. */
export async function renderOverlays(
  plan: PacketPlan,
  fonts: FontSet,
  inspected: InspectedExhibit[],
  firstPage: number,
  totalPages: number,
): Promise<Buffer> {
  const { doc, done } = createDocument(fonts, { Title: 'overlays', Creator: 'Recert' });
  const caption = captionOf(plan);
  let pageNumber = firstPage;
  plan.exhibits.forEach((exhibit, i) => {
    const info = inspected[i];
    if (!info) return;
    info.pages.forEach((size, p) => {
      doc.addPage({ size: [size.width, size.height], margin: 0 });
      withoutBottomMargin(doc, () => {
        stamp(doc, fonts, exhibit, p + 1, info.pages.length, size.width);
        if (info.kind === 'placeholder')
          placeholderBody(doc, fonts, plan, exhibit, info.reason, info.fileReadable, contentBox(size), size.height);
      });
      footer(doc, fonts, size, pageNumber, totalPages, caption);
      pageNumber += 1;
    });
  });
  if (doc.bufferedPageRange().count === 0) doc.addPage({ size: 'LETTER', margin: 0 });
  doc.end();
  return done;
}

// A PDF's own text with positions (unpdf, a packaging of Mozilla's pdf.js for servers), and for a
// scanned PDF without text, the page's photo itself (a JPEG embedded as it was taken) for OCR.
import { PDFDict, PDFName, PDFRawStream, PDFDocument } from '@cantoo/pdf-lib';
import { getDocumentProxy } from 'unpdf';
import { UnreadableFile } from './bounds';
import type { TextPiece } from './lines';

/** A certificate is on its first pages; a long transcript's fields are too. */
const PAGES_READ = 3;

export { UnreadableFile };

export async function pdfTextPieces(bytes: Uint8Array): Promise<TextPiece[]> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of the buffer it is given: a copy keeps the caller's bytes intact.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password/i.test(message) || (error as { name?: string }).name === 'PasswordException')
      throw new UnreadableFile('The PDF is locked with a password.');
    throw new UnreadableFile(`The PDF is damaged (${message.slice(0, 120)}).`);
  }
  try {
    const pieces: TextPiece[] = [];
    for (let number = 1; number <= Math.min(pdf.numPages, PAGES_READ); number++) {
      const page = await pdf.getPage(number);
      const [, , , top = 792] = page.view;
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [, , , , x = 0, baseline = 0] = item.transform as number[];
        pieces.push({ text: item.str, x, y: top - baseline - item.height, width: item.width, height: item.height || 10, page: number });
      }
    }
    return pieces;
  } finally {
    // Ends pdf.js's work for this document (its loading task owns the parser); the proxy's own type
    // is not shipped with unpdf's declarations.
    await (pdf as unknown as { loadingTask: { destroy(): Promise<void> } }).loadingTask.destroy();
  }
}

/** The largest JPEG image on the PDF's first page: what a scanner or phone app puts in a PDF. */
export async function scannedPageImage(bytes: Uint8Array): Promise<Uint8Array | null> {
  const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  const [page] = pdf.getPages();
  const objects = page?.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  let best: Uint8Array | null = null;
  for (const [, ref] of objects?.entries() ?? []) {
    const stream = pdf.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) continue;
    if (stream.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    if (stream.dict.get(PDFName.of('Filter')) !== PDFName.of('DCTDecode')) continue;
    if (!best || stream.contents.length > best.length) best = stream.contents;
  }
  return best;
}

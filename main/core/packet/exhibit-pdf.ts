// A certificate PDF opened for the packet, holding none of the file's bytes once opened. pdf-lib's
// streams are views into the file's bytes, and its copies into the packet views again, so every
// scan stayed in memory whole until the packet was saved, all of a packet's scans at once. Here the
// large streams (a scan's page images) become FileBackedStreams of the same bytes, read again when
// the packet is written, and the small ones (page content, fonts) are copied out, so that nothing
// refers to the file's bytes any more and the opened document can wait for its pages to be drawn.
import { PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef } from '@cantoo/pdf-lib';
import { FileBackedStream, type FileStamp } from './file-stream';

/** Streams at least this large stay in the file; fewer, smaller ones are not worth a read each. */
export const FILE_BACKED_MIN_BYTES = 64 * 1024;

/** Opens a PDF, including one with only an owner password (empty user password). */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { password: '', updateMetadata: false });
}

/** The refs of the pages' content streams: pdf-lib decodes those itself when it embeds a page. */
function contentRefs(doc: PDFDocument): Set<PDFRef> {
  const refs = new Set<PDFRef>();
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const parts = contents instanceof PDFArray ? contents.asArray() : [contents];
    for (const part of parts) if (part instanceof PDFRef) refs.add(part);
  }
  return refs;
}

/** `bytes` are the file's at `file.path`, read after `file.stamp` was taken. */
export async function openExhibitPdf(bytes: Buffer, file: { path: string; stamp: FileStamp }): Promise<PDFDocument> {
  const doc = await openPdf(bytes);
  const { context } = doc;
  const decodedByPdfLib = contentRefs(doc);
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const { contents } = object;
    // Decrypted streams (a PDF with an owner password) are pdf-lib's own copies, not the file's bytes.
    if (contents.buffer !== bytes.buffer) continue;
    if (contents.length >= FILE_BACKED_MIN_BYTES && !decodedByPdfLib.has(ref)) {
      const piece = { offset: contents.byteOffset - bytes.byteOffset, length: contents.length };
      context.assign(ref, new FileBackedStream(object.dict, file.path, file.stamp, [piece]));
    } else {
      context.assign(ref, PDFRawStream.of(object.dict, new Uint8Array(contents)));
    }
  }
  return doc;
}
